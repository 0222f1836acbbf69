/**
 * Where a province's database lives. Onboarding talks only to this interface, so the same steps
 * provision an embedded libSQL file (self-hosting, development) or a Turso database (Workers).
 */
export interface Provisioner {
  readonly provider: 'embedded' | 'turso'
  /** Creates the database if it does not exist yet; calling it again returns the same location. */
  ensureDatabase(dbName: string): Promise<ProvisionedDatabase>
}

export interface ProvisionedDatabase {
  /** Canonical location stored in the tenant registry: a path relative to DATA_DIR, or a libsql:// URL. */
  location: string
  /** True when this call created it. */
  created: boolean
}

/** Database names are derived, never typed: one per province, stable across reruns. */
export function tenantDbName(provinceCode: string): string {
  return `binhan-p${provinceCode}`
}
