import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { isNeverCached, strategyFor } from '../../web/sw/routing.ts'

const ORIGIN = 'https://binhan.example'
const at = (path: string, init: { method?: string; mode?: string } = {}) =>
  strategyFor(new URL(`${ORIGIN}${path}`), { method: init.method ?? 'GET', mode: init.mode ?? 'cors' }, ORIGIN)

describe('service worker routing', () => {
  it('opens every client route from the shell when offline (network first)', () => {
    for (const path of ['/', '/login', '/province/users', '/admin/provinces/82', '/no-such-page?x=1']) {
      expect(at(path, { mode: 'navigate' }), path).toBe('navigation')
    }
  })

  it('serves content-hashed build output cache first', () => {
    expect(at('/assets/index-B8emClCd.js', { mode: 'cors' })).toBe('cache-first')
    expect(at('/assets/index-Dyic5fQX.css', { mode: 'no-cors' })).toBe('cache-first')
  })

  it('never intercepts the API or the health check, whatever the method or mode', () => {
    for (const path of ['/api/me', '/api/p/82/users?status=active', '/api/auth/login', '/api', '/health']) {
      for (const method of ['GET', 'POST', 'PUT']) {
        for (const mode of ['cors', 'same-origin', 'navigate']) expect(at(path, { method, mode }), `${method} ${path} ${mode}`).toBe('passthrough')
      }
      expect(isNeverCached(new URL(path, ORIGIN).pathname)).toBe(true)
    }
  })

  it('knows the API under any escaping the server decodes', () => {
    for (const path of [
      '/%61pi/me',
      '/%61%70%69/p/82/persons?q=x',
      '/ap%69',
      '/%2561pi/me',
      '/API/me',
      '//api/me',
      '/api%2Fme',
      '/%68ealth',
      '/a%70i/p/82/persons/%E2%82%AC',
    ]) {
      const url = new URL(`${ORIGIN}${path}`)
      expect(isNeverCached(url.pathname), path).toBe(true)
      for (const mode of ['cors', 'navigate']) expect(at(path, { mode }), `${path} ${mode}`).toBe('passthrough')
    }
  })

  it('never caches a path the real server routes to the API (property, against Hono)', async () => {
    const server = new Hono()
    server.all('/api/*', (c) => c.text('api'))
    server.all('/api', (c) => c.text('api'))
    server.all('/health', (c) => c.text('api'))
    server.all('*', (c) => c.text('other'))
    const escaped = (char: string) =>
      fc.constantFrom(char, char.toUpperCase(), `%${char.charCodeAt(0).toString(16)}`, `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    const word = (text: string) => fc.tuple(...[...text].map(escaped)).map((chars) => chars.join(''))
    const slash = fc.constantFrom('/', '//', '%2F', '%2f')
    const rest = fc
      .array(fc.constantFrom('me', 'p', '82', 'persons', '%E1%BB%87', '%', '%zz', '..', '.', '%2e', ''), { maxLength: 4 })
      .map((parts) => parts.join('/'))
    const path = fc
      .tuple(fc.constantFrom('/', '//'), fc.oneof(word('api'), word('health')), fc.option(slash), rest)
      .map(([lead, head, sep, tail]) => `${lead}${head}${sep ?? ''}${tail}`)
    await fc.assert(
      fc.asyncProperty(path, async (raw) => {
        const url = new URL(`${ORIGIN}${raw}`) // what the service worker sees: the browser's parsed URL
        const routed = await (await server.request(url.href)).text()
        if (routed === 'api') expect(isNeverCached(url.pathname), `${raw} → ${url.pathname}`).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('does not take paths that merely start like the API for it', () => {
    expect(at('/apiary', { mode: 'navigate' })).toBe('navigation')
    expect(isNeverCached('/apiary')).toBe(false)
    expect(isNeverCached('/healthy')).toBe(false)
  })

  it('leaves writes and other origins to the network', () => {
    expect(at('/assets/x.js', { method: 'POST' })).toBe('passthrough')
    expect(at('/login', { method: 'HEAD', mode: 'navigate' })).toBe('passthrough')
    expect(strategyFor(new URL('https://cdn.example/assets/x.js'), { method: 'GET', mode: 'cors' }, ORIGIN)).toBe('passthrough')
    expect(strategyFor(new URL('http://binhan.example/assets/x.js'), { method: 'GET', mode: 'cors' }, ORIGIN)).toBe('passthrough')
  })

  it('takes other same-origin files network first', () => {
    expect(at('/favicon.ico', { mode: 'no-cors' })).toBe('network-first')
    expect(at('/manifest.webmanifest')).toBe('network-first')
  })
})
