import fc from 'fast-check'
import { strToU8 } from 'fflate'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { addDays, vietnamToday } from '../../kernel/calendar.ts'
import type { Report, ThinReport } from '../../kernel/contract/reports.ts'
import { thickReport } from '../../kernel/domain/report-wire.ts'
import { personStatuses, type PersonCategory, type PersonStatus } from '../../kernel/vocabulary.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'

const courtOn = (day: string) => ({ ...decisionOn(day, '05/QĐ-TA (thử)'), signer: 'Thẩm phán (thử)', signerRole: 'court', body: 'Tòa án nhân dân (thử)' })
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// Period-true figures (decision 0034): random histories of commands, run through the real app on a real libSQL
// province database, against what the test itself saw of each person after each command. A quarter's
// head-counts equal a direct count over that history as of the quarter's end, and the quarter's report does not
// change after later registrations, plan changes, moves and an import of old records.

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let now = new Date('2025-01-01T03:00:00Z')
let cookie = ''
let communes: string[] = []
let seq = 0

const today = () => vietnamToday(now)
const setDay = (day: string) => {
  now = new Date(`${day}T03:00:00Z`)
}
const call = async (path: string, init: RequestInit = {}) =>
  t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
const post = async (path: string, body: unknown, method = 'POST') => {
  const res = await call(path, jsonBody(method, body))
  return res.ok ? ((await res.json()) as { data: Record<string, unknown> }).data : null
}
const report = async (period: string): Promise<Report> => {
  const res = await call(`/reports?period=${period}`)
  if (!res.ok) throw new Error(`report ${period}: ${res.status} ${await res.text()}`)
  return thickReport(((await res.json()) as { data: ThinReport }).data)
}
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
const quarterEnd = (day: string) => {
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3)
  const next = q === 3 ? `${Number(day.slice(0, 4)) + 1}-01-01` : `${day.slice(0, 4)}-${String(q * 3 + 4).padStart(2, '0')}-01`
  return addDays(next, -1)
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  db = (await t.deps.tenants.resolve('82'))!.db
  communes = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 60 })).map((c) => c.code)
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'history-officer', role: 'commune_officer', province: '82', communes }),
  )
})
afterAll(() => platform.cleanup())

/** What the test knows of a person: each (status, commune, category) it saw, from the day it took effect. */
interface Seen {
  id: string
  version: number
  createdOn: string
  registeredOn: string
  history: { on: string; status: PersonStatus; commune: string; category: PersonCategory }[]
  plan?: { id: string; version: number } | undefined
  referral?: { id: string; version: number } | undefined
  methadone?: { id: string; version: number } | undefined
}

const STEP_KINDS = ['register', 'register', 'plan', 'terminate', 'referral', 'admit', 'methadone', 'methadoneEnd', 'management', 'move'] as const
type StepKind = (typeof STEP_KINDS)[number]
const step = fc.record({
  kind: fc.constantFrom<StepKind>(...STEP_KINDS),
  who: fc.nat(50),
  category: fc.constantFrom<PersonCategory>('drug_user', 'dependent', 'post_rehab'),
  commune: fc.nat(1),
  gap: fc.integer({ min: 0, max: 12 }),
  /** The record's own date this many days before the day it is recorded. */
  back: fc.integer({ min: 0, max: 3 }),
})
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

async function refresh(p: Seen, on: string): Promise<void> {
  const res = await call(`/persons/${p.id}`)
  const person = ((await res.json()) as { data: { status: PersonStatus; communeCode: string; category: PersonCategory; version: number } }).data
  p.version = person.version
  const last = p.history.at(-1)!
  if (last.status === person.status && last.commune === person.communeCode && last.category === person.category) return
  // The record's date, never before the change the person is in (decision 0034).
  p.history.push({ on: on > last.on ? on : last.on, status: person.status, commune: person.communeCode, category: person.category })
}

