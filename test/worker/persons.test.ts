import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog } from '../../db/tenant/schema/index.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// Synthetic people only: invented names, valid-format but fictitious citizen IDs.
let platform: TestPlatform
let t: TestApp
let ownCommune: string
let otherCommune: string
const cookies: Record<string, string> = {}
let seq = 0
const cccd = (sex: 'male' | 'female', year: number) =>
  `079${(year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(++seq).padStart(6, '0')}`

const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })

function person(overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Trần Thị Bích Ngọc',
    birthDate: '1992-04-10',
    sex: 'female',
    citizenId: cccd('female', 1992),
    communeCode: ownCommune,
    category: 'drug_user',
    ...overrides,
  }
}

async function create(body: Record<string, unknown>, who = 'commune') {
  return as(who)('/api/p/82/persons', jsonBody('POST', body))
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform)
  const db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ownCommune = list[0]!.code
  otherCommune = list[1]!.code
  const users = {
    commune: await createTestUser(platform.control, { username: 'p-commune', role: 'commune_officer', province: '82', communes: [ownCommune] }),
    other: await createTestUser(platform.control, { username: 'p-commune-other', role: 'commune_officer', province: '82', communes: [otherCommune] }),
    commune2: await createTestUser(platform.control, { username: 'p-commune-2', role: 'commune_officer', province: '82', communes: [ownCommune] }),
    both: await createTestUser(platform.control, { username: 'p-commune-both', role: 'commune_officer', province: '82', communes: [ownCommune, otherCommune] }),
    officer: await createTestUser(platform.control, { username: 'p-officer', role: 'province_officer', province: '82' }),
    central: await createTestUser(platform.control, { username: 'p-central', role: 'central_viewer' }),
  }
  for (const [who, id] of Object.entries(users)) cookies[who] = await sessionCookieFor(platform.control, id)
})
afterAll(() => platform.cleanup())

