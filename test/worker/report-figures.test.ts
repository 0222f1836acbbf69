import { strFromU8, strToU8, unzipSync } from 'fflate'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { addDays } from '../../kernel/calendar.ts'
import type { Report, ThinReport } from '../../kernel/contract/reports.ts'
import { thickReport } from '../../kernel/domain/report-wire.ts'
import { bandOf } from '../../worker/services/reports.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'

const courtOn = (day: string) => ({ ...decisionOn(day, '05/QĐ-TA (thử)'), signer: 'Thẩm phán (thử)', signerRole: 'court', body: 'Tòa án nhân dân (thử)' })
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// The sơ kết figures beyond head-counts (decision 0034), on a small hand-counted province: the legal path's
// records, post-rehab contacts with employment, minors in bands, the activity log and a B93 club with its
// members' outcomes — each beside the same quarter of the year before.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let now = new Date('2025-08-10T03:00:00Z')
let x: string
let y: string
let cookie = ''
let seq = 0
const setDay = (day: string) => {
  now = new Date(`${day}T03:00:00Z`)
}
const ok = async (path: string, body?: unknown, method = 'POST') => {
  const res = await t.request(`/api/p/82${path}`, {
    ...(body === undefined ? {} : jsonBody(method, body)),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie },
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`)
  return JSON.parse(text).data
}
const register = async (category: 'dependent' | 'drug_user', more: Record<string, unknown> = {}) =>
  ok('/persons', {
    fullName: 'Người Thử Báo Cáo',
    birthDate: '1990-01-01',
    sex: 'male',
    citizenId: `0790900${String(++seq).padStart(5, '0')}`,
    communeCode: x,
    category,
    ...(category === 'dependent' ? { addictionDeterminedOn: '2024-01-02', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
    ...more,
  })
const startPlan = async (personId: string, day: string) => {
  const plan = await ok(`/persons/${personId}/plans`, {
    form: 'family',
    registeredOn: day,
    startOn: day,
    plannedEndOn: addDays(day, 200),
    members: [{ name: 'Tổ (thử)', role: 'tv' }],
    stages: [],
  })
  await ok(`/plans/${plan.id}/transitions`, { to: 'active', version: 1, decision: decisionOn(day) })
}
const report = async (period: string): Promise<Report> => thickReport((await ok(`/reports?period=${period}`)) as ThinReport)
const v = (value: number, previousYear = 0) => ({ value, previousYear })

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  db = (await t.deps.tenants.resolve('82'))!.db
  ;[x, y] = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code) as [string, string]
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'figures-officer', role: 'commune_officer', province: '82', communes: [x, y] }),
  )

  // The same quarter of the year before (2025-Q3): one registration, one plan started, one awareness session.
  const d1 = await register('dependent')
  await startPlan(d1.id, '2025-08-10')
  await ok('/activities', { communeCode: x, kind: 'awareness_session', heldOn: '2025-08-08', organiser: 'youth_union', count: 1, participants: 40 })

  // 2026-Q3.
  setDay('2026-07-10')
  const d2 = await register('dependent')
  await startPlan(d2.id, '2026-07-10')
  const d3 = await register('drug_user')
  await ok(`/persons/${d3.id}/management-periods`, { startOn: '2026-07-10', measures: 'Theo dõi (thử)', decision: decisionOn('2026-07-10') })
  await register('drug_user', {
    fullName: 'Người Chưa Thành Niên Thử',
    birthDate: '2011-03-01',
    sex: 'female',
    citizenId: `079311${String(++seq).padStart(6, '0')}`,
    legalRepresentative: { name: 'Mẹ (thử)', relation: 'mẹ', phone: '0912345678' },
  })
  const r1 = await register('dependent')
  const model = await ok('/models', {
    communeCode: x,
    kind: 'b93_club',
    name: 'CLB B93 (thử)',
    decision: { number: '21/QĐ-UBND', date: '2026-01-15', signer: 'Chủ tịch UBND (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
    helpers: [
      { name: 'Cán bộ A (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' },
      { name: 'Tình nguyện viên B (thử)', organisation: 'Đoàn Thanh niên', role: 'thành viên' },
    ],
  })
  await ok(`/models/${model.id}/members`, { personId: r1.id, joinedOn: '2026-07-01' })
  setDay('2026-07-11')
  const det = await ok(`/persons/${d3.id}/determinations`, { trigger: 'caught_again_while_managed', dossierOn: '2026-07-11', facility: 'Trung tâm Y tế (thử)' })
  setDay('2026-07-12')
  const ref = await ok(`/persons/${r1.id}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: '2026-07-12' })
  setDay('2026-07-15')
  await ok(`/determinations/${det.id}/result`, { version: det.version, resultOn: '2026-07-15', result: 'dependent', decision: decisionOn('2026-07-15') })
  await ok('/activities', { communeCode: x, kind: 'awareness_session', heldOn: '2026-07-15', organiser: 'police', count: 2, participants: 100 })
  await ok('/activities', { communeCode: x, kind: 'public_tips', heldOn: '2026-07-15', organiser: 'police', count: 5, casesOpened: 1 })
  setDay('2026-07-20')
  const admitted = await ok(`/referrals/${ref.id}/admission`, {
    version: ref.version,
    decision: courtOn('2026-07-20'),
    facility: 'Cơ sở (thử)',
    admittedOn: '2026-07-20',
  })
  await ok(`/persons/${d3.id}/methadone`, { facility: 'Cơ sở methadone (thử)', startOn: '2026-07-20' })
  setDay('2026-08-01')
  await ok(`/models/${model.id}/sessions`, { heldOn: '2026-08-01', attendance: 7 })
  setDay('2026-08-20')
  const returned = await ok(`/referrals/${ref.id}/return`, {
    version: admitted.version,
    returnedOn: '2026-08-20',
    decision: decisionOn('2026-08-20'),
    supportModel: 'b93_club',
    supporterName: 'Tình nguyện viên (thử)',
  })
  setDay('2026-08-25')
  await ok(`/post-rehab/${returned.postRehabId}/follow-ups`, { contactedOn: '2026-08-25', method: 'visit', employed: true })
  setDay('2026-09-01')
  await ok(`/models/${model.id}/sessions`, { heldOn: '2026-09-01', attendance: 8 })
  setDay('2026-09-10')
  await ok(`/post-rehab/${returned.postRehabId}/relapse`, { version: 1, relapseOn: '2026-09-10' })
})
afterAll(() => platform.cleanup())

