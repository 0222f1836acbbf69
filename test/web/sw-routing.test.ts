import { describe, expect, it } from 'vitest'
import { isNeverCached, strategyFor } from '../../web/sw/routing.ts'

const ORIGIN = 'https://binhan.example'
const at = (path: string, init: { method?: string; mode?: string } = {}) =>
  strategyFor(new URL(path, ORIGIN), { method: init.method ?? 'GET', mode: init.mode ?? 'cors' }, ORIGIN)

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