describe('registering a person', () => {
  it('creates the record with version 1 and a status from the category', async () => {
    const res = await create(person())
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data).toMatchObject({ fullName: 'Trần Thị Bích Ngọc', category: 'drug_user', status: 'under_management', version: 1, communeCode: ownCommune })
    expect(data.nameKey).toBeUndefined()
  })

  it('accepts a client-generated id and answers a replay with the same record', async () => {
    const id = crypto.randomUUID()
    const body = person({ id, fullName: 'Lê Văn Đạt', sex: 'male', birthDate: '1988-01-01', citizenId: cccd('male', 1988) })
    const first = await create(body)
    const replay = await create(body)
    expect(first.status).toBe(201)
    expect(replay.status).toBe(201)
    expect((await replay.json()).data).toEqual((await first.json()).data)
  })

  it('never answers a client id that names someone else’s record with that record', async () => {
    const id = crypto.randomUUID()
    expect((await create(person({ id, fullName: 'Vương Thị Riêng Tư', citizenId: cccd('female', 1992) }))).status).toBe(201)
    // Another commune's officer who learnt the id, and a different registration in the same commune.
    const elsewhere = await create(person({ id, communeCode: otherCommune, citizenId: cccd('female', 1992) }), 'other')
    const sameCommune = await create(person({ id, fullName: 'Người Khác', citizenId: cccd('female', 1992) }), 'commune2')
    for (const res of [elsewhere, sameCommune]) {
      expect(res.status).toBe(409)
      const text = await res.text()
      expect(text).toContain('json.id')
      expect(text).not.toContain('Riêng Tư')
    }
  })

  it.each([
    ['birthDate', { birthDate: '2099-01-01' }, 'future'],
    ['birthDate', { birthDate: '2026-02-30' }, 'calendar'],
    ['birthDate', { birthDate: '2020-01-01' }, '12 years'],
    ['citizenId', { citizenId: '12345' }, '12 digits'],
    ['citizenId', { citizenId: cccd('male', 1992) }, 'sex'],
    ['citizenId', { citizenId: cccd('female', 1991) }, 'birth year'],
    ['communeCode', { communeCode: '00127' }, 'not a commune of this province'],
    ['category', { category: 'addict' }, 'must be one of'],
    ['fullName', { fullName: 'x'.repeat(101) }, 'at most 100'],
    ['phone', { phone: '12ab' }, 'phone'],
    ['addictionDeterminedOn', { category: 'dependent' }, 'required'],
    ['sex', { sex: 'other' }, 'male or female'],
  ])('refuses a bad %s with a 400 naming it', async (field, overrides, words) => {
    const res = await create(person(overrides))
    expect(res.status).toBe(400)
    const body = await res.json()
    const issue = body.error.details.issues.find((i: { field: string }) => i.field === `json.${field}`)
    expect(issue, JSON.stringify(body)).toBeDefined()
    expect(issue.message).toContain(words)
  })

  it('names every problem of a registration in one 400: a future birth date with a malformed citizen ID, a missing determination', async () => {
    const res = await create(person({ birthDate: '2099-01-01', citizenId: '79090012345x', addictionDeterminedOn: '', category: 'dependent', phone: 'abc' }))
    expect(res.status).toBe(400)
    const issues: { field: string; message: string }[] = (await res.json()).error.details.issues
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]))
    expect(byField).toMatchObject({
      'json.birthDate': 'must not be in the future',
      'json.citizenId': 'must be 12 digits',
      'json.addictionDeterminedOn': 'is required',
      'json.phone': 'must be a Vietnamese phone number such as 0912345678',
    })
    // An empty date is a missing value, not a malformed one.
    const empty = await (await create(person({ birthDate: '' }))).json()
    expect(empty.error.details.issues).toContainEqual({ field: 'json.birthDate', message: 'is required' })
  })

  it.each([
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['(+84) 912-345-678', '+84912345678'],
  ])('accepts the phone spelling %s, as the import does, stored as %s', async (typed, stored) => {
    const year = 1980 + (seq % 20)
    const res = await create(person({ sex: 'male', birthDate: `${year}-04-04`, citizenId: cccd('male', year), phone: typed }))
    expect(res.status, await res.clone().text()).toBe(201)
    expect((await res.json()).data.phone).toBe(stored)
  })

  it('names who recorded each timeline event: the registering officer, seen by a province officer too', async () => {
    const year = 1980 + (seq % 20)
    const created = (await (await create(person({ sex: 'male', birthDate: `${year}-05-05`, citizenId: cccd('male', year) }))).json()).data
    const { events } = (await (await as('officer')(`/api/p/82/persons/${created.id}/timeline`)).json()).data
    expect(events).toEqual([expect.objectContaining({ kind: 'registered', by: created.createdBy, byName: 'Test p-commune' })])
  })

  it('refuses hidden characters in its text fields with 400 naming the field, and keeps text as NFC', async () => {
    const cases: [string, string, string][] = [
      ['fullName', 'Trần Thị\u0000 Ngọc', 'must not contain control characters'],
      ['fullName', 'Trần \u202eThị Ngọc', 'must not contain text-direction control characters'],
      ['fullName', '\u200b\u200b', 'must contain visible characters'],
      ['fullName', 'Trần Thị\u200b Ngọc', 'must not contain invisible characters'],
      ['addressDetail', 'Thôn 1\nxã 2', 'must be on one line'],
      ['notes', `Ghi chú Z${'\u0336'.repeat(8)}`, 'has too many accents on one letter'],
    ]
    for (const [field, value, message] of cases) {
      const res = await create(person({ [field]: value }))
      expect(res.status, field).toBe(400)
      expect((await res.json()).error.details.issues[0]).toEqual({ field: `json.${field}`, message })
    }
    const nfd = 'Trần Thị Bích Ngọc'.normalize('NFD')
    const res = await create(person({ fullName: nfd, notes: 'Dòng một\nDòng hai'.normalize('NFD') }))
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data.fullName).toBe(nfd.normalize('NFC'))
    expect(data.notes).toBe('Dòng một\nDòng hai'.normalize('NFC'))
  })

  it('refuses a citizen ID already registered in the province with 409', async () => {
    const body = person({ fullName: 'Phạm Minh Châu', citizenId: cccd('female', 1992) })
    expect((await create(body)).status).toBe(201)
    const dup = await create({ ...body, fullName: 'Someone Else' })
    expect(dup.status).toBe(409)
    expect((await dup.json()).error.details.issues[0].field).toBe('json.citizenId')
  })

  it('writes nothing for a refused registration', async () => {
    const db = (await t.deps.tenants.resolve('82'))!.db
    const before = (await db.query.persons.findMany()).length
    await create(person({ citizenId: 'bad' }))
    expect((await db.query.persons.findMany()).length).toBe(before)
  })
})

