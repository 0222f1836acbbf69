import { decodeHex, encodeBase64NoPadding } from '@oslojs/encoding'
import { describe, expect, it } from 'vitest'
import { CURRENT_PARAMS, dummyVerify, hashPassword, hashWithSalt, needsRehash, parseHash, verifyPassword } from '../../worker/auth/password.ts'
import { NODE_MADE_HASH, RFC7914 } from '../fixtures/scrypt-vectors.ts'

// Inside workerd: node:crypto scrypt comes from workerd's own implementation (BoringSSL, via nodejs_compat in
// wrangler.toml), not Node's OpenSSL. The same RFC 7914 vectors and the same Node-made fixture as
// test/worker/auth/password.test.ts show both runtimes compute identical hashes.

const FIXTURE = NODE_MADE_HASH

describe('password hashing inside workerd', () => {
  it('runs in workerd, not Node', () => {
    expect(navigator.userAgent).toBe('Cloudflare-Workers')
  })

  it.each(RFC7914)('matches RFC 7914 for P=$password', async ({ password, salt, params, hex }) => {
    const key = await hashWithSalt(password, new TextEncoder().encode(salt), params, 64)
    expect(key).toEqual(decodeHex(hex))
  })

  it('verifies a hash made in Node and recomputes it byte for byte', async () => {
    expect(await verifyPassword(FIXTURE.stored, FIXTURE.password)).toBe(true)
    expect(await verifyPassword(FIXTURE.stored, FIXTURE.password.normalize('NFD'))).toBe(true)
    expect(await verifyPassword(FIXTURE.stored, 'Mat khau cua toi rat dai')).toBe(false)
    const parsed = parseHash(FIXTURE.stored)!
    const key = await hashWithSalt(FIXTURE.password, parsed.salt, CURRENT_PARAMS)
    expect(encodeBase64NoPadding(key)).toBe(FIXTURE.stored.split('$')[4])
  })

  it('hashes with the current parameters and verifies its own hashes', async () => {
    const stored = await hashPassword('tre xanh bên sông')
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(needsRehash(stored)).toBe(false)
    expect(await verifyPassword(stored, 'tre xanh bên sông')).toBe(true)
    expect(await verifyPassword(stored, 'tre xanh bên sông!')).toBe(false)
    expect(stored).not.toBe(await hashPassword('tre xanh bên sông'))
  })

  it('returns false for malformed strings and resolves dummyVerify', async () => {
    expect(await verifyPassword('$scrypt$ln=17,r=8,p=1$QsOsbmggQW4gc2FsdCAjMQ$AAAA', 'x')).toBe(false)
    expect(await verifyPassword('garbage', 'x')).toBe(false)
    await expect(dummyVerify('x')).resolves.toBeUndefined()
  })
})
