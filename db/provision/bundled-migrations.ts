// Workers: the tenant migrations from the bundled SQL (no file system there). Same records as on Node.
import { tenantMigrations } from '../tenant/migrations/bundle.ts'
import type { TenantDb } from '../types.ts'
import { applyPending } from './migrator.ts'

export async function migrateTenantFromBundle(db: TenantDb): Promise<string> {
  await applyPending(db, tenantMigrations)
  const last = tenantMigrations.at(-1)
  if (!last) throw new Error('No bundled tenant migrations')
  return last.tag
}
