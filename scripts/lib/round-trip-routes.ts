// The requests whose database round trips are counted on the Hrana path: the ceiling test
// (test/workerd/round-trips.test.ts) and `npm run bench:round-trips` send the same ones (decision 0046).

/** At most this many database round trips per request (issue 20); the import commit is the stated exception. */
export const ROUND_TRIP_CEILING = 3

export interface RoundTripFixture {
  province: string
  /** A commune officer's sign-in and their own commune. */
  username: string
  password: string
  commune: string
  /** A person of that commune. */
  personId: string
  /**
   * A draft plan of another person of that commune, that commune's self-assessment of this year and a community
   * model of it (prepareFixture).
   */
  planId: string
  assessmentId: string
  modelId: string
  /**
   * The versions the next write of each record is based on, counted up as the routes are sent (one after another),
   * so that a route sent again is based on what the previous one left. `targets`: the province's plan of this year
   * (0: not made yet).
   */
  versions: { plan: number; assessment: number; targets: number }
}

/** Sends one request as the fixture's commune officer (or the province admin) and answers its status and body. */
export type RouteSender = (route: Pick<CountedRoute, 'method' | 'path' | 'body' | 'anonymous' | 'as'>) => Promise<{ status: number; text: string }>

/**
 * The records the routes act on, made through the app itself: a person, a dependent person with a draft plan, the
 * commune's self-assessment of this year and a community model.
 */
export async function prepareFixture(
  send: RouteSender,
  f: Pick<RoundTripFixture, 'province' | 'commune'>,
): Promise<Pick<RoundTripFixture, 'personId' | 'planId' | 'assessmentId' | 'modelId' | 'versions'>> {
  const p = `/api/p/${f.province}`
  const made = async (path: string, body: unknown) => {
    const res = await send({ method: 'POST', path, body: () => body })
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${res.text}`)
    return JSON.parse(res.text) as { data: { id: string; version: number } }
  }
  const citizen = () => String(Math.floor(Math.random() * 1e6)).padStart(6, '0')
  const person = (fullName: string, more: Record<string, unknown>) => ({ fullName, birthDate: '1990-02-02', sex: 'male', communeCode: f.commune, ...more })
  const personId = (await made(`${p}/persons`, person('Phạm Văn Đếm', { citizenId: `079090${citizen()}`, category: 'drug_user' }))).data.id
  const day = today()
  const dependent = await made(
    `${p}/persons`,
    person('Phạm Văn Kế Hoạch', {
      citizenId: `079090${citizen()}`,
      category: 'dependent',
      addictionDeterminedOn: day,
      addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
    }),
  )
  const plan = await made(`${p}/persons/${dependent.data.id}/plans`, {
    form: 'family',
    registeredOn: day,
    startOn: day,
    plannedEndOn: `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`,
    members: [{ name: 'Tổ công tác (thử nghiệm)', role: 'công an xã' }],
    stages: [{ stage: 'detox_treatment', activities: ['Khám sức khỏe'] }],
  })
  const assessment = await made(`${p}/communes/${f.commune}/assessments`, { year: Number(day.slice(0, 4)) })
  const model = await made(`${p}/models`, {
    communeCode: f.commune,
    kind: 'b93_club',
    name: 'CLB B93 (thử nghiệm)',
    decision: { number: '01/QĐ-UBND (thử)', date: day, signer: 'Chủ tịch UBND (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
    helpers: [{ name: 'Cán bộ (thử nghiệm)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
  })
  return {
    personId,
    planId: plan.data.id,
    assessmentId: assessment.data.id,
    modelId: model.data.id,
    versions: { plan: plan.data.version, assessment: assessment.data.version, targets: 0 },
  }
}

export interface CountedRoute {
  name: string
  /**
   * A route not yet within ROUND_TRIP_CEILING: the most it makes today, so the test still catches it growing.
   * Each one is an open gap of issue 20 (decision 0046 says why and how to close it), never the target.
   */
  knownOver?: number
  method: 'GET' | 'POST' | 'PATCH' | 'PUT'
  path: string
  /** Sent without the session cookie (sign-in). */
  anonymous?: boolean
  /** Sent as the province's admin instead of the commune officer. */
  as?: 'admin'
  body?: () => unknown
  status: number
  /** A sync push: every change must be applied (a push answers 200 for a refused change, which writes less). */
  applied?: true
}

/** Why an answer is not the one the route is counted for, or undefined when it is. */
export function unexpectedAnswer(route: Pick<CountedRoute, 'status' | 'applied'>, res: { status: number; text: string }): string | undefined {
  if (res.status !== route.status) return `answered ${res.status}: ${res.text.slice(0, 300)}`
  if (!route.applied) return undefined
  const results = (JSON.parse(res.text) as { data: { results: { status: string }[] } }).data.results
  return results.every((r) => r.status === 'applied') ? undefined : `not applied: ${res.text.slice(0, 300)}`
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

function review(personId: string) {
  return { personId, reviewedOn: today(), attended: true, drugTest: 'negative', riskLevel: 'low' }
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

export function countedRoutes(f: RoundTripFixture): CountedRoute[] {
  const p = `/api/p/${f.province}`
  const year = today().slice(0, 4)
  const v = f.versions
  return [
    {
      name: 'sign-in (POST /api/auth/login)',
      method: 'POST',
      path: '/api/auth/login',
      anonymous: true,
      body: () => ({ username: f.username, password: f.password }),
      status: 200,
    },
    { name: 'who am I (GET /api/me)', method: 'GET', path: '/api/me', status: 200 },
    { name: 'session check on a read (GET /communes)', method: 'GET', path: `${p}/communes`, status: 200 },
    { name: 'people list page (GET /persons)', method: 'GET', path: `${p}/persons?limit=50`, status: 200 },
    { name: 'a person (GET /persons/:id)', method: 'GET', path: `${p}/persons/${f.personId}`, status: 200 },
    { name: 'caseload page (GET /caseload)', method: 'GET', path: `${p}/caseload`, status: 200 },
    { name: 'quarterly report (GET /reports?period=Q)', method: 'GET', path: `${p}/reports?period=${year}-Q1`, status: 200 },
    { name: 'full sync pull page (GET /sync/pull)', method: 'GET', path: `${p}/sync/pull`, status: 200 },
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
        () => ({ communeCode: f.commune, kind: 'awareness_session', heldOn: today(), organiser: 'youth_union', count: 1, participants: 40 }),
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
    {
      name: 'a command over HTTP (POST /persons/:id/reviews)',
      method: 'POST',
      path: `${p}/persons/${f.personId}/reviews`,
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
    {
      name: 'self-assessment saved (PATCH /communes/:code/assessments/:id)',
      method: 'PATCH',
      path: `${p}/communes/${f.commune}/assessments/${f.assessmentId}`,
      body: () => ({ version: v.assessment++, answers: { 'DF.6': { value: true, note: `Lần ${v.assessment}` } } }),
      status: 200,
    },
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
  ]
}
