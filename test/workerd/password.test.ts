import { decodeHex, encodeBase64NoPadding } from '@oslojs/encoding'
import { describe, expect, it } from 'vitest'
import { CURRENT_PARAMS, dummyVerify, hashPassword, hashWithSalt, needsRehash, parseHash, verifyPassword } from '../../worker/auth/password.ts'

// Inside workerd: node:crypto scrypt comes from workerd's own implementation (BoringSSL, via nodejs_compat in
// wrangler.toml), not Node's OpenSSL. The same RFC 7914 vectors and the same Node-made fixture as
// test/worker/auth/password.test.ts show both runtimes compute identical hashes.

const RFC7914 = [
  {
    password: 'password',
    salt: 'NaCl',
    params: { ln: 10, r: 8, p: 16 },
    hex: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
  {
    password: 'pleaseletmein',
    salt: 'SodiumChloride',
    params: { ln: 14, r: 8, p: 1 },
    hex: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  },
]

// Computed in Node (see the Node suite, which recomputes it); verified here.
const FIXTURE = {
  password: 'Mật khẩu của tôi rất dài',
  stored: '$scrypt$ln=15,r=8,p=3$QsOsbmggQW4gc2FsdCAjMQ$ia/hAcdefSBuQPP9i3vSG0YDbZeAHdh5x9AxYqmn0u4',
}

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
