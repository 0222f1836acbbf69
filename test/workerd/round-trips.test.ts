import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import worker from '../../worker/index.ts'
import { createApp } from '../../worker/app.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'
import { workersDeps } from '../../worker/workers-deps.ts'
import {
  countedRoutes,
  NOT_MADE,
  prepareFixture,
  ROUND_TRIP_CEILING,
  routeAnswer,
  routeOf,
  routeRequest,
  ROUTES_NOT_COUNTED,
  ROUTES_REPRESENTED,
  unexpectedAnswer,
  type Made,
  type RoundTripFixture,
  type RouteSender,
  type RouteSide,
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

const send: RouteSender = async (route) => {
  const ctx = createExecutionContext()
  const res = await worker.fetch(routeRequest(ORIGIN, route, inject('cookies')), counted, ctx)
  const answer = await routeAnswer(res)
  // Work left to waitUntil counts too: it runs against the same databases on the same request's behalf.
  await waitOnExecutionContext(ctx)
  return answer
}

const side: RouteSide = {
  send,
  async mailedToken(address) {
    const posted = (await (await fetch(inject('mailApiUrl').replace(/\/emails$/, '/messages'))).json()) as { to: string[]; text: string }[]
    const mail = posted.findLast((m) => m.to.includes(address))
    const token = mail && /[?&]token=([a-z2-7]{40})/.exec(mail.text)?.[1]
    if (!token) throw new Error(`no link mailed to ${address}`)
    return token
  },
}

let made: Made = NOT_MADE
const fixture = (m: Made): RoundTripFixture => ({
  province: '82',
  spareProvince: '79',
  username: 'wd-commune',
  password: inject('password'),
  commune: inject('communes').own,
  otherCommune: inject('communes').other,
  ...m,
})

beforeAll(async () => {
  // Synthetic records in the officer's own commune, made through the Worker.
  made = await prepareFixture(side, fixture(NOT_MADE))
  await takeCounts()
}, 120_000)

describe(`database round trips per request on the Hrana path (ceiling ${ROUND_TRIP_CEILING})`, () => {
  // The names are known before the records are made; the requests are built when each test runs.
  const named = countedRoutes(fixture(NOT_MADE))
  for (const [index, { name, knownOver }] of named.entries()) {
    const most = knownOver ?? ROUND_TRIP_CEILING
    it(`${name} makes at most ${most}${knownOver ? ` (over the ceiling of ${ROUND_TRIP_CEILING}: an open gap, decision 0049)` : ''}`, async () => {
      const route = countedRoutes(fixture(made))[index]!
      // Sent twice, the second counted: the steady count the bench reports too. The first may pay for what an
      // earlier route left (a tail another request moved, a cache a check dropped), which is not this route's.
      let res = { status: 0, text: '' }
      let counts: Record<string, number> = {}
      for (let run = 0; run < 2; run++) {
        const sent = { ...route, ...(await route.prepare?.(side)) }
        await takeCounts()
        res = await send(sent)
        counts = await takeCounts()
        expect(unexpectedAnswer(route, res), `send ${run + 1}`).toBeUndefined()
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      expect(total, JSON.stringify(counts)).toBeGreaterThan(0)
      expect(total, JSON.stringify(counts)).toBeLessThanOrEqual(most)
      // A route let off more than it needs would hide the next one it grows by.
      if (knownOver) expect(total, JSON.stringify(counts)).toBeGreaterThan(ROUND_TRIP_CEILING)
    })
  }

  it('counts every route of the app, or names the counted route that stands for it, or says why not', () => {
    const routes = createApp(workersDeps(counted)).routes.filter((r) => r.method !== 'ALL')
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`))
    const countedKeys = named.map((route) => routeOf(routes, route.method, route.path))
    expect(named.filter((_, i) => !countedKeys[i]).map((route) => `${route.method} ${route.path}`)).toEqual([])
    const accounted = new Set([...countedKeys, ...Object.keys(ROUTES_REPRESENTED), ...Object.keys(ROUTES_NOT_COUNTED)])
    expect([...declared].filter((key) => !accounted.has(key))).toEqual([])
    // Every GET is counted itself, and what a represented route points at is counted.
    expect([...declared].filter((key) => key.startsWith('GET ') && !countedKeys.includes(key) && !ROUTES_NOT_COUNTED[key])).toEqual([])
    expect(Object.values(ROUTES_REPRESENTED).filter((key) => !countedKeys.includes(key))).toEqual([])
    // No stale entry: each listed route still exists and is listed once.
    expect([...Object.keys(ROUTES_REPRESENTED), ...Object.keys(ROUTES_NOT_COUNTED)].filter((key) => !declared.has(key) || countedKeys.includes(key))).toEqual(
      [],
    )
  })

  it('counts a request that reaches no database as none, and one session check as one round trip to the control database', async () => {
    await takeCounts()
    expect((await send({ method: 'GET', path: '/health', anonymous: true })).status).toBe(200)
    expect(await takeCounts()).toEqual({})
    expect((await send({ method: 'GET', path: '/api/nothing' })).status).toBe(404)
    expect(await takeCounts()).toEqual({ control: 1 })
  })
})