describe('the sơ kết figures', () => {
  it('counts the legal path, post-rehab contacts and employment, and head-counts at the end, beside last year', async () => {
    const { cases } = (await report('2026-Q3')).byCommune.find((c) => c.code === x)!
    expect(cases.newRegistrations).toEqual(v(4, 1))
    expect(cases.communityRehab).toMatchObject({ started: v(1, 1), inRehabAtEnd: v(2, 1) })
    expect(cases.compulsoryReferrals).toEqual({ referred: v(1), admitted: v(1), returned: v(1), atFacilityAtEnd: v(0), target: null })
    expect(cases.postRehab).toEqual({
      managed: { people: v(1), times: v(1) },
      atEnd: v(0),
      started: v(1),
      relapses: { people: v(1), times: v(1) },
      drugFreeTwoYears: v(0),
      contacts: { people: v(1), times: v(1) },
    })
    expect(cases.employment).toEqual({ known: v(1), employed: v(1), share: { value: 100, previousYear: null } })
    expect(cases.methadone).toEqual({ started: v(1), ended: v(0), atEnd: v(1) })
    expect(cases.managementPeriods.started).toEqual(v(1))
    expect(cases.managementPeriods.ended.value + cases.managementPeriods.activeAtEnd.value).toBe(1)
    expect(cases.determinations).toEqual({ concluded: v(1), dependent: v(1) })
    // On the list on 30 September: d1 and d2 in rehab, d3 on methadone, the minor, r1 awaiting determination.
    expect(cases.underManagement.total).toEqual(v(5, 1))
    expect(cases.byStatus).toMatchObject({ in_rehab: v(2, 1), substitution_treatment: v(1), awaiting_determination: v(1), under_management: v(1) })
    expect(cases.minors).toEqual({ underManagement: { value: '1–4', previousYear: '0' }, inRehab: { value: '0', previousYear: '0' } })
  })

  it('counts the activity log and the B93 club with its members’ relapses and employment', async () => {
    const r = await report('2026-Q3')
    const figures = r.byCommune.find((c) => c.code === x)!
    const awareness = (list: typeof figures.activities.value) => list.find((a) => a.kind === 'awareness_session')
    expect(awareness(figures.activities.value)).toMatchObject({ entries: 1, count: 2, participants: 100 })
    expect(awareness(figures.activities.previousYear)).toMatchObject({ entries: 1, count: 1, participants: 40 })
    expect(figures.activities.value.find((a) => a.kind === 'public_tips')).toMatchObject({ count: 5, casesOpened: 1 })
    const b93 = figures.models.value.find((m) => m.kind === 'b93_club')!
    expect(b93).toMatchObject({
      models: 1,
      helpers: 2,
      sessions: 2,
      attendance: 15,
      averageAttendance: 7.5,
      peopleSupported: 1,
      relapsed: 1,
      employed: 1,
      employmentKnown: 1,
      employedShare: 100,
    })
    expect(figures.models.value.at(-1)).toMatchObject({ kind: null, models: 1, relapsed: 1, employed: 1 })
    expect(figures.models.previousYear.find((m) => m.kind === 'b93_club')).toMatchObject({ models: 0, sessions: 0, relapsed: 0 })
    // Commune y has nothing, and is still listed; the total is x's.
    const other = r.byCommune.find((c) => c.code === y)!
    expect(other.cases.underManagement.total).toEqual(v(0))
    expect(r.total.models.value.at(-1)).toMatchObject({ models: 1, sessions: 2, peopleSupported: 1 })
  })

  it('writes every figure to the XLSX, the previous year beside it', async () => {
    const res = await t.request('/api/p/82/reports/xlsx?period=2026-Q3', { headers: { cookie } })
    expect(res.status).toBe(200)
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const summary = strFromU8(files['xl/worksheets/sheet1.xml']!)
    for (const title of [
      'Lập hồ sơ đưa đi cai nghiện bắt buộc',
      'Tái nghiện (lượt)',
      'CLB B93: bình quân người tham gia/buổi',
      'Tin báo dẫn đến lập án',
      'Người chưa thành niên đang quản lý (khoảng)',
    ])
      expect(summary).toContain(title)
    expect(summary).toContain('<v>7.5</v>')
    expect(summary).toContain('1–4')
  })

  it('bands minors: never a small exact count', () => {
    expect([0, 1, 4, 5, 9, 10, 19, 20, 134].map(bandOf)).toEqual(['0', '1–4', '1–4', '5–9', '5–9', '10–19', '10–19', '20–29', '130–139'])
  })
})

