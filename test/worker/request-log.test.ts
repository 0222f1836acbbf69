import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createJsonLogger } from '../../worker/logger.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// What the log really receives: the JSON lines of the production logger, written as the server writes them.
// Synthetic values, chosen so that any fragment of them is recognisable.
const NAME = 'Lưu Thị Thửnghiệm'
const NAME_ASCII = 'Luu Thi Thunghiem'
const CITIZEN_ID = '079191234567'
const PHONE = '0912000777'
const FRAGMENTS = [NAME, NAME_ASCII, 'Thửnghiệm', 'Thunghiem', 'thunghiem', encodeURIComponent('Thửnghiệm'), CITIZEN_ID, PHONE, '912000777', '+84912000777']

let platform: TestPlatform
let t: TestApp
let lines: string[]
let cookie: string
let commune: string

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  lines = []
  t = createTestApp(platform, { logger: createJsonLogger('info', (line) => lines.push(line)) })
  const [first] = (
    await (
      await t.request('/api/p/82/communes', {
        headers: {
          cookie: await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'log-central', role: 'central_admin' })),
        },
      })
    ).json()
  ).data
  commune = first.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'log-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

const as = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
const person = {
  fullName: NAME,
  birthDate: '1991-02-03',
  sex: 'female',
  citizenId: CITIZEN_ID,
  communeCode: '',
  category: 'drug_user',
  phone: PHONE,
  notes: `Gọi ${PHONE}`,
}

describe('request logs', () => {
  it('carry no name, citizen ID or phone number from a request, whatever part of it they were in', async () => {
    const created = await as('/api/p/82/persons', jsonBody('POST', { ...person, communeCode: commune }))
    expect(created.status).toBe(201)
    const id = (await created.json()).data.id
    const answers = await Promise.all([
      as(`/api/p/82/persons?q=${encodeURIComponent(NAME)}`),
      as(`/api/p/82/persons?q=${encodeURIComponent(NAME_ASCII)}&phone=${PHONE}`),
      as(`/api/p/82/persons?q=${CITIZEN_ID}`),
      as(`/api/p/82/persons/${CITIZEN_ID}`),
      as(`/api/p/82/persons/${id}/${encodeURIComponent(NAME)}`),
      as(`/api/nothing-here/${CITIZEN_ID}?name=${encodeURIComponent(NAME)}`),
      as('/api/p/82/persons', jsonBody('POST', { ...person, communeCode: commune, birthDate: `${CITIZEN_ID}` })),
      as('/api/p/82/persons', jsonBody('POST', { ...person, communeCode: commune, phone: `${PHONE}${NAME}` })),
      as(`/api/p/82/persons/${id}`, jsonBody('PATCH', { version: 99, phone: PHONE })),
      as('/api/p/82/persons', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"fullName": "${NAME}", ` }),
      as('/api/auth/login', jsonBody('POST', { username: NAME, password: CITIZEN_ID })),
    ])
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 400, 404, 404, 400, 400, 409, 400, 401])

    const log = lines.join('\n')
    expect(lines.filter((line) => JSON.parse(line).event === 'request').length).toBeGreaterThanOrEqual(12)
    for (const fragment of FRAGMENTS) expect(log, fragment).not.toContain(fragment)
    expect(log.toLowerCase()).not.toContain(NAME_ASCII.toLowerCase())
  })

  it('name the route pattern, method, status and duration of each request', () => {
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'request')
    expect(entries[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      event: 'request',
      requestId: expect.any(String),
      method: 'GET',
      route: '/api/p/:province/communes',
      status: 200,
      ms: expect.any(Number),
    })
    expect(entries.map((entry) => entry.route)).toContain('/api/p/:province/persons/:personId')
    expect(Object.keys(entries[0]).sort()).toEqual(['event', 'level', 'method', 'ms', 'requestId', 'route', 'status', 'time'])
  })

  it('are the only request logs on Workers: the runtime invocation logs, which hold full URLs, are off', () => {
    const config = unstable_readConfig({ config: 'wrangler.toml' })
    expect(config.observability?.enabled).toBe(true)
    expect(config.observability?.logs?.invocation_logs).toBe(false)
  })
})
