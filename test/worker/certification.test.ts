// Drug-free communes through the API (decision 0037): criteria_unconfirmed before the province confirms, the
// whole path prepare → submit → return → resubmit → recognise, separation of duties, a snapshot that case data
// entered later does not change, monitoring flags, revocation, renewal, offline preparing through sync push.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { png, sha256 } from '../helpers/evidence-files.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let a: string
let b: string
const who = ['officer', 'other', 'reviewer', 'reviewer2', 'admin', 'central', 'province'] as const
const cookies = {} as Record<(typeof who)[number], string>
const ids = {} as Record<(typeof who)[number], string>
const uuid = () => crypto.randomUUID()
let seq = 0

const as =
  (w: keyof typeof cookies) =>
  (path: string, init: RequestInit = {}) =>
    t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[w] } })
async function ok<T = Record<string, unknown>>(res: Promise<Response> | Response): Promise<T> {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBeLessThan(300)
  return body.data
}
async function refused(res: Promise<Response>, status: number, code: string) {
  const r = await res
  const body = (await r.json()) as { error: { code: string; details?: unknown } }
  expect([r.status, body.error.code], JSON.stringify(body)).toEqual([status, code])
  return body.error
}
const police = (n = 0) => ({
  drug_venues: { value: n, source: 'Báo cáo 12/BC-CAX (thử)' },
  offenders_arrested: { value: 0, source: 'Báo cáo 12/BC-CAX (thử)' },
  drug_plants: { value: 0, source: 'Báo cáo 12/BC-CAX (thử)' },
})
const answers = { 'DF.5': { documentRef: 'Kế hoạch 3/KH-UBND (thử)' }, 'DF.6': { value: true } }
const recognition = {
  number: '88/QĐ-UBND (thử)',
  date: '2026-11-20',
  signer: 'Chủ tịch UBND tỉnh (thử)',
  signerRole: 'provincial_chair',
  body: 'UBND tỉnh (thử)',
}
type Assessment = {
  id: string
  version: number
  status: string
  snapshot: { figures: { managedPeople: number }; evaluation: { blocking: string[]; type: string } } | null
  allowedMoves: string[]
}

async function person(commune: string, category = 'dependent') {
  const id = uuid()
  await ok(
    as('officer')(
      '/persons',
      jsonBody('POST', {
        id,
        fullName: 'Lò Văn Thử',
        birthDate: '1991-02-03',
        sex: 'male',
        citizenId: `079091${String(++seq).padStart(6, '0')}`,
        communeCode: commune,
        category,
        addictionDeterminedOn: '2026-01-05',
        addictionDeterminedBy: 'Trung tâm Y tế (thử)',
      }),
    ),
  )
  return id
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ;[a, b] = [list[0]!.code, list[1]!.code]
  const make = async (w: (typeof who)[number], role: Parameters<typeof createTestUser>[1]['role'], communes: string[] = []) => {
    ids[w] = await createTestUser(platform.control, { username: `cert-${w}`, role, province: role.startsWith('central') ? null : '82', communes })
    cookies[w] = await sessionCookieFor(platform.control, ids[w])
  }
  await make('officer', 'commune_officer', [a, b])
  await make('other', 'commune_officer', [b])
  await make('reviewer', 'province_reviewer')
  await make('reviewer2', 'province_reviewer')
  await make('admin', 'province_admin')
  await make('central', 'central_viewer')
  await make('province', 'province_officer')
})
afterAll(() => platform.cleanup())

