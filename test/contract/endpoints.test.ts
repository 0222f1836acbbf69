import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpoints, endpointUrl, fileEndpoints } from '../../kernel/contract/endpoints.ts'
import { createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
beforeAll(async () => {
  platform = await createTestPlatform()
})
afterAll(() => platform?.cleanup())

describe("the kernel's endpoint table", () => {
  it('names only routes the app has, with their method', () => {
    const { app } = createTestApp(platform)
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))
    const keys = [...Object.keys(endpoints), ...Object.keys(fileEndpoints)]
    expect(keys.length).toBeGreaterThan(40)
    expect(keys.filter((key) => !routes.has(key))).toEqual([])
  })
})

describe('endpoint URLs', () => {
  it('fill in each :parameter, encoded', () => {
    expect(endpointUrl('GET /api/p/:province/persons/:personId/timeline', { province: '79', personId: 'a b/c' })).toBe('/api/p/79/persons/a%20b%2Fc/timeline')
    expect(endpointUrl('GET /api/me', {})).toBe('/api/me')
  })

  it('add the query in order, leaving out empty and missing values', () => {
    expect(endpointUrl('GET /api/p/:province/persons', { province: '01' }, { limit: 50, q: '', category: undefined, status: 'in_rehab', cursor: 'x+y' })).toBe(
      '/api/p/01/persons?limit=50&status=in_rehab&cursor=x%2By',
    )
    expect(endpointUrl('GET /api/p/:province/imports/:importId/rows', { province: '01', importId: 'i1' }, { limit: 100 })).toBe(
      '/api/p/01/imports/i1/rows?limit=100',
    )
  })

  it('refuse an empty parameter instead of calling /api/p//…', () => {
    expect(() => endpointUrl('GET /api/p/:province/reports', { province: '' }, { period: '2026' })).toThrow(/:province/)
  })
})
