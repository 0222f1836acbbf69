// Node: the committed migrations read from disk, in the shape db/provision/migrator.ts applies.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { isContractSql, type Migration } from './migrator.ts'

export const controlMigrationsFolder = fileURLToPath(new URL('../control/migrations', import.meta.url))
export const tenantMigrationsFolder = fileURLToPath(new URL('../tenant/migrations', import.meta.url))

const Journal = v.object({ entries: v.array(v.object({ tag: v.string(), when: v.number() })) })

export function readMigrations(folder: string): Migration[] {
  const journal = v.parse(Journal, JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')))
  return journal.entries.map(({ tag, when }) => {
    const text = readFileSync(`${folder}/${tag}.sql`, 'utf8')
    return {
      tag,
      when,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text.split('--> statement-breakpoint'),
      contract: isContractSql(text),
    }
  })
}
