// The requests whose database round trips are counted on the Hrana path: the ceiling test
// (test/workerd/round-trips.test.ts) and `npm run bench:round-trips` send the same ones (decision 0046). Every GET
// route of the API is here, and every write route with a code path of its own; the rest are listed below with
// the counted route that stands for them (ROUTES_REPRESENTED) or why they are not counted (ROUTES_NOT_COUNTED), and
// the test fails on a route of the app that is in none of the three.
import { DEFAULT_CRITERIA as CRITERIA } from '../../kernel/domain/certification/criteria.ts'

/** At most this many database round trips per request (issue 20); the import commit is the stated exception. */
export const ROUND_TRIP_CEILING = 3

/** The sessions the routes are sent with: the commune officer's unless a route says otherwise. */
export type Who = 'commune' | 'admin' | 'central' | 'reviewer'

export interface RouteRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT'
  path: string
  /** Sent without a session cookie (sign-in, the one-time links). */
  anonymous?: boolean
  /** Sent as the province's admin, a central admin or the province's reviewer instead of the commune officer. */
  as?: Exclude<Who, 'commune'>
  /** A session of the route's own (made by `prepare`): for a route that ends or replaces the session it is sent with. */
  cookie?: string
  body?: () => unknown
  /** A legacy list sent as a file (multipart), or a part of an evidence file (raw bytes). */
  upload?: () => { csv: string } | { bytes: Uint8Array<ArrayBuffer> }
}

export interface RouteAnswer {
  status: number
  text: string
  /** The session cookie the answer set (sign-in), as a Cookie header value. */
  cookie?: string
}

export type RouteSender = (route: RouteRequest) => Promise<RouteAnswer>

/** What each side (workerd, the bench) gives the routes besides sending: the one-time link last mailed to an address. */
export interface RouteSide {
  send: RouteSender
  mailedToken(address: string): Promise<string>
}

/** The request both senders make of a route: the headers, JSON or file body, and the session it goes with. */
export function routeRequest(origin: string, route: RouteRequest, cookies: Record<Who, string>, headers: Record<string, string> = {}): Request {
  const h: Record<string, string> = { origin, ...headers }
  if (!route.anonymous) h.cookie = route.cookie ?? cookies[route.as ?? 'commune']
  let body: BodyInit | undefined
  if (route.body) {
    h['content-type'] = 'application/json'
    body = JSON.stringify(route.body())
  }
  const upload = route.upload?.()
  if (upload && 'bytes' in upload) {
    h['content-type'] = 'application/octet-stream'
    body = upload.bytes
  } else if (upload) {
    body = new FormData()
    body.append('file', new File([upload.csv], 'danh-sach.csv'))
  }
  return new Request(`${origin}${route.path}`, { method: route.method, headers: h, ...(body ? { body } : {}) })
}

/** The answer as a sender hands it back; the session cookie it set, if any, ready to send. */
export async function routeAnswer(res: Response): Promise<RouteAnswer> {
  const set = res.headers.get('set-cookie')?.split(';')[0]
  return { status: res.status, text: await res.text(), ...(set?.includes('=') && !set.endsWith('=') ? { cookie: set } : {}) }
}

/** The records the routes act on, made through the app itself by prepareFixture. */
export interface Made {
  /** A drug user with a review, a support, a determination and a management period. */
  personId: string
  /** A draft plan of a dependent person (its stages are counted), and that person. */
  planId: string
  plannedPersonId: string
  /** That commune's self-assessment of this year, a community model and an activity of it. */
  assessmentId: string
  modelId: string
  activityId: string
  /** A complete evidence file of the commune, and a committed legacy import. */
  attachmentId: string
  importId: string
  /** The committed list (CSV): its people are registered. */
  importedList: string
  /** The people whose after-care, monitoring and hand-over are read. */
  afterCarePersonId: string
  monitoredPersonId: string
  movedPersonId: string
  /** The commune officer's own id, an officer the province admin manages and a province admin the central admin manages. */
  officerId: string
  managedOfficerId: string
  managedAdminId: string
  /**
   * The versions the next write of each record is based on, counted up as the routes are sent (one after another),
   * so that a route sent again is based on what the previous one left. `targets`: the province's plan of this year
   * (0: not made yet).
   */
  versions: { plan: number; assessment: number; targets: number; criteria: number; person: number }
}

export interface RoundTripFixture extends Made {
  province: string
  /** A province with nothing on it, suspended and resumed. */
  spareProvince: string
  /** A commune officer's sign-in and their own commune; another commune of the province. */
  username: string
  password: string
  commune: string
  otherCommune: string
}