describe('drug-free communes', () => {
  let assessment: Assessment

  it('refuses a submission with 409 criteria_unconfirmed while the province has confirmed no criteria', async () => {
    const shipped = await ok<{ current: { setVersion: number; confirmed: boolean } }>(as('admin')('/certification/criteria'))
    expect(shipped.current).toMatchObject({ setVersion: 0, confirmed: false })
    assessment = await ok<Assessment>(as('officer')(`/communes/${a}/assessments`, jsonBody('POST', { year: 2026, police: police(), answers })))
    expect(assessment.status).toBe('draft')
    await refused(as('officer')(`/communes/${a}/assessments/${assessment.id}/submit`, jsonBody('POST', { version: 1 })), 409, 'criteria_unconfirmed')
  })

  it('lets a province admin confirm the shipped set, and refuses a confirmation based on a stale version', async () => {
    await refused(as('officer')('/certification/criteria', jsonBody('PUT', { basedOnVersion: 0, content: DEFAULT_CRITERIA })), 403, 'forbidden')
    const set = await ok<{ setVersion: number }>(as('admin')('/certification/criteria', jsonBody('PUT', { basedOnVersion: 0, content: DEFAULT_CRITERIA })))
    expect(set.setVersion).toBe(1)
    await refused(as('admin')('/certification/criteria', jsonBody('PUT', { basedOnVersion: 0, content: DEFAULT_CRITERIA })), 409, 'conflict')
    const bad = await as('admin')('/certification/criteria', jsonBody('PUT', { basedOnVersion: 1, content: { ...DEFAULT_CRITERIA, targetSharePercent: 140 } }))
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('json.content.targetSharePercent')
    await ok(
      as('admin')('/certification/populations', jsonBody('POST', { communeCode: a, year: 2026, population: 8000, source: 'Niên giám thống kê 2025 (thử)' })),
    )
  })

  it('answers 409 naming the allowed moves for an illegal one', async () => {
    const error = await refused(
      as('reviewer')(`/communes/${a}/assessments/${assessment.id}/decide`, jsonBody('POST', { version: 1, outcome: 'not_recognised', reason: 'thử' })),
      409,
      'conflict',
    )
    expect(error.details).toMatchObject({ reason: 'transition_not_allowed', allowed: ['submit'] })
  })

  it('snapshots the figures at submission: case data entered afterwards leaves the dossier as submitted', async () => {
    const submitted = await ok<Assessment>(as('officer')(`/communes/${a}/assessments/${assessment.id}/submit`, jsonBody('POST', { version: 1 })))
    expect(submitted.status).toBe('submitted')
    expect(submitted.snapshot!.figures.managedPeople).toBe(0)
    expect(submitted.snapshot!.evaluation.blocking).toEqual([])
    await person(a)
    const read = await ok<Assessment>(as('reviewer')(`/communes/${a}/assessments/${assessment.id}`))
    expect(read.snapshot).toEqual(submitted.snapshot)
    expect(read.snapshot!.figures.managedPeople).toBe(0)
    assessment = read
  })

  it('returns with comments per criterion; the commune corrects and resubmits', async () => {
    await refused(
      as('officer')(`/communes/${a}/assessments/${assessment.id}/return`, jsonBody('POST', { version: 2, reason: 'x', comments: { 'DF.5': 'x' } })),
      403,
      'forbidden',
    )
    await refused(
      as('reviewer')(`/communes/${a}/assessments/${assessment.id}/return`, jsonBody('POST', { version: 2, reason: 'x', comments: { 'ZZ.9': 'x' } })),
      400,
      'validation_failed',
    )
    // Under another commune's path (one the reviewer acts in too) the assessment is not there, and stays as it was.
    await refused(
      as('reviewer')(`/communes/${b}/assessments/${assessment.id}/return`, jsonBody('POST', { version: 2, reason: 'x', comments: { 'DF.5': 'x' } })),
      404,
      'not_found',
    )
    const returned = await ok<Assessment & { returnComments: Record<string, string> }>(
      as('reviewer')(
        `/communes/${a}/assessments/${assessment.id}/return`,
        jsonBody('POST', { version: 2, reason: 'Thiếu kế hoạch', comments: { 'DF.5': 'Bổ sung số kế hoạch' } }),
      ),
    )
    expect(returned).toMatchObject({ status: 'returned', returnComments: { 'DF.5': 'Bổ sung số kế hoạch' } })
    await ok(
      as('officer')(
        `/communes/${a}/assessments/${assessment.id}`,
        jsonBody('PATCH', { version: 3, answers: { 'DF.5': { documentRef: 'Kế hoạch 5/KH-UBND (thử)' } } }),
      ),
    )
    // The person registered after the first submission is in the figures now: the commune must resolve it first.
    const again = await ok<Assessment>(as('officer')(`/communes/${a}/assessments/${assessment.id}/submit`, jsonBody('POST', { version: 4 })))
    expect(again.snapshot!.evaluation.blocking).toEqual(['DF.1'])
    await refused(
      as('reviewer')(
        `/communes/${a}/assessments/${assessment.id}/decide`,
        jsonBody('POST', { version: 5, outcome: 'recognised', reason: 'Đạt', decision: recognition }),
      ),
      409,
      'conflict',
    )
    assessment = again
  })

  it('refuses 403 separation_of_duties to a reviewer who submitted the assessment', async () => {
    // The officer who submitted is made a reviewer by the province admin: they still may not decide it.
    await platform.control.update(users).set({ role: 'province_reviewer' }).where(eq(users.id, ids.officer))
    await refused(
      as('officer')(`/communes/${a}/assessments/${assessment.id}/decide`, jsonBody('POST', { version: 5, outcome: 'not_recognised', reason: 'x' })),
      403,
      'separation_of_duties',
    )
    await platform.control.update(users).set({ role: 'commune_officer' }).where(eq(users.id, ids.officer))
  })

  it('recognises a commune with a decision, opens its status, and the province list counts it as newly recognised', async () => {
    const other = await ok<Assessment>(as('officer')(`/communes/${b}/assessments`, jsonBody('POST', { year: 2026, police: police(), answers })))
    await ok(as('admin')('/certification/populations', jsonBody('POST', { communeCode: b, year: 2026, population: 5000, source: 'Niên giám (thử)' })))
    await ok(as('officer')(`/communes/${b}/assessments/${other.id}/submit`, jsonBody('POST', { version: 1 })))
    await refused(
      as('reviewer')(`/communes/${b}/assessments/${other.id}/decide`, jsonBody('POST', { version: 2, outcome: 'recognised', reason: 'Đạt' })),
      400,
      'validation_failed',
    )
    const before = await ok<{ figures: { newlyRecognised: number; progressPercent: number } }>(as('admin')('/certification/overview?year=2026'))
    // The yearly plan's "communes converted to drug-free" counts the recognitions of the year (decision 0036).
    type Targets = { places: { communeCode: string | null; cells: { indicator: string; achieved: number | null }[] }[] }
    const converted = async () => (await ok<Targets>(as('admin')('/targets/2026'))).places[0]!.cells.find((c) => c.indicator === 'drug_free_communes')!.achieved
    const convertedBefore = await converted()
    const done = await ok<Assessment>(
      as('reviewer')(
        `/communes/${b}/assessments/${other.id}/decide`,
        jsonBody('POST', { version: 2, outcome: 'recognised', reason: 'Đạt các tiêu chí', decision: recognition }),
      ),
    )
    expect(done.status).toBe('recognised')
    const after = await ok<{
      figures: { newlyRecognised: number; recognised: number; progressPercent: number }
      communes: { code: string; drugFree: boolean; status: string | null }[]
    }>(as('reviewer')('/certification/overview?year=2026'))
    expect(after.figures.newlyRecognised).toBe(before.figures.newlyRecognised + 1)
    expect(await converted()).toBe(convertedBefore! + 1)
    expect(after.figures.progressPercent).toBeGreaterThan(before.figures.progressPercent)
    expect(after.communes.find((c) => c.code === b)).toMatchObject({ drugFree: true, status: 'recognised' })
    const history = await ok<{ transitions: { move: string; by: string }[] }>(as('reviewer')(`/communes/${b}/assessments/${other.id}`))
    expect(history.transitions.map((x) => [x.move, x.by])).toEqual([
      ['submit', ids.officer],
      ['recognise', ids.reviewer],
    ])
  })

  it('flags a person newly under management in a recognised commune for review, without revoking', async () => {
    const newcomer = await person(b)
    const flags = await ok<{ id: string; kind: string; communeCode: string; version: number; personId: string | null }[]>(
      as('reviewer')('/certification/flags?status=open'),
    )
    // The reviewer reads no person: the flag says what, not who; a province officer may follow it to the person.
    expect(flags.map((f) => [f.kind, f.communeCode, f.personId])).toEqual([['newly_managed', b, null]])
    const forOfficer = await ok<{ personId: string | null }[]>(as('province')('/certification/flags?status=open'))
    expect(forOfficer.map((f) => f.personId)).toEqual([newcomer])
    const overview = await ok<{ communes: { code: string; drugFree: boolean; openFlags: number }[] }>(as('reviewer')('/certification/overview?year=2026'))
    expect(overview.communes.find((c) => c.code === b)).toMatchObject({ drugFree: true, openFlags: 1 })
    await ok(as('reviewer')(`/certification/flags/${flags[0]!.id}/review`, jsonBody('POST', { version: 1, note: 'Đã xác minh: người mới chuyển đến' })))
    expect(await ok<unknown[]>(as('reviewer')('/certification/flags?status=open'))).toEqual([])
  })

  it('answers a flag or a status period that does not exist 404, whether or not the body is valid', async () => {
    for (const path of [`/certification/flags/${uuid()}/review`, `/certification/status-periods/${uuid()}/revoke`]) {
      await refused(as('reviewer')(path, jsonBody('POST', {})), 404, 'not_found')
      await refused(as('reviewer')(path, jsonBody('POST', { version: 1, note: 'Đã xác minh (thử)', reason: 'Thử', decision: recognition })), 404, 'not_found')
    }
    // An existing one with a bad body is the body's 400.
    const periods = await ok<{ id: string }[]>(as('reviewer')('/certification/status-periods'))
    await refused(as('reviewer')(`/certification/status-periods/${periods[0]!.id}/revoke`, jsonBody('POST', {})), 400, 'validation_failed')
  })

  it('revokes a status with reason and decision; the next year counts the commune as lost', async () => {
    const periods = await ok<{ id: string; version: number; status: string }[]>(as('reviewer')('/certification/status-periods'))
    const open = periods.find((p) => p.status === 'open')!
    const revoked = await ok<{ status: string; endReason: string }>(
      as('reviewer')(
        `/certification/status-periods/${open.id}/revoke`,
        jsonBody('POST', { version: open.version, reason: 'Phát sinh người nghiện', decision: { ...recognition, number: '99/QĐ-UBND (thử)' } }),
      ),
    )
    expect(revoked).toMatchObject({ status: 'closed', endReason: 'revoked' })
    const overview = await ok<{ figures: { recognised: number } }>(as('admin')('/certification/overview?year=2026'))
    expect(overview.figures.recognised).toBe(0)
  })

  it('prepares offline: assessment.create and assessment.update through POST /sync/push run the same commands', async () => {
    const id = uuid()
    const pushed = await ok<{ results: { status: string }[] }>(
      as('officer')(
        '/sync/push',
        jsonBody('POST', {
          deviceId: '33333333-3333-4333-8333-333333333333',
          changes: [
            { key: uuid(), type: 'assessment.create', entityId: id, data: { communeCode: a, year: 2025, police: police(1) } },
            { key: uuid(), type: 'assessment.update', entityId: id, data: { version: 1, answers: { 'DF.6': { value: true } } } },
            { key: uuid(), type: 'assessment.create', entityId: uuid(), data: { communeCode: b, year: 2025 } },
          ],
        }),
      ),
    )
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const read = await ok<{ version: number; police: { drug_venues: { value: number } }; answers: Record<string, unknown> }>(
      as('officer')(`/communes/${a}/assessments/${id}`),
    )
    expect(read).toMatchObject({ version: 2, police: { drug_venues: { value: 1 } }, answers: { 'DF.6': { value: true } } })
    // Another commune's officer: that assessment does not exist for them.
    const theirs = await as('other')(`/communes/${a}/assessments/${id}`)
    expect(theirs.status).toBe(404)
  })

  it('shows central staff nothing', async () => {
    expect((await as('central')('/certification/overview?year=2026')).status).toBe(403)
    expect((await as('central')(`/communes/${a}/assessments`)).status).toBe(403)
  })

  it('exports the year’s decisions and classifications as XLSX', async () => {
    const res = await as('admin')('/certification/export.xlsx?year=2026')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
  })

  it('takes as evidence only files attached to the assessment itself and complete, never a made-up id', async () => {
    const draft = await ok<Assessment>(as('officer')(`/communes/${a}/assessments`, jsonBody('POST', { year: 2023, police: police() })))
    const patch = (version: number, ids: string[]) =>
      as('officer')(`/communes/${a}/assessments/${draft.id}`, jsonBody('PATCH', { version, answers: { 'DF.5': { attachmentIds: ids } } }))
    const madeUp = await refused(patch(1, [crypto.randomUUID()]), 400, 'validation_failed')
    expect(JSON.stringify(madeUp)).toContain('json.answers.DF.5.attachmentIds')
    // A new assessment owns no file yet.
    const early = await as('officer')(
      `/communes/${a}/assessments`,
      jsonBody('POST', { year: 2022, answers: { 'DF.5': { attachmentIds: [crypto.randomUUID()] } } }),
    )
    expect(early.status).toBe(400)
    // A real file of this assessment: announced, not yet sent (pending), then sent whole.
    const bytes = png()
    const fileId = crypto.randomUUID()
    const announced = await as('officer')(
      '/attachments',
      jsonBody('POST', { id: fileId, ownerKind: 'assessment', ownerId: draft.id, fileName: 'bien-ban.png', size: bytes.byteLength, sha256: sha256(bytes) }),
    )
    expect(announced.status).toBe(201)
    await refused(patch(1, [fileId]), 400, 'validation_failed')
    const sent = await as('officer')(`/attachments/${fileId}/content?offset=0`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    })
    expect(sent.status).toBe(200)
    const updated = await ok<Assessment>(patch(1, [fileId]))
    expect((updated as Assessment & { answers: Record<string, unknown> }).answers['DF.5']).toEqual({ attachmentIds: [fileId] })
  })
})
