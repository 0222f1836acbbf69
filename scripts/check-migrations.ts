// The migration rule of decision 0031, checked in `npm run lint`:
//   - a migration not marked `-- contract` (first line) only adds: it drops no table or column and renames
//     nothing, so the release before it keeps working on a migrated database (expand → deploy → contract).
//     drizzle-kit's table rebuild (`__new_t` filled, `t` dropped, `__new_t` renamed to `t`) is allowed: the
//     table keeps its name; whether it keeps its columns is for the reviewer (the rebuild lists them);
//   - db/tenant/migrations/bundle.ts, which the Worker's onboarding migrates from, matches the SQL files.
//   node scripts/check-migrations.ts
import { readFileSync } from 'node:fs'
import { controlMigrationsFolder, readMigrations, tenantMigrationsFolder } from '../db/provision/migration-files.ts'
import { renderBundle } from './bundle-migrations.ts'

const REBUILT = /ALTER TABLE\s+[`"]?__new_(\w+)[`"]?\s+RENAME TO\s+[`"]?(\w+)[`"]?/gi

/** What in one migration's SQL breaks the release before it; empty for an additive one or a contract step. */
export function checkMigrationSql(tag: string, statements: readonly string[], contract: boolean): string[] {
  if (contract) return []
  const text = statements.join('\n')
  const rebuilt = new Set([...text.matchAll(REBUILT)].filter((m) => m[1] === m[2]).map((m) => m[1]!.toLowerCase()))
  const problems: string[] = []
  for (const m of text.matchAll(/DROP TABLE\s+(?:IF EXISTS\s+)?[`"]?(\w+)[`"]?/gi)) {
    if (!rebuilt.has(m[1]!.toLowerCase())) problems.push(`${tag}: drops table ${m[1]}`)
  }
  for (const m of text.matchAll(/DROP COLUMN\s+[`"]?(\w+)[`"]?/gi)) problems.push(`${tag}: drops column ${m[1]}`)
  for (const m of text.matchAll(/RENAME COLUMN\s+[`"]?(\w+)[`"]?/gi)) problems.push(`${tag}: renames column ${m[1]}`)
  for (const m of text.matchAll(/ALTER TABLE\s+[`"]?(\w+)[`"]?\s+RENAME TO\s+[`"]?(\w+)[`"]?/gi)) {
    if (!(m[1] === `__new_${m[2]}`)) problems.push(`${tag}: renames table ${m[1]}`)
  }
  return problems
}

if (import.meta.main) {
  const problems: string[] = []
  for (const [name, folder] of [
    ['control', controlMigrationsFolder],
    ['tenant', tenantMigrationsFolder],
  ] as const) {
    for (const m of readMigrations(folder)) {
      for (const p of checkMigrationSql(m.tag, m.statements, m.contract)) {
        problems.push(`${name} ${p}: mark it "-- contract" (first line) and ship it a release after the code stops using it`)
      }
    }
  }
  if (readFileSync(`${tenantMigrationsFolder}/bundle.ts`, 'utf8') !== renderBundle()) {
    problems.push('db/tenant/migrations/bundle.ts is stale: run node scripts/bundle-migrations.ts')
  }
  for (const p of problems) console.error(p)
  if (problems.length > 0) process.exit(1)
  console.log('migrations: expand-only outside contract steps; bundle up to date')
}