describe('registration dates', () => {
  it('come from the list on import, stay unknown without one, and add no new registration to the quarter of the import', async () => {
    setDay('2026-09-20')
    const before = (await report('2026-Q3')).byCommune.find((c) => c.code === x)!.cases
    const q1of2024 = (await report('2024-Q1')).total.cases.newRegistrations
    const header = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã xã', 'Phân loại', 'Ngày đăng ký']
    const ids = [`0790870${String(++seq).padStart(5, '0')}`, `0790870${String(++seq).padStart(5, '0')}`]
    const rows = [
      ['Người Danh Sách Một', '01/01/1987', 'Nam', ids[0], x, 'Sử dụng trái phép', '15/02/2024'],
      ['Người Danh Sách Hai', '01/01/1987', 'Nam', ids[1], x, 'Sử dụng trái phép', ''],
    ]
    const form = new FormData()
    form.append('file', new File([strToU8([header, ...rows].map((r) => r.join(',')).join('\r\n')) as Uint8Array<ArrayBuffer>], 'danh-sach-2024.csv'))
    const res = await t.request('/api/p/82/imports', { method: 'POST', body: form, headers: { cookie } })
    expect(res.status, await res.clone().text()).toBeLessThan(300)
    const stored = await db.select({ citizenId: persons.citizenId, registeredOn: persons.registeredOn }).from(persons).where(inArray(persons.citizenId, ids))
    expect(Object.fromEntries(stored.map((p) => [p.citizenId, p.registeredOn]))).toEqual({ [ids[0]!]: '2024-02-15', [ids[1]!]: null })
    const after = (await report('2026-Q3')).byCommune.find((c) => c.code === x)!.cases
    expect(after.newRegistrations).toEqual(before.newRegistrations)
    // On the list from the import day: this quarter's end counts them, as registered earlier.
    expect(after.underManagement.total.value).toBe(before.underManagement.total.value + 2)
    // 2024 does not change either: they were not recorded by its end.
    expect((await report('2024-Q1')).total.cases.newRegistrations).toEqual(q1of2024)
    // Registered through Bình An: the day it is recorded.
    const made = await register('drug_user')
    const [row] = await db.select({ registeredOn: persons.registeredOn }).from(persons).where(eq(persons.id, made.id))
    expect(row!.registeredOn).toBe('2026-09-20')
  })
})