describe('searching', () => {
  beforeAll(async () => {
    for (const [name, year] of [
      ['Đặng Văn Đức', 1980],
      ['Dương Thị Dung', 1995],
      ['Hoàng Văn Hòa', 1979],
    ] as const) {
      const sex = name.includes('Thị') ? 'female' : 'male'
      await create(person({ fullName: name, sex, birthDate: `${year}-03-03`, citizenId: cccd(sex, year) }))
    }
  })

  const search = async (q: string, who = 'officer') =>
    (await (await as(who)(`/api/p/82/persons?q=${encodeURIComponent(q)}`)).json()).data.map((p: { fullName: string }) => p.fullName)

  it('finds names ignoring case and diacritics, đ matching d', async () => {
    expect(await search('tran thi bich ngoc')).toContain('Trần Thị Bích Ngọc')
    expect(await search('TRẦN THỊ')).toContain('Trần Thị Bích Ngọc')
    expect(await search('dang van duc')).toEqual(['Đặng Văn Đức'])
    expect(await search('hoa')).toContain('Hoàng Văn Hòa')
  })

  it('finds a person by full citizen ID', async () => {
    const db = (await t.deps.tenants.resolve('82'))!.db
    const [row] = await db.query.persons.findMany({ where: (p, { eq: e }) => e(p.fullName, 'Dương Thị Dung') })
    expect(await search(row!.citizenId)).toEqual(['Dương Thị Dung'])
  })

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await as('officer')(`/api/p/82/persons?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      const page: { data: { id: string }[]; next: string | null } = await res.json()
      seen.push(...page.data.map((p) => p.id))
      cursor = page.next
    } while (cursor)
    const db = (await t.deps.tenants.resolve('82'))!.db
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe((await db.query.persons.findMany()).length)
  })

  it('rejects a forged cursor', async () => {
    const res = await as('officer')('/api/p/82/persons?cursor=bm90LWEtY3Vyc29y')
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('query.cursor')
  })
})

describe('commune scope', () => {
  let otherPersonId: string
  beforeAll(async () => {
    const res = await create(
      person({ fullName: 'Võ Thanh Tâm', sex: 'male', birthDate: '1990-09-09', citizenId: cccd('male', 1990), communeCode: otherCommune }),
      'other',
    )
    otherPersonId = (await res.json()).data.id
  })

  it('lists only the officer’s communes', async () => {
    const data = (await (await as('commune')('/api/p/82/persons?limit=200')).json()).data as { communeCode: string }[]
    expect(data.length).toBeGreaterThan(0)
    expect(data.every((p) => p.communeCode === ownCommune)).toBe(true)
  })

  it('answers 404 for another commune’s person, its list and its registration', async () => {
    expect((await as('commune')(`/api/p/82/persons/${otherPersonId}`)).status).toBe(404)
    expect((await as('commune')(`/api/p/82/persons/${otherPersonId}`, jsonBody('PATCH', { version: 1, notes: 'x' }))).status).toBe(404)
    expect((await as('commune')(`/api/p/82/persons?commune=${otherCommune}`)).status).toBe(404)
    expect((await create(person({ communeCode: otherCommune, citizenId: cccd('female', 1992) }))).status).toBe(404)
  })

  it('lets a province officer read every commune but not write', async () => {
    expect((await as('officer')(`/api/p/82/persons/${otherPersonId}`)).status).toBe(200)
    expect((await as('officer')(`/api/p/82/persons/${otherPersonId}`, jsonBody('PATCH', { version: 1, notes: 'x' }))).status).toBe(403)
  })

  it('never shows a person to central roles', async () => {
    expect((await as('central')(`/api/p/82/persons/${otherPersonId}`)).status).toBe(403)
    expect((await as('central')('/api/p/82/persons')).status).toBe(403)
  })
})

describe('moving to another commune', () => {
  it('is refused while a rehab plan is open, and afterwards takes the person out of the old commune entirely', async () => {
    const created = (
      await (
        await create(
          person({
            fullName: 'Tạ Văn Chuyển',
            sex: 'male',
            birthDate: '1987-03-03',
            citizenId: cccd('male', 1987),
            category: 'dependent',
            addictionDeterminedOn: '2026-01-05',
            addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
          }),
          'both',
        )
      ).json()
    ).data
    const plan = (
      await (
        await as('both')(
          `/api/p/82/persons/${created.id}/plans`,
          jsonBody('POST', {
            form: 'family',
            registeredOn: '2026-10-01',
            startOn: '2026-10-15',
            plannedEndOn: '2027-04-15',
            members: [{ name: 'Tổ công tác', role: 'thành viên' }],
            stages: [],
          }),
        )
      ).json()
    ).data
    await as('both')(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-10-15') }))
    const caseloadNames = async () => ((await (await as('commune')('/api/p/82/caseload')).json()).data as { fullName: string }[]).map((r) => r.fullName)
    expect(await caseloadNames()).toContain('Tạ Văn Chuyển')

    const versionNow = async () => (await (await as('both')(`/api/p/82/persons/${created.id}`)).json()).data.version as number
    const refused = await as('both')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: await versionNow(), communeCode: otherCommune }))
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.details.issues[0].field).toBe('json.communeCode')

    expect(
      (
        await as('both')(
          `/api/p/82/plans/${plan.id}/transitions`,
          jsonBody('POST', { to: 'transferred', version: 2, reason: 'moved_commune', decision: decisionOn('2026-11-20') }),
        )
      ).status,
    ).toBe(200)
    const moved = await as('both')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: await versionNow(), communeCode: otherCommune }))
    expect(moved.status).toBe(200)
    expect((await as('commune')(`/api/p/82/persons/${created.id}`)).status).toBe(404)
    expect(await caseloadNames()).not.toContain('Tạ Văn Chuyển')
  })
})

describe('a person’s status', () => {
  it('cannot be set by PATCH: 400 naming json.status, nothing changed (it follows from the records)', async () => {
    const created = (await (await create(person({ fullName: 'Lê Văn Trạng', sex: 'male', birthDate: '1988-03-03', citizenId: cccd('male', 1988) }))).json())
      .data
    for (const status of ['closed', 'in_rehab', null]) {
      const res = await as('commune')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: created.version, status, notes: 'kèm trạng thái' }))
      expect(res.status).toBe(400)
      const { error } = await res.json()
      expect(error.details.issues.map((i: { field: string }) => i.field)).toEqual(['json.status'])
    }
    expect((await (await as('commune')(`/api/p/82/persons/${created.id}`)).json()).data).toMatchObject({
      status: created.status,
      version: created.version,
      notes: null,
    })
  })
})

describe('updating with a version', () => {
  it('applies a change based on the current version and bumps it', async () => {
    const created = (await (await create(person({ fullName: 'Bùi Quang Huy', sex: 'male', birthDate: '1985-02-02', citizenId: cccd('male', 1985) }))).json())
      .data
    const res = await as('commune')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: 1, phone: '0912345678', addressDetail: 'Ấp 3' }))
    expect(res.status).toBe(200)
    expect((await res.json()).data).toMatchObject({ version: 2, phone: '0912345678', addressDetail: 'Ấp 3' })
  })

  it('answers a stale version with 409 and the current record, changing nothing', async () => {
    const created = (await (await create(person({ fullName: 'Ngô Gia Bảo', sex: 'male', birthDate: '1993-03-03', citizenId: cccd('male', 1993) }))).json()).data
    await as('commune')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: 1, notes: 'first device' }))
    const stale = await as('commune')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: 1, notes: 'second device' }))
    expect(stale.status).toBe(409)
    const body = await stale.json()
    expect(body.error.code).toBe('conflict')
    expect(body.error.details.current).toMatchObject({ version: 2, notes: 'first device' })
  })

  it('re-validates the merged record', async () => {
    const created = (await (await create(person({ fullName: 'Lý Thu Hà', birthDate: '1996-06-06', citizenId: cccd('female', 1996) }))).json()).data
    const res = await as('commune')(`/api/p/82/persons/${created.id}`, jsonBody('PATCH', { version: 1, sex: 'male' }))
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.citizenId')
  })
})

describe('audit trail of person records', () => {
  it('records reads and writes with ids only, never the person’s data', async () => {
    const created = (await (await create(person({ fullName: 'Mai Xuân Trường', sex: 'male', birthDate: '1987-07-07', citizenId: cccd('male', 1987) }))).json())
      .data
    await as('officer')(`/api/p/82/persons/${created.id}`)
    const db = (await t.deps.tenants.resolve('82'))!.db
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, created.id))
    expect(entries.map((e) => e.action).sort()).toEqual(['person.create', 'person.read'])
    const text = JSON.stringify(await db.select().from(auditLog))
    expect(text).not.toContain('Mai Xuân Trường')
    expect(text).not.toContain(created.citizenId)
  })
})