/** Stands in for what prepareFixture makes while only the routes' names and paths' shapes are needed. */
export const NOT_MADE: Made = {
  ...(Object.fromEntries(
    (
      [
        'personId',
        'planId',
        'plannedPersonId',
        'assessmentId',
        'modelId',
        'activityId',
        'attachmentId',
        'importId',
        'afterCarePersonId',
        'monitoredPersonId',
        'movedPersonId',
        'officerId',
        'managedOfficerId',
        'managedAdminId',
      ] as const
    ).map((key) => [key, 'ID']),
  ) as Omit<Made, 'versions' | 'importedList'>),
  importedList: '',
  versions: { plan: 0, assessment: 0, targets: 0, criteria: 0, person: 0 },
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
const thisYear = () => Number(today().slice(0, 4))
const quarter = () => `${thisYear()}-Q${Math.ceil(Number(today().slice(5, 7)) / 3)}`
const nextYear = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`
const citizenId = () => `079090${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`

const yearAgo = () => `${thisYear() - 1}${today().slice(4)}`.replace('-02-29', '-02-28')
const decision = (signerRole = 'commune_chair', number = '01/QĐ-UBND (thử)', date = today(), body = 'UBND xã (thử)') => ({
  number,
  date,
  signer: 'Chủ tịch (thử)',
  signerRole,
  body,
})
const personBody = (commune: string, category: 'drug_user' | 'dependent') => ({
  fullName: category === 'dependent' ? 'Phạm Văn Kế Hoạch' : 'Phạm Văn Đếm',
  birthDate: '1990-02-02',
  sex: 'male',
  communeCode: commune,
  citizenId: citizenId(),
  category,
  ...(category === 'dependent' ? { addictionDeterminedOn: today(), addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
})
const planBody = (start = today()) => ({
  form: 'family',
  registeredOn: start,
  startOn: start,
  plannedEndOn: nextYear(start),
  members: [{ name: 'Tổ công tác (thử nghiệm)', role: 'công an xã' }],
  stages: [{ stage: 'detox_treatment', activities: ['Khám sức khỏe'] }],
})
const review = (personId: string) => ({ personId, reviewedOn: today(), attended: true, drugTest: 'negative', riskLevel: 'low' })
const activityBody = (commune: string) => ({
  communeCode: commune,
  kind: 'awareness_session',
  heldOn: today(),
  organiser: 'youth_union',
  count: 1,
  participants: 40,
})
const legacyRow = (commune: string) => `Người Thử Nhập,05/09/1990,Nam,${citizenId()},${commune},Sử dụng trái phép\r\n`
const legacyList = (commune: string) => ({ csv: `Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Phân loại\r\n${legacyRow(commune)}` })
const invite = (commune: string) => {
  const username = unique('rt-officer')
  return { username, displayName: 'Cán bộ (thử nghiệm)', email: `${username}@example.test`, role: 'commune_officer', communes: [commune] }
}
const NEW_PASSWORD = 'mây trắng bay qua đồi 27 (thử)'

/** A small PDF (a real header and end marker, filler between): what the evidence routes store and serve. */
const EVIDENCE = (() => {
  const bytes = new Uint8Array(2048).fill(0x25)
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'))
  bytes.set(new TextEncoder().encode('\n%%EOF\n'), bytes.length - 7)
  return bytes
})()
const hex = async (bytes: Uint8Array<ArrayBuffer>) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')
const announcement = async (commune: string) => ({
  id: crypto.randomUUID(),
  ownerKind: 'commune',
  ownerId: commune,
  fileName: 'bien-ban.pdf',
  size: EVIDENCE.byteLength,
  sha256: await hex(EVIDENCE),
})

/** Sends a request that must succeed while preparing, and answers its `data`. */
async function ok<T = { id: string; version: number }>(send: RouteSender, route: RouteRequest): Promise<T> {
  const res = await send(route)
  if (res.status >= 300) throw new Error(`${route.method} ${route.path} answered ${res.status}: ${res.text.slice(0, 300)}`)
  return (JSON.parse(res.text) as { data: T }).data
}

/** Invites a commune officer as the province admin and answers the token mailed to them. */
async function invitedToken(side: RouteSide, f: Pick<RoundTripFixture, 'province' | 'commune'>): Promise<{ token: string; username: string; id: string }> {
  const body = invite(f.commune)
  const made = await ok<{ user: { id: string } }>(side.send, { method: 'POST', path: `/api/p/${f.province}/users`, as: 'admin', body: () => body })
  return { token: await side.mailedToken(body.email), username: body.username, id: made.user.id }
}

/** A session of an officer of its own, who accepted an invite with NEW_PASSWORD. */
async function freshSession(side: RouteSide, f: Pick<RoundTripFixture, 'province' | 'commune'>): Promise<string> {
  const { token, username } = await invitedToken(side, f)
  await ok(side.send, { method: 'POST', path: '/api/auth/accept-invite', anonymous: true, body: () => ({ token, password: NEW_PASSWORD }) })
  const res = await side.send({ method: 'POST', path: '/api/auth/login', anonymous: true, body: () => ({ username, password: NEW_PASSWORD }) })
  if (!res.cookie) throw new Error(`sign-in of ${username} answered ${res.status} without a session`)
  return res.cookie
}

/**
 * The records the routes act on, made through the app itself: people with a plan at each step of its life and the
 * records of a case, the commune's self-assessments (last year's recognised, so its status and a flag exist), a
 * community model and an activity, an evidence file, a committed import, and the accounts the admins manage.
 */
export async function prepareFixture(side: RouteSide, f: Pick<RoundTripFixture, 'province' | 'commune' | 'otherCommune'>): Promise<Made> {
  const { send } = side
  const p = `/api/p/${f.province}`
  const post = <T = { id: string; version: number }>(path: string, body: unknown, as?: RouteRequest['as']) =>
    ok<T>(send, { method: 'POST', path, body: () => body, ...(as ? { as } : {}) })
  const person = (category: 'drug_user' | 'dependent') => post(`${p}/persons`, personBody(f.commune, category))
  const day = today()
  const year = thisYear()

  // A completion opens post-rehab only where the province says so; the counted settings route writes the same.
  await ok(send, { method: 'PUT', path: `${p}/settings`, as: 'admin', body: () => ({ caseRules: { postRehabAfterVoluntary: true } }) })

  // Last year's self-assessment submitted and recognised while the commune has no one under management (DF.1): a
  // status opens, and each person registered below raises a flag. This year's stays a draft, saved by the counted
  // routes.
  const criteria = await ok<{ current: { setVersion: number } }>(send, { method: 'GET', path: `${p}/certification/criteria`, as: 'admin' })
  const confirmed = await ok<{ setVersion: number }>(send, {
    method: 'PUT',
    path: `${p}/certification/criteria`,
    as: 'admin',
    body: () => ({ basedOnVersion: criteria.current.setVersion, content: CRITERIA }),
  })
  for (const y of [year - 1, year]) {
    await post(`${p}/certification/populations`, { communeCode: f.commune, year: y, population: 8000, source: 'Niên giám thống kê (thử)' }, 'admin')
  }
  const police = { value: 0, source: 'Báo cáo 12/BC-CAX (thử)' }
  const lastYear = await post(`${p}/communes/${f.commune}/assessments`, {
    year: year - 1,
    police: { drug_venues: police, offenders_arrested: police, drug_plants: police },
    answers: { 'DF.5': { documentRef: 'Kế hoạch 3/KH-UBND (thử)' }, 'DF.6': { value: true } },
  })
  await post(`${p}/communes/${f.commune}/assessments/${lastYear.id}/submit`, { version: 1 })
  await post(
    `${p}/communes/${f.commune}/assessments/${lastYear.id}/decide`,
    {
      version: 2,
      outcome: 'recognised',
      reason: 'Đạt các tiêu chí (thử)',
      decision: decision('provincial_chair', '88/QĐ-UBND (thử)', today(), 'UBND tỉnh (thử)'),
    },
    'reviewer',
  )
  const user = await person('drug_user')
  await post(`${p}/persons/${user.id}/reviews`, review(user.id))
  await post(`${p}/persons/${user.id}/support`, { kind: 'counselling', givenOn: day })
  await post(`${p}/persons/${user.id}/determinations`, { trigger: 'volunteer', dossierOn: day, facility: 'Trung tâm Y tế (thử)' })
  await post(`${p}/persons/${user.id}/management-periods`, { startOn: day, measures: 'Giáo dục tại cộng đồng', decision: decision() })

  const planned = await person('dependent')
  const plan = await post(`${p}/persons/${planned.id}/plans`, planBody())

  // A plan started a year ago, its required stages done and completed (at least six months on): the person's
  // after-care record.
  const finished = await person('dependent')
  const done = await post(`${p}/persons/${finished.id}/plans`, planBody(yearAgo()))
  await post(`${p}/plans/${done.id}/transitions`, { to: 'active', version: 1, decision: decision('commune_chair', '01/QĐ-UBND (thử)', yearAgo()) })
  let version = 2
  for (const stage of ['intake_classification', 'detox_treatment', 'education_counselling']) {
    await post(`${p}/plans/${done.id}/stages`, { version: version++, stage, actualStartOn: yearAgo(), actualEndOn: day, done: true })
  }
  await post(`${p}/plans/${done.id}/complete`, {
    version,
    decision: decision('commune_chair', 'GXN-01 (thử)'),
    supportModel: 'b93_club',
    supporterName: 'Tình nguyện viên (thử)',
    openDecision: decision('commune_chair', '02/QĐ-UBND (thử)'),
  })

  const monitored = await person('dependent')
  const active = await post(`${p}/persons/${monitored.id}/plans`, planBody())
  await post(`${p}/plans/${active.id}/transitions`, { to: 'active', version: 1, decision: decision() })
  const order = { ...decision('commune_police_chief', '05/QĐ-CAX (thử)'), body: 'Công an xã (thử)' }
  await post(`${p}/persons/${monitored.id}/monitoring`, { context: 'community_rehab', startOn: day, decision: order })

  const moving = await person('drug_user')
  await post(`${p}/persons/${moving.id}/handovers`, { toCommuneCode: f.otherCommune, movedOn: day })

  const model = await post(`${p}/models`, {
    communeCode: f.commune,
    kind: 'b93_club',
    name: 'CLB B93 (thử nghiệm)',
    decision: decision(),
    helpers: [{ name: 'Cán bộ (thử nghiệm)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
  })
  await post(`${p}/models/${model.id}/members`, { personId: user.id, joinedOn: day })
  await post(`${p}/models/${model.id}/sessions`, { heldOn: day, attendance: 6 })
  const activity = await post(`${p}/activities`, activityBody(f.commune))

  const assessment = await post(`${p}/communes/${f.commune}/assessments`, { year })

  const file = await announcement(f.commune)
  await post(`${p}/attachments`, file)
  await ok(send, { method: 'PUT', path: `${p}/attachments/${file.id}/content?offset=0`, upload: () => ({ bytes: EVIDENCE }) })

  // The commit is excepted from the ceiling; made here, uncounted, for the import's own reads.
  const importedList = legacyList(f.commune)
  const imported = await ok<{ import: { id: string } }>(send, { method: 'POST', path: `${p}/imports`, upload: () => importedList })

  const me = await ok<{ id: string }>(send, { method: 'GET', path: '/api/me' })
  // The records above moved the person on (a management period changes their status): the version as it is now.
  const current = await ok(send, { method: 'GET', path: `${p}/persons/${user.id}` })
  const managed = await invitedToken(side, f)
  const adminName = unique('rt-admin')
  const admin = await post<{ user: { id: string } }>(
    `/api/admin/provinces/${f.province}/admins`,
    { username: adminName, displayName: 'Quản trị (thử nghiệm)', email: `${adminName}@example.test` },
    'central',
  )
  return {
    personId: user.id,
    planId: plan.id,
    plannedPersonId: planned.id,
    assessmentId: assessment.id,
    modelId: model.id,
    activityId: activity.id,
    attachmentId: file.id,
    importId: imported.import.id,
    importedList: importedList.csv,
    afterCarePersonId: finished.id,
    monitoredPersonId: monitored.id,
    movedPersonId: moving.id,
    officerId: me.id,
    managedOfficerId: managed.id,
    managedAdminId: admin.user.id,
    versions: { plan: plan.version, assessment: assessment.version, targets: 0, criteria: confirmed.setVersion, person: current.version },
  }
}

export interface CountedRoute extends RouteRequest {
  name: string
  /**
   * A route not yet within ROUND_TRIP_CEILING: the most it makes today, so the test still catches it growing.
   * Each one is an open gap of issue 20 (decision 0049's addenda say why), never the target.
   */
  knownOver?: number
  /**
   * Made before the route is sent, and not counted: the link, session, flag or file the route is about, or the
   * state it changes from. What it answers replaces the route's own (its path names the record with ID until then).
   */
  prepare?: (side: RouteSide) => Promise<Partial<RouteRequest>>
  status: number
  /** A sync push: every change must be applied (a push answers 200 for a refused change, which writes less). */
  applied?: true
}

/** Why an answer is not the one the route is counted for, or undefined when it is. */
export function unexpectedAnswer(route: Pick<CountedRoute, 'method' | 'status' | 'applied'>, res: { status: number; text: string }): string | undefined {
  if (res.status !== route.status) return `answered ${res.status}: ${res.text.slice(0, 300)}`
  // A list read is counted over records: an empty one would skip the reads that follow from them.
  if (route.method === 'GET' && res.text.startsWith('{"data":[]')) return `answered an empty list: ${res.text.slice(0, 300)}`
  if (!route.applied) return undefined
  const results = (JSON.parse(res.text) as { data: { results: { status: string }[] } }).data.results
  return results.every((r) => r.status === 'applied') ? undefined : `not applied: ${res.text.slice(0, 300)}`
}

/** A push of one change, as a phone sends it: a new device and key each time, so it is never a replay. */
function onePush(
  path: string,
  type: string,
  entityId: () => string,
  data: () => unknown,
): Pick<CountedRoute, 'method' | 'path' | 'body' | 'status' | 'applied'> {
  return {
    method: 'POST',
    path,
    body: () => ({ deviceId: crypto.randomUUID(), changes: [{ key: crypto.randomUUID(), type, entityId: entityId(), data: data() }] }),
    status: 200,
    applied: true,
  }
}

const get = (name: string, path: string, as?: RouteRequest['as']): CountedRoute => ({ name, method: 'GET', path, status: 200, ...(as ? { as } : {}) })

export function countedRoutes(f: RoundTripFixture): CountedRoute[] {
  const p = `/api/p/${f.province}`
  const year = thisYear()
  const v = f.versions
  const person = `${p}/persons/${f.personId}`
  const assessments = `${p}/communes/${f.commune}/assessments`
  const officer = `${p}/users/${f.managedOfficerId}`
  const admin = `/api/admin/provinces/${f.province}/admins/${f.managedAdminId}`
  const adminsOf = `/api/admin/provinces/${f.province}/admins`
  const spare = `/api/admin/provinces/${f.spareProvince}`
  const post = (name: string, as: NonNullable<RouteRequest['as']>, path: string, knownOver?: number): CountedRoute => ({
    name,
    ...(knownOver ? { knownOver } : {}),
    as,
    method: 'POST',
    path,
    status: 200,
  })
  // A status change (an account's, a province's) sent from the opposite status, set before each send (uncounted)
  // so that each run changes something.
  const toggle = (name: string, as: NonNullable<RouteRequest['as']>, path: string, from: string, knownOver?: number): CountedRoute => ({
    ...post(name, as, path, knownOver),
    prepare: async (side) => {
      await ok(side.send, { method: 'POST', path: from, as })
      return {}
    },
  })
  const signIn = { anonymous: true, body: () => ({ username: f.username, password: f.password }) } as const
  return [
    // Signing in and the session
    {
      name: 'sign-in (POST /api/auth/login)',
      method: 'POST',
      path: '/api/auth/login',
      anonymous: true,
      body: () => ({ username: f.username, password: f.password }),
      status: 200,
    },
    get('who am I (GET /api/me)', '/api/me'),
    {
      name: 'sign-out (POST /api/auth/logout)',
      method: 'POST',
      path: '/api/auth/logout',
      prepare: async (side) => ({ cookie: (await side.send({ method: 'POST', path: '/api/auth/login', ...signIn })).cookie ?? '' }),
      status: 200,
    },
    {
      name: 'an invite link looked at (GET /api/auth/links/:token)',
      method: 'GET',
      path: '/api/auth/links/ID',
      anonymous: true,
      prepare: async (side) => ({ path: `/api/auth/links/${(await invitedToken(side, f)).token}` }),
      status: 200,
    },
    {
      name: 'an invite accepted (POST /api/auth/accept-invite)',
      method: 'POST',
      path: '/api/auth/accept-invite',
      anonymous: true,
      prepare: async (side) => {
        const { token } = await invitedToken(side, f)
        return { body: () => ({ token, password: NEW_PASSWORD }) }
      },
      status: 200,
    },
    {
      name: 'own password changed (POST /api/auth/password)',
      method: 'POST',
      path: '/api/auth/password',
      prepare: async (side) => ({ cookie: await freshSession(side, f) }),
      body: () => ({ currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD} mới` }),
      status: 200,
    },
    get('provinces (GET /api/provinces)', '/api/provinces'),
    get('session check on a read (GET /communes)', `${p}/communes`),
    get('the province’s database state (GET /health)', `${p}/health`, 'admin'),

    // People and their case
    get('people list page (GET /persons)', `${p}/persons?limit=50`),
    get('a person (GET /persons/:id)', person),
    get('a person’s plans (GET /persons/:id/plans)', `${p}/persons/${f.plannedPersonId}/plans`),
    get('a person’s reviews (GET /persons/:id/reviews)', `${person}/reviews`),
    get('a person’s timeline (GET /persons/:id/timeline)', `${person}/timeline`),
    get('a person’s after-care (GET /persons/:id/post-rehab)', `${p}/persons/${f.afterCarePersonId}/post-rehab`),
    get('a person’s support (GET /persons/:id/support)', `${person}/support`),
    get('a person’s management periods (GET /persons/:id/management-periods)', `${person}/management-periods`),
    get('a person’s hand-overs (GET /persons/:id/handovers)', `${p}/persons/${f.movedPersonId}/handovers`),
    get('a person’s monitoring (GET /persons/:id/monitoring)', `${p}/persons/${f.monitoredPersonId}/monitoring`),
    get('a person’s legal records (GET /persons/:id/legal-records)', `${person}/legal-records`),
    get('who read a person (GET /persons/:id/access-log)', `${person}/access-log`, 'admin'),
    get('a plan (GET /plans/:id)', `${p}/plans/${f.planId}`),
    get('caseload page (GET /caseload)', `${p}/caseload`),
    get('the commune’s open work (GET /work?upcoming=true)', `${p}/work?commune=${f.commune}&upcoming=true`),
    get('hand-overs (GET /handovers)', `${p}/handovers`),
    {
      name: 'a person registered (POST /persons)',
      method: 'POST',
      path: `${p}/persons`,
      body: () => personBody(f.commune, 'drug_user'),
      status: 201,
    },
    {
      name: 'a person’s record changed (PATCH /persons/:id)',
      method: 'PATCH',
      path: person,
      body: () => ({ version: v.person++, notes: `Ghi chú lần ${v.person} (thử)` }),
      status: 200,
    },
    {
      name: 'a command over HTTP (POST /persons/:id/reviews)',
      method: 'POST',
      path: `${person}/reviews`,
      body: () => review(f.personId),
      status: 201,
    },
    {
      // The target (the plan) names its person, who is read with their case.
      name: 'a command on a record of a person (POST /plans/:id/stages)',
      method: 'POST',
      path: `${p}/plans/${f.planId}/stages`,
      body: () => ({ version: v.plan++, stage: 'detox_treatment', activities: [`Khám sức khỏe, lần ${v.plan}`] }),
      status: 200,
    },

    // Sync
    get('full sync pull page (GET /sync/pull)', `${p}/sync/pull`),
    {
      name: 'sync push, one change (POST /sync/push)',
      ...onePush(
        `${p}/sync/push`,
        'review.create',
        () => crypto.randomUUID(),
        () => review(f.personId),
      ),
    },
    // The community and self-assessment kinds: their receipts hold their records' rows too (decision 0049).
    {
      name: 'sync push, one activity change (POST /sync/push)',
      ...onePush(
        `${p}/sync/push`,
        'activity.create',
        () => crypto.randomUUID(),
        () => activityBody(f.commune),
      ),
    },
    {
      name: 'sync push, one model session change (POST /sync/push)',
      ...onePush(
        `${p}/sync/push`,
        'model_session.create',
        () => crypto.randomUUID(),
        () => ({ modelId: f.modelId, heldOn: today(), attendance: 6 }),
      ),
    },
    {
      name: 'sync push, one self-assessment change (POST /sync/push)',
      ...onePush(
        `${p}/sync/push`,
        'assessment.update',
        () => f.assessmentId,
        () => ({ version: v.assessment++, answers: { 'DF.6': { value: true, note: `Lần ${v.assessment} (máy)` } } }),
      ),
    },

    // Reports and overviews
    get('quarterly report (GET /reports?period=Q)', `${p}/reports?period=${year}-Q1`),
    get('a report’s trend (GET /reports/trend)', `${p}/reports/trend?period=${quarter()}`),
    get('a report as XLSX (GET /reports/xlsx)', `${p}/reports/xlsx?period=${year}`),
    get('the province overview (GET /overview)', `${p}/overview?period=${quarter()}`, 'admin'),
    get('the province overview as XLSX (GET /overview/xlsx)', `${p}/overview/xlsx?period=${quarter()}`, 'admin'),
    get('a commune’s trend in the overview (GET /overview/trend)', `${p}/overview/trend?commune=${f.commune}`, 'admin'),

    // Community work
    get('activities (GET /activities)', `${p}/activities?commune=${f.commune}`),
    get('activity totals (GET /activities/totals)', `${p}/activities/totals?from=${year}-01-01&to=${today()}&commune=${f.commune}`),
    get('an activity (GET /activities/:id)', `${p}/activities/${f.activityId}`),
    get('community models (GET /models)', `${p}/models?commune=${f.commune}`),
    get('model figures (GET /models/figures)', `${p}/models/figures?from=${year}-01-01&to=${today()}&commune=${f.commune}`),
    get('a model with its members and sessions (GET /models/:id)', `${p}/models/${f.modelId}`),
    {
      name: 'an activity logged (POST /activities)',
      method: 'POST',
      path: `${p}/activities`,
      body: () => activityBody(f.commune),
      status: 201,
    },

    // The province's yearly plan
    {
      name: 'the province’s yearly plan (PUT /targets/:year)',
      as: 'admin',
      method: 'PUT',
      path: `${p}/targets/${year}`,
      body: () => ({
        ...(v.targets++ > 0 ? { version: v.targets - 1 } : {}),
        number: '01/KH-UBND (thử)',
        issuedOn: today(),
        signer: 'Chủ tịch (thử)',
        title: 'Kế hoạch phòng, chống ma túy (thử)',
        targets: [{ indicator: 'community_rehab_started', communeCode: null, value: 40 }],
      }),
      status: 200,
    },
    get('the yearly plan with its achievement (GET /targets/:year)', `${p}/targets/${year}`),

    // Drug-free communes
    get('certification criteria (GET /certification/criteria)', `${p}/certification/criteria`, 'admin'),
    get('populations (GET /certification/populations)', `${p}/certification/populations?commune=${f.commune}`),
    get('certification overview (GET /certification/overview)', `${p}/certification/overview?year=${year - 1}`, 'admin'),
    get('certification export (GET /certification/export.xlsx)', `${p}/certification/export.xlsx?year=${year - 1}`, 'admin'),
    get('certification flags (GET /certification/flags)', `${p}/certification/flags`, 'reviewer'),
    get('drug-free status periods (GET /certification/status-periods)', `${p}/certification/status-periods`, 'reviewer'),
    get('a commune’s self-assessments (GET /communes/:code/assessments)', assessments),
    get('a self-assessment with its dossier (GET /communes/:code/assessments/:id)', `${assessments}/${f.assessmentId}`),
    {
      name: 'self-assessment saved (PATCH /communes/:code/assessments/:id)',
      method: 'PATCH',
      path: `${assessments}/${f.assessmentId}`,
      body: () => ({ version: v.assessment++, answers: { 'DF.6': { value: true, note: `Lần ${v.assessment}` } } }),
      status: 200,
    },
    {
      name: 'criteria confirmed (PUT /certification/criteria)',
      as: 'admin',
      method: 'PUT',
      path: `${p}/certification/criteria`,
      // A set differing from the last, so that each confirmation is a new version.
      body: () => ({ basedOnVersion: v.criteria++, content: { ...CRITERIA, targetSharePercent: 20 + (v.criteria % 50) } }),
      status: 200,
    },
    {
      name: 'a population recorded (POST /certification/populations)',
      as: 'admin',
      method: 'POST',
      path: `${p}/certification/populations`,
      body: () => ({ communeCode: f.commune, year, population: 8000 + v.criteria, source: 'Niên giám thống kê (thử)' }),
      status: 201,
    },
    {
      // The flag is looked up only should the body be refused (404 before 400), as a status period's revocation is.
      name: 'a flag reviewed (POST /certification/flags/:id/review)',
      as: 'reviewer',
      method: 'POST',
      path: `${p}/certification/flags/ID/review`,
      // A dependent person registered in a recognised commune raises a flag (decision 0037).
      prepare: async (side) => {
        await ok(side.send, { method: 'POST', path: `${p}/persons`, body: () => personBody(f.commune, 'dependent') })
        const open = await ok<{ id: string }[]>(side.send, { method: 'GET', path: `${p}/certification/flags?status=open`, as: 'reviewer' })
        return { path: `${p}/certification/flags/${open[0]?.id}/review` }
      },
      body: () => ({ version: 1, note: 'Đã xác minh (thử)' }),
      status: 200,
    },

    // Evidence files
    get('evidence files of a commune (GET /attachments)', `${p}/attachments?ownerKind=commune&ownerId=${f.commune}`),
    get('an evidence file (GET /attachments/:id)', `${p}/attachments/${f.attachmentId}`),
    get('an evidence file downloaded (GET /attachments/:id/content)', `${p}/attachments/${f.attachmentId}/content`),
    {
      name: 'an evidence file announced (POST /attachments)',
      method: 'POST',
      path: `${p}/attachments`,
      prepare: async () => {
        const file = await announcement(f.commune)
        return { body: () => file }
      },
      status: 201,
    },
    {
      name: 'an evidence file’s part received (PUT /attachments/:id/content)',
      method: 'PUT',
      path: `${p}/attachments/ID/content?offset=0`,
      prepare: async (side) => {
        const file = await announcement(f.commune)
        await ok(side.send, { method: 'POST', path: `${p}/attachments`, body: () => file })
        return { path: `${p}/attachments/${file.id}/content?offset=0` }
      },
      upload: () => ({ bytes: EVIDENCE }),
      status: 200,
    },

    // Legacy import (the commit is excepted: its round trips grow with the file)
    get('the import template (GET /imports/template.xlsx)', `${p}/imports/template.xlsx`),
    get('imports (GET /imports)', `${p}/imports`),
    get('an import (GET /imports/:id)', `${p}/imports/${f.importId}`),
    get('an import’s rows (GET /imports/:id/rows)', `${p}/imports/${f.importId}/rows`),
    {
      name: 'a legacy list previewed (POST /imports?dryRun=true)',
      method: 'POST',
      path: `${p}/imports?dryRun=true`,
      upload: () => legacyList(f.commune),
      status: 200,
    },
    {
      name: 'a list checked again after its import (POST /imports?dryRun=true)',
      method: 'POST',
      path: `${p}/imports?dryRun=true`,
      upload: () => ({ csv: f.importedList }),
      status: 200,
    },
    {
      // Once 4 (the entry's counts waited for the registered IDs' read); its entry now goes beside that read (decision 0049).
      name: 'a list of which some people are registered, previewed (POST /imports?dryRun=true)',
      method: 'POST',
      path: `${p}/imports?dryRun=true`,
      upload: () => ({ csv: f.importedList + legacyRow(f.commune) }),
      status: 200,
    },
    {
      name: 'a list’s refused rows as a file (POST /imports/rejected)',
      method: 'POST',
      path: `${p}/imports/rejected`,
      upload: () => legacyList(f.commune),
      status: 200,
    },

    // The province's settings, accounts and audit trail
    get('settings (GET /settings)', `${p}/settings`),
    {
      name: 'settings changed (PUT /settings)',
      as: 'admin',
      method: 'PUT',
      path: `${p}/settings`,
      body: () => ({ caseRules: { postRehabAfterVoluntary: true } }),
      status: 200,
    },
    get('the province’s users (GET /users)', `${p}/users`, 'admin'),
    get('a user (GET /users/:id)', `${p}/users/${f.officerId}`, 'admin'),
    get('the audit trail (GET /audit)', `${p}/audit`, 'admin'),
    { name: 'an officer invited (POST /users)', as: 'admin', method: 'POST', path: `${p}/users`, body: () => invite(f.commune), status: 201 },
    toggle('an officer disabled (POST /users/:id/disable)', 'admin', `${officer}/disable`, `${officer}/enable`),
    toggle('an officer enabled (POST /users/:id/enable)', 'admin', `${officer}/enable`, `${officer}/disable`),
    { ...post('an officer’s link sent again (POST /users/:id/reset)', 'admin', `${officer}/reset`), body: () => ({}) },
    {
      name: 'an officer’s role and communes (PUT /users/:id/access)',
      as: 'admin',
      method: 'PUT',
      path: `${officer}/access`,
      body: () => ({ role: 'commune_officer', communes: [f.commune] }),
      status: 200,
    },

    // Central
    // The summary's snapshot is made first, so the summary routes read one.
    post('a province’s summary refreshed (POST /api/admin/provinces/:p/refresh)', 'central', `/api/admin/provinces/${f.province}/refresh`),
    get('the national summary (GET /api/central/summary)', '/api/central/summary', 'central'),
    get('the national summary as XLSX (GET /api/central/summary/xlsx)', '/api/central/summary/xlsx', 'central'),
    get('a province’s trend (GET /api/central/provinces/:p/trend)', `/api/central/provinces/${f.province}/trend`, 'central'),
    get('the platform audit trail (GET /api/admin/audit)', '/api/admin/audit', 'central'),
    get('provinces with their databases as recorded (GET /api/admin/provinces)', '/api/admin/provinces', 'central'),
    get('a province’s admins (GET /api/admin/provinces/:p/admins)', adminsOf, 'central'),
    {
      name: 'a province admin invited (POST /api/admin/provinces/:p/admins)',
      as: 'central',
      method: 'POST',
      path: adminsOf,
      body: () => {
        const username = unique('rt-admin')
        return { username, displayName: 'Quản trị (thử nghiệm)', email: `${username}@example.test` }
      },
      status: 201,
    },
    toggle('a province admin disabled (POST …/admins/:id/disable)', 'central', `${admin}/disable`, `${admin}/enable`),
    toggle('a province admin enabled (POST …/admins/:id/enable)', 'central', `${admin}/enable`, `${admin}/disable`),
    { ...post('a province admin’s link sent again (POST …/admins/:id/reset)', 'central', `${admin}/reset`), body: () => ({}) },
    toggle('a province suspended (POST /api/admin/provinces/:p/suspend)', 'central', `${spare}/suspend`, `${spare}/resume`),
    toggle('a province resumed (POST /api/admin/provinces/:p/resume)', 'central', `${spare}/resume`, `${spare}/suspend`),
  ]
}

