import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { tenantStatuses } from '../../../kernel/vocabulary.ts'

export { tenantStatuses, type TenantStatus } from '../../../kernel/vocabulary.ts'

/** The province registry: one row per onboarded (or onboarding) province and where its database lives. */
export const tenants = sqliteTable('tenants', {
  provinceCode: text('province_code').primaryKey(),
  status: text('status', { enum: tenantStatuses }).notNull(),
  /** 'embedded' (a libSQL file under DATA_DIR) or 'turso'. */
  provider: text('provider', { enum: ['embedded', 'turso'] }).notNull(),
  dbName: text('db_name').notNull(),
  /** Canonical location given by the provisioner: a path relative to DATA_DIR, or a libsql:// URL. */
  dbLocation: text('db_location'),
  schemaVersion: text('schema_version'),
  /**
   * Random id also written into the province database (tenant_meta `database_id`) when it is seeded; every
   * open compares the two, so another province's file, a stray copy or an empty file never passes for this
   * province (decision 0017). Null only for provinces onboarded before it existed, until the back-fill.
   */
  databaseId: text('database_id'),
  /** Why the database was last found unusable (a TenantDbProblem), or null. Corruption stays until a full check passes. */
  dbFault: text('db_fault'),
  dbFaultAt: integer('db_fault_at', { mode: 'timestamp_ms' }),
  communeCount: integer('commune_count'),
  /** Workers: the id of the Workflow instance onboarding this province (decision 0031); null on Node. */
  onboardingJob: text('onboarding_job'),
  /** Why the last onboarding run stopped, in English (shown on the Provinces screen); cleared by the next run. */
  onboardingError: text('onboarding_error'),
  onboardingErrorAt: integer('onboarding_error_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  activatedAt: integer('activated_at', { mode: 'timestamp_ms' }),
  suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }),
})
