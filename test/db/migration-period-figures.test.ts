// Migration 0015 on a province already in use (decision 0034): registration dates, the status history and its
// monthly deltas, and each plan's last review day, backfilled from the records as best known; the phones' change
// log is not fed by the backfill.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'binhan-m0015-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function migrationsBefore(): string {
  const folder = join(dir, 'before')
  cpSync('db/tenant/migrations', folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.tag < '0015')
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

// Noon in Vietnam on the day: what a row made that day carries as created_at.
const at = (day: string) => Date.parse(`${day}T05:00:00Z`)

describe('tenant migration 0015 (period figures)', () => {
  it('backfills registration dates, the status history and last reviews, and keeps them from then on', async () => {
    const client = createClient({ url: `file:${join(dir, 'tenant.db')}` })
    const db = drizzle(client)
    await migrate(db, { migrationsFolder: migrationsBefore() })
    const person = (id: string, category: string, status: string, created: string) =>
      client.execute({
        sql: `insert into persons (id, full_name, name_key, birth_date, sex, citizen_id, commune_code, category, status, version, created_at, updated_at)
              values (?, 'Người Thử', 'nguoi thu', '1990-01-01', 'male', ?, '29999', ?, ?, 1, ?, ?)`,
        args: [id, `07909${id.padStart(7, '0')}`, category, status, at(created), at(created)],
      })
    // Registered in Bình An in 2024, in rehab since a plan registered in March 2025.
    await person('1', 'dependent', 'in_rehab', '2024-06-10')
    await client.execute(`insert into rehab_plans (id, person_id, commune_code, form, registered_on, start_on, planned_end_on, status, members, stages, version, created_at, updated_at)
      values ('plan-1', '1', '29999', 'family', '2025-03-01', '2025-03-02', '2025-09-02', 'active', '[]', '[]', 2, ${at('2025-03-01')}, ${at('2025-03-01')})`)
    await client.execute(`insert into reviews (id, person_id, plan_id, commune_code, reviewed_on, attended, drug_test, risk_level, version, created_at, updated_at)
      values ('r1', '1', 'plan-1', '29999', '2025-04-01', 1, 'negative', 'low', 1, 0, 0), ('r2', '1', 'plan-1', '29999', '2025-05-03', 1, 'negative', 'low', 1, 0, 0)`)
    // Imported in 2025 (an import row names them): registration date unknown; under management since.
    await person('2', 'drug_user', 'under_management', '2025-02-20')
    await client.execute(`insert into imports (id, file_name, file_hash, format, rows_total, imported, rejected, rejected_by_reason, created_at, created_by)
      values ('imp', 'ds.csv', 'h', 'csv', 1, 1, 0, '{}', ${at('2025-02-20')}, null)`)
    await client.execute(`insert into import_rows (import_id, row_number, outcome, person_id) values ('imp', 2, 'imported', '2')`)
    const changesBefore = Number((await client.execute('select count(*) as n from change_log')).rows[0]!.n)

    await migrate(db, { migrationsFolder: 'db/tenant/migrations' })

    const persons = (await client.execute('select id, registered_on, status_since from persons order by id')).rows
    expect(persons.map((p) => [p.id, p.registered_on, p.status_since])).toEqual([
      ['1', '2024-06-10', '2025-03-01'],
      ['2', null, '2025-02-20'],
    ])
    // Person 1: awaiting registration (their category's first status) from registration, in rehab from the plan.
    const spans = (await client.execute('select person_id, from_on, to_on, status from person_status_periods order by person_id, from_on')).rows
    expect(spans.map((s) => [s.person_id, s.from_on, s.to_on, s.status])).toEqual([
      ['1', '2024-06-10', '2025-03-01', 'awaiting_registration'],
      ['1', '2025-03-01', null, 'in_rehab'],
      ['2', '2025-02-20', null, 'under_management'],
    ])
    const headCount = async (month: string) =>
      Object.fromEntries(
        (
          await client.execute({
            sql: 'select status, sum(n) as n from report_status_deltas where month <= ? group by status having sum(n) <> 0',
            args: [month],
          })
        ).rows.map((r) => [r.status, Number(r.n)]),
      )
    expect(await headCount('2024-12')).toEqual({ awaiting_registration: 1 })
    expect(await headCount('2025-03')).toEqual({ in_rehab: 1, under_management: 1 })
    expect((await client.execute("select last_reviewed_on from rehab_plans where id = 'plan-1'")).rows[0]!.last_reviewed_on).toBe('2025-05-03')
    // The backfill sent nothing to the phones.
    expect(Number((await client.execute('select count(*) as n from change_log')).rows[0]!.n)).toBe(changesBefore)

    // From now on the triggers keep them: a new review, and a status change dated by its record.
    await client.execute(`insert into reviews (id, person_id, plan_id, commune_code, reviewed_on, attended, drug_test, risk_level, version, created_at, updated_at)
      values ('r3', '1', 'plan-1', '29999', '2025-06-02', 1, 'negative', 'low', 1, 0, 0)`)
    expect((await client.execute("select last_reviewed_on from rehab_plans where id = 'plan-1'")).rows[0]!.last_reviewed_on).toBe('2025-06-02')
    await client.execute(`update persons set status = 'closed', status_since = '2025-07-15', version = 2 where id = '2'`)
    expect(await headCount('2025-06')).toEqual({ in_rehab: 1, under_management: 1 })
    expect(await headCount('2025-07')).toEqual({ in_rehab: 1, closed: 1 })
    // A change dated before the span it ends is kept at that span's start: one person's spans never overlap.
    await client.execute(`update persons set status = 'post_rehab', status_since = '2025-01-01', version = 3 where id = '2'`)
    const last = (await client.execute("select from_on, to_on, status from person_status_periods where person_id = '2' order by id")).rows
    expect(last.map((s) => [s.from_on, s.to_on, s.status])).toEqual([
      ['2025-02-20', '2025-07-15', 'under_management'],
      ['2025-07-15', '2025-07-15', 'closed'],
      ['2025-07-15', null, 'post_rehab'],
    ])
    client.close()
  })
})
