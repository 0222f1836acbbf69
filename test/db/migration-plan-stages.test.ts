// Migration 0010 on a province that already has plans: the old four stages renamed and the law's first added,
// "relapse" terminations renamed drug_use, and past completions' certificates turned into their decision.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { normalizeStages } from '../../kernel/domain/plan-stages.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-m0010-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The tenant migrations as they were before 0010. */
function migrationsBefore(): string {
  const folder = join(dir, 'before')
  cpSync('db/tenant/migrations', folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.tag < '0010')
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

describe('tenant migration 0010 (plan stages and decisions)', () => {
  it('migrates the stored plans, reasons and certificates of a province in use', async () => {
    const client = createClient({ url: `file:${join(dir, 'tenant.db')}` })
    const db = drizzle(client)
    await migrate(db, { migrationsFolder: migrationsBefore() })
    const stages = JSON.stringify([
      { stage: 'withdrawal_detox', activities: ['Cắt cơn'] },
      { stage: 'counselling_education', activities: [] },
      { stage: 'vocational_support', activities: ['Học nghề'] },
    ])
    const plan = (id: string, status: string, completion: [string, string, string] | null) =>
      client.execute({
        sql: `insert into rehab_plans (id, person_id, commune_code, form, registered_on, start_on, planned_end_on, status, members, completion_number, completion_date, completion_signer, stages, version, created_at, updated_at)
              values (?, 'p-' || ?, '29999', 'family', '2025-01-01', '2025-01-02', '2025-08-02', ?, '[]', ?, ?, ?, ?, 3, 0, 0)`,
        args: [id, id, status, completion?.[0] ?? null, completion?.[1] ?? null, completion?.[2] ?? null, id === 'empty' ? '[]' : stages],
      })
    await plan('done', 'completed', ['GXN-1 (thử)', '2025-08-05', 'Chủ tịch (thử)'])
    await plan('ended', 'terminated', null)
    await plan('empty', 'active', null)
    await client.execute(`insert into plan_transitions (plan_id, from_status, to_status, reason, at) values
      ('done', 'active', 'completed', null, 0), ('ended', 'active', 'terminated', 'relapse', 0), ('ended', 'draft', 'active', null, 0)`)

    await migrate(db, { migrationsFolder: 'db/tenant/migrations' })

    const plans = (await client.execute('select id, stages from rehab_plans order by id')).rows
    for (const row of plans) {
      const stored = JSON.parse(String(row.stages)) as { stage: string }[]
      expect(stored[0]!.stage, String(row.id)).toBe('intake_classification')
      expect(normalizeStages(stored).map((s) => s.stage)).toEqual([
        'intake_classification',
        'detox_treatment',
        'education_counselling',
        'work_vocational',
        'reintegration',
      ])
    }
    const done = JSON.parse(String(plans.find((r) => r.id === 'done')!.stages)) as { stage: string; activities: string[] }[]
    expect(done.map((s) => s.stage)).toEqual(['intake_classification', 'detox_treatment', 'education_counselling', 'work_vocational'])
    expect(done[3]!.activities).toEqual(['Học nghề'])
    const transitions = (await client.execute('select plan_id, to_status, reason, decision from plan_transitions order by id')).rows
    expect(parseStoredDecision(transitions[0]!.decision as string)).toEqual({
      number: 'GXN-1 (thử)',
      date: '2025-08-05',
      signer: 'Chủ tịch (thử)',
      signerRole: 'other',
      body: 'không ghi',
    })
    expect(transitions[1]).toMatchObject({ reason: 'drug_use', decision: null })
    expect(transitions[2]).toMatchObject({ decision: null })
    client.close()
  })
})