async function run(s: Step, people: Seen[], pair: readonly [string, string]): Promise<void> {
  setDay(addDays(today(), s.gap))
  const on = addDays(today(), -s.back)
  if (s.kind === 'register' || people.length === 0) {
    const made = await post('/persons', {
      fullName: 'Người Thử Lịch Sử',
      birthDate: '1990-01-01',
      sex: 'male',
      citizenId: `0790900${String(++seq).padStart(5, '0')}`,
      communeCode: pair[s.commune]!,
      category: s.category,
      ...(s.category === 'dependent' ? { addictionDeterminedOn: '2024-01-02', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
    })
    if (!made) throw new Error('registration refused')
    people.push({
      id: made.id as string,
      version: made.version as number,
      createdOn: today(),
      registeredOn: today(),
      // A registration's history starts the day it is recorded.
      history: [{ on: today(), status: made.status as PersonStatus, commune: made.communeCode as string, category: made.category as PersonCategory }],
    })
    return
  }
  const p = people[s.who % people.length]!
  // Never before the person's own registration (the commands refuse most such dates anyway).
  const day = [on, p.createdOn].sort().at(-1)!
  switch (s.kind) {
    case 'plan': {
      const plan = await post(`/persons/${p.id}/plans`, {
        form: 'family',
        registeredOn: day,
        startOn: day,
        plannedEndOn: addDays(day, 200),
        members: [{ name: 'Tổ (thử)', role: 'tv' }],
        stages: [],
      })
      if (!plan) break
      const active = await post(`/plans/${plan.id}/transitions`, { to: 'active', version: 1, decision: decisionOn(day) })
      p.plan = { id: plan.id as string, version: (active?.version as number | undefined) ?? 1 }
      break
    }
    case 'terminate':
      if (p.plan) {
        const done = await post(`/plans/${p.plan.id}/transitions`, { to: 'terminated', version: p.plan.version, reason: 'drug_use', decision: decisionOn(day) })
        if (done) p.plan = undefined
      }
      break
    case 'referral': {
      const made = await post(`/persons/${p.id}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: day })
      if (made) p.referral = { id: made.id as string, version: made.version as number }
      break
    }
    case 'admit':
      if (p.referral) {
        const admitted = await post(`/referrals/${p.referral.id}/admission`, {
          version: p.referral.version,
          decision: courtOn(day),
          facility: 'Cơ sở cai nghiện (thử)',
          admittedOn: day,
        })
        if (admitted) p.referral.version = admitted.version as number
      }
      break
    case 'methadone': {
      const made = await post(`/persons/${p.id}/methadone`, { facility: 'Cơ sở methadone (thử)', startOn: day })
      if (made) p.methadone = { id: made.id as string, version: made.version as number }
      break
    }
    case 'methadoneEnd':
      if (p.methadone && (await post(`/methadone/${p.methadone.id}/end`, { version: p.methadone.version, endOn: day, reason: 'completed' })))
        p.methadone = undefined
      break
    case 'management':
      await post(`/persons/${p.id}/management-periods`, { startOn: day, measures: 'Theo dõi tại địa phương (thử)', decision: decisionOn(day) })
      break
    case 'move': {
      const here = p.history.at(-1)!.commune
      await post(`/persons/${p.id}`, { version: p.version, communeCode: here === pair[0] ? pair[1] : pair[0] }, 'PATCH')
      // A move takes effect the day it is recorded.
      return refresh(p, today())
    }
  }
  await refresh(p, day)
}

/** The test's own count: each person's state as of `end` (the last change on or before it), in `commune`. */
function seenAt(people: readonly Seen[], commune: string, end: string) {
  const byStatus = Object.fromEntries(personStatuses.map((s) => [s, 0])) as Record<PersonStatus, number>
  const onList = { drug_user: 0, dependent: 0, post_rehab: 0, total: 0 }
  let registered = 0
  for (const p of people) {
    const at = p.history.filter((h) => h.on <= end).at(-1)
    if (
      p.history[0]!.commune === commune &&
      p.registeredOn <= end &&
      p.registeredOn >= `${end.slice(0, 5)}${String(Number(end.slice(5, 7)) - 2).padStart(2, '0')}-01`
    )
      registered += 1
    if (!at || at.commune !== commune) continue
    byStatus[at.status] += 1
    if (at.status !== 'closed' && at.status !== 'transferred') {
      onList[at.category] += 1
      onList.total += 1
    }
  }
  return { byStatus, onList, registered }
}

/** The same count straight from the status history's spans, in SQL (the deltas must add up to it). */
async function spansAt(commune: string, end: string): Promise<Record<string, number>> {
  const rows = await db.all<{ status: string; n: number }>(
    sql`select status, count(*) as n from person_status_periods where commune_code = ${commune} and from_on <= ${end} and (to_on is null or to_on > ${end}) group by status`,
  )
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

const values = <T extends Record<string, { value: number }>>(figures: T) =>
  Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, f.value])) as Record<keyof T, number>

/** An old list imported later: registered in 2024 by the list, on the list from the import day only. */
async function importOldList(commune: string): Promise<void> {
  const header = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã xã', 'Phân loại', 'Ngày lập hồ sơ']
  const rows = [0, 1].map((i) => [
    'Người Trong Danh Sách Cũ',
    '01/01/1988',
    'Nam',
    `0790880${String(++seq).padStart(5, '0')}`,
    commune,
    'Sử dụng trái phép',
    `1${i}/03/2024`,
  ])
  const form = new FormData()
  form.append('file', new File([strToU8([header, ...rows].map((r) => r.join(',')).join('\r\n')) as Uint8Array<ArrayBuffer>], 'danh-sach-2024.csv'))
  const res = await call('/imports', { method: 'POST', body: form })
  if (!res.ok) throw new Error(`import: ${res.status} ${await res.text()}`)
  const { data } = (await res.json()) as { data: { import: { imported: number } } }
  if (data.import.imported !== 2) throw new Error(`imported ${data.import.imported}`)
}

describe('period-true figures over random histories', () => {
  let runNo = 0
  it('equal a direct count over the history at the quarter end, and stay the same after later changes and an old import', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 22 }), fc.array(step, { minLength: 2, maxLength: 8 }), async (before, after) => {
        const pair = [communes[2 * runNo]!, communes[2 * runNo + 1]!] as const
        runNo += 1
        setDay(`2025-0${1 + (runNo % 3)}-0${1 + (runNo % 7)}`)
        const people: Seen[] = []
        for (const s of before) await run(s, people, pair)
        const quarter = quarterOf(today())
        const end = quarterEnd(today())
        const first = await report(quarter)
        for (const commune of pair) {
          const figures = first.byCommune.find((c) => c.code === commune)!.cases
          const seen = seenAt(people, commune, end)
          expect(values(figures.byStatus)).toEqual(seen.byStatus)
          expect(values(figures.underManagement)).toEqual(seen.onList)
          expect(figures.newRegistrations.value).toBe(seen.registered)
          const spans = await spansAt(commune, end)
          for (const status of personStatuses) expect(figures.byStatus[status].value).toBe(spans[status] ?? 0)
        }
        // Later: the day after the quarter's end and on, with records dated then; then an old list imported.
        setDay(addDays(end, 1))
        for (const s of after) await run({ ...s, back: 0 }, people, pair)
        await importOldList(pair[0])
        const again = await report(quarter)
        for (const commune of pair) {
          const a = first.byCommune.find((c) => c.code === commune)!.cases
          const b = again.byCommune.find((c) => c.code === commune)!.cases
          expect({ byStatus: b.byStatus, underManagement: b.underManagement, newRegistrations: b.newRegistrations }).toEqual({
            byStatus: a.byStatus,
            underManagement: a.underManagement,
            newRegistrations: a.newRegistrations,
          })
        }
        // The province's totals too: every figure of the cases (moves shift some records between the two communes).
        expect(again.total.cases).toEqual(first.total.cases)
        // The old list adds no registration to the quarter it was imported in: only those made in Bình An then.
        const current = await report(quarterOf(today()))
        const madeNow = people.filter((p) => p.history[0]!.commune === pair[0] && quarterOf(p.registeredOn) === quarterOf(today())).length
        expect(current.byCommune.find((c) => c.code === pair[0])!.cases.newRegistrations.value).toBe(madeNow)
      }),
      { numRuns: 12 },
    )
  }, 240_000)
})
