import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import worker from '../../worker/index.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'
import {
  countedRoutes,
  prepareFixture,
  ROUND_TRIP_CEILING,
  unexpectedAnswer,
  type CountedRoute,
  type RoundTripFixture,
} from '../../scripts/lib/round-trip-routes.ts'

// Database round trips per request on the Hrana path (issue 20, decision 0046): this file's Worker reaches the
// control and province databases through a proxy that counts HTTP requests (scripts/lib/counting-hrana-proxy.ts).
// Counted in a warm isolate, as production serves: the province's registry row and identity check are cached.
const ORIGIN = 'https://binhan.example'
const proxy = inject('countingLibsqlUrl')
const counted = { ...(env as WorkerEnv), CONTROL_DB_URL: `${proxy}/control/`, LOCAL_LIBSQL_URL: proxy } as WorkerEnv

async function takeCounts(): Promise<Record<string, number>> {
  return (await (await fetch(`${proxy}/__round-trips/reset`, { method: 'POST' })).json()) as Record<string, number>
}

async function send(route: Pick<CountedRoute, 'method' | 'path' | 'body' | 'anonymous' | 'as'>): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { origin: ORIGIN }
  if (!route.anonymous) headers.cookie = inject('cookies')[route.as ?? 'commune']
  if (route.body) headers['content-type'] = 'application/json'
  const body = route.body ? JSON.stringify(route.body()) : undefined
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(`${ORIGIN}${route.path}`, { method: route.method, headers, ...(body ? { body } : {}) }), counted, ctx)
  const text = await res.text()
  // Work left to waitUntil counts too: it runs against the same databases on the same request's behalf.
  await waitOnExecutionContext(ctx)
  return { status: res.status, text }
}

let made: Omit<RoundTripFixture, 'province' | 'username' | 'password' | 'commune'> = {
  personId: '',
  planId: '',
  assessmentId: '',
  modelId: '',
  versions: { plan: 0, assessment: 0, targets: 0 },
}

beforeAll(async () => {
  // Synthetic records in the officer's own commune, made through the Worker.
  made = await prepareFixture(send, { province: '82', commune: inject('communes').own })
  await takeCounts()
})

describe(`database round trips per request on the Hrana path (ceiling ${ROUND_TRIP_CEILING})`, () => {
  const routes = () => countedRoutes({ province: '82', username: 'wd-commune', password: inject('password'), commune: inject('communes').own, ...made })

  // The names are known before the person is registered; the requests are built when each test runs.
  const named = countedRoutes({ province: '82', username: '', password: '', commune: '', ...made })
  for (const [index, { name, knownOver }] of named.entries()) {
    const most = knownOver ?? ROUND_TRIP_CEILING
    it(`${name} makes at most ${most}${knownOver ? ` (over the ceiling of ${ROUND_TRIP_CEILING}: an open gap, decision 0046)` : ''}`, async () => {
      const route = routes()[index]!
      await takeCounts()
      const res = await send(route)
      const counts = await takeCounts()
      expect(unexpectedAnswer(route, res)).toBeUndefined()
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      expect(total, JSON.stringify(counts)).toBeGreaterThan(0)
      expect(total, JSON.stringify(counts)).toBeLessThanOrEqual(most)
    })
  }

  it('counts a request that reaches no database as none, and one session check as one round trip to the control database', async () => {
    await takeCounts()
    expect((await send({ method: 'GET', path: '/health', anonymous: true })).status).toBe(200)
    expect(await takeCounts()).toEqual({})
    expect((await send({ method: 'GET', path: '/api/nothing' })).status).toBe(404)
    expect(await takeCounts()).toEqual({ control: 1 })
  })
})
