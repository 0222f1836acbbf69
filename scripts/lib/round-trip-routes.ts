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
}

export interface CountedRoute {
  name: string
  /**
   * A route not yet within ROUND_TRIP_CEILING: the most it makes today, so the test still catches it growing.
   * Each one is an open gap of issue 20 (decision 0046 says why and how to close it), never the target.
   */
  knownOver?: number
  method: 'GET' | 'POST'
  path: string
  /** Sent without the session cookie (sign-in). */
  anonymous?: boolean
  body?: () => unknown
  status: number
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

function review(personId: string) {
  return { personId, reviewedOn: today(), attended: true, drugTest: 'negative', riskLevel: 'low' }
}

export function countedRoutes(f: RoundTripFixture): CountedRoute[] {
  const p = `/api/p/${f.province}`
  const year = today().slice(0, 4)
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
      method: 'POST',
      path: `${p}/sync/push`,
      body: () => ({
        deviceId: crypto.randomUUID(),
        changes: [{ key: crypto.randomUUID(), type: 'review.create', entityId: crypto.randomUUID(), data: review(f.personId) }],
      }),
      status: 200,
    },
    {
      name: 'a command over HTTP (POST /persons/:id/reviews)',
      method: 'POST',
      path: `${p}/persons/${f.personId}/reviews`,
      body: () => review(f.personId),
      status: 201,
    },
  ]
}