/**
 * Write routes not sent themselves: each runs the same code path as the counted route named, the command runner
 * (worker/commands/run.ts: load in one round trip, persist in one batch) with a target of the same shape, so it
 * makes the same round trips. Keyed by method and route as the app declares it (`app.routes`).
 */
export const ROUTES_REPRESENTED: Record<string, string> = {
  // A command whose input names the person: the person and their case are read with the target.
  ...Object.fromEntries(
    ['plans', 'support', 'management-periods', 'handovers', 'monitoring', 'determinations', 'referrals', 'methadone'].map((tail) => [
      `POST /api/p/:province/persons/:personId/${tail}`,
      'POST /api/p/:province/persons/:personId/reviews',
    ]),
  ),
  'POST /api/p/:province/models/:modelId/members': 'POST /api/p/:province/persons/:personId/reviews',
  // A command whose target names its person, read beside it by a sub-select (decision 0049).
  ...Object.fromEntries(
    [
      'plans/:planId/complete',
      'plans/:planId/transitions',
      'post-rehab/:recordId/follow-ups',
      'post-rehab/:recordId/relapse',
      'handovers/:recordId/accept',
      'handovers/:recordId/decline',
      'monitoring/:recordId/end',
      'determinations/:recordId/result',
      'referrals/:recordId/admission',
      'referrals/:recordId/return',
      'referrals/:recordId/refusal',
      'methadone/:recordId/end',
      'management-periods/:recordId/end',
    ].map((tail) => [`POST /api/p/:province/${tail}`, 'POST /api/p/:province/plans/:planId/stages']),
  ),
  // A community record: no person, its commune named by the input or the target.
  'PATCH /api/p/:province/activities/:activityId': 'POST /api/p/:province/activities',
  'POST /api/p/:province/models': 'POST /api/p/:province/activities',
  'PATCH /api/p/:province/models/:modelId': 'POST /api/p/:province/activities',
  'POST /api/p/:province/models/:modelId/sessions': 'POST /api/p/:province/activities',
  'POST /api/p/:province/model-members/:memberId/leave': 'POST /api/p/:province/activities',
  // A self-assessment command: the assessment and its certification facts read by sub-selects beside it.
  'POST /api/p/:province/communes/:code/assessments': 'PATCH /api/p/:province/communes/:code/assessments/:id',
  'POST /api/p/:province/communes/:code/assessments/:id/submit': 'PATCH /api/p/:province/communes/:code/assessments/:id',
  'POST /api/p/:province/communes/:code/assessments/:id/return': 'PATCH /api/p/:province/communes/:code/assessments/:id',
  'POST /api/p/:province/communes/:code/assessments/:id/decide': 'PATCH /api/p/:province/communes/:code/assessments/:id',
  // The record looked up first (404 for none), then the command.
  'POST /api/p/:province/certification/status-periods/:id/revoke': 'POST /api/p/:province/certification/flags/:id/review',
}

/** Routes not counted, and why. */
export const ROUTES_NOT_COUNTED: Record<string, string> = {
  'GET /health': 'reaches no database (the test says so: none counted)',
  'POST /api/admin/provinces':
    'onboarding a province: on Workers the request starts the onboarding Workflow, whose steps (a new database, every migration) run after it; a province is onboarded once',
}

/** The route of `routes` (method and path as the app declares them) that a request is routed to: the first that matches, as Hono tries them. */
export function routeOf(routes: readonly { method: string; path: string }[], method: string, path: string): string | undefined {
  const bare = path.split('?')[0]!
  const found = routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`).test(bare))
  return found && `${found.method} ${found.path}`
}
