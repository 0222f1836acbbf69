import * as nodeCrypto from 'node:crypto'
import { decodeHex, encodeBase64NoPadding } from '@oslojs/encoding'
import { describe, expect, it, vi } from 'vitest'
import { CURRENT_PARAMS, dummyVerify, hashPassword, hashWithSalt, needsRehash, parseHash, verifyPassword } from '../../../worker/auth/password.ts'
import { NODE_MADE_HASH, RFC7914 } from '../../fixtures/scrypt-vectors.ts'

// The real scrypt, observed: lets the dummyVerify test check it does the same work as a real verify.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, scrypt: vi.fn(actual.scrypt) }
})
const scryptSpy = vi.mocked(nodeCrypto.scrypt)
/** keylen and N/r/p of every scrypt call made by `run`. */
async function scryptCalls(run: () => Promise<unknown>) {
  scryptSpy.mockClear()
  await run()
  return scryptSpy.mock.calls.map((call) => {
    const options = call[3] as unknown as nodeCrypto.ScryptOptions
    return { keylen: call[2], N: options.N, r: options.r, p: options.p }
  })
}

const FIXTURE = NODE_MADE_HASH

const VIETNAMESE_NFC = 'Mật khẩu của tôi rất dài'.normalize('NFC')
const VIETNAMESE_NFD = VIETNAMESE_NFC.normalize('NFD')

describe('hashWithSalt (the scrypt primitive)', () => {
  it.each(RFC7914)('matches RFC 7914 for P=$password', async ({ password, salt, params, hex }) => {
    const key = await hashWithSalt(password, new TextEncoder().encode(salt), params, 64)
    expect(key).toEqual(decodeHex(hex))
  })
})

describe('hashPassword / verifyPassword', () => {
  it('round-trips, in the PHC format with the current parameters', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true)
    expect(needsRehash(stored)).toBe(false)
  })

  it('verifies the fixture shared with the workerd suite, and recomputes it exactly', async () => {
    expect(await verifyPassword(FIXTURE.stored, FIXTURE.password)).toBe(true)
    expect(await verifyPassword(FIXTURE.stored, FIXTURE.password.normalize('NFD'))).toBe(true)
    const parsed = parseHash(FIXTURE.stored)!
    expect(new TextDecoder().decode(parsed.salt)).toBe('Bình An salt #1')
    expect(await hashWithSalt(FIXTURE.password, parsed.salt, CURRENT_PARAMS)).toEqual(parsed.key)
  })

  it('rejects a wrong password, including near misses', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false)
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('treats the NFC and NFD forms of a Vietnamese password as the same password', async () => {
    expect(VIETNAMESE_NFC).not.toBe(VIETNAMESE_NFD)
    const fromNfc = await hashPassword(VIETNAMESE_NFC)
    const fromNfd = await hashPassword(VIETNAMESE_NFD)
    expect(await verifyPassword(fromNfc, VIETNAMESE_NFD)).toBe(true)
    expect(await verifyPassword(fromNfd, VIETNAMESE_NFC)).toBe(true)
    // Diacritics still matter: the same letters without them are a different password.
    expect(await verifyPassword(fromNfc, 'Mat khau cua toi rat dai')).toBe(false)
  })

  it('salts every hash: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')])
    expect(a).not.toBe(b)
    expect(parseHash(a)?.salt).not.toEqual(parseHash(b)?.salt)
    expect(await verifyPassword(a, 'the same password')).toBe(true)
    expect(await verifyPassword(b, 'the same password')).toBe(true)
  })
})

describe('parameters travel with the hash', () => {
  const salt = new TextEncoder().encode('fixed salt 16 b!')
  const phc = (params: { ln: number; r: number; p: number }, key: Uint8Array, saltBytes = salt) =>
    `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${encodeBase64NoPadding(saltBytes)}$${encodeBase64NoPadding(key)}`

  it('verifies a hash made with other parameters, and asks for a rehash', async () => {
    const older = { ln: 14, r: 8, p: 1 }
    const stored = phc(older, await hashWithSalt('an older password', salt, older))
    expect(parseHash(stored)?.params).toEqual(older)
    expect(await verifyPassword(stored, 'an older password')).toBe(true)
    expect(await verifyPassword(stored, 'another password')).toBe(false)
    expect(needsRehash(stored)).toBe(true)
  })

  it('uses the stored key length and asks for a rehash when it differs', async () => {
    const key = await hashWithSalt('sixty-four byte key', salt, CURRENT_PARAMS, 64)
    const stored = phc(CURRENT_PARAMS, key)
    expect(await verifyPassword(stored, 'sixty-four byte key')).toBe(true)
    expect(needsRehash(stored)).toBe(true)
  })

  it('is built with the same primitive as hashPassword', async () => {
    const key = await hashWithSalt('same primitive', salt, CURRENT_PARAMS)
    const stored = phc(CURRENT_PARAMS, key)
    expect(needsRehash(stored)).toBe(false)
    expect(await verifyPassword(stored, 'same primitive')).toBe(true)
  })
})

describe('malformed stored strings', () => {
  const good = '$scrypt$ln=15,r=8,p=3$ZmFrZSBzYWx0IDE2IGJ5dA$' + encodeBase64NoPadding(new Uint8Array(32))
  const malformed = [
    '',
    'not a hash',
    '$2b$10$abcdefghijklmnopqrstuu5Rv7VbmsT8pIpT0a9ZBYpr1t2a7pUSm', // bcrypt
    '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA',
    good.replace('$scrypt$', '$scrypt2$'),
    good.replace('ln=15', 'ln=x'),
    good.replace('ln=15,r=8,p=3', 'r=8,p=3'),
    good.replace('ln=15', 'ln=09'), // leading zero
    good.replace('ln=15', 'ln=4'), // below the floor: too cheap to be ours
    good.replace('ln=15', 'ln=99'), // 2^99 blocks
    good.replace('ln=15,r=8', 'ln=17,r=8'), // 128 MiB: beyond the memory bound
    good.replace('p=3', 'p=99'), // beyond the work bound
    good.replace('$ZmFr', '$!mFr'), // not base64
    good.replace('$ZmFr', '$ZmF='), // padding
    good.replace('ZmFrZSBzYWx0IDE2IGJ5dA', 'YWI'), // 2-byte salt
    good.slice(0, -10), // truncated key
    good + '$extra',
    good.slice(0, -1) + 'B', // non-canonical last character
    `${good}${'A'.repeat(600)}`,
  ]

  it.each(malformed.map((stored) => [stored]))('%s verifies as false and needs a rehash', async (stored) => {
    expect(parseHash(stored)).toBeUndefined()
    expect(await verifyPassword(stored, 'anything at all')).toBe(false)
    expect(needsRehash(stored)).toBe(true)
  })

  it('the well-formed control string parses, so the cases above fail for their own reason', () => {
    expect(parseHash(good)?.params).toEqual({ ln: 15, r: 8, p: 3 })
  })

  it('never throws on values that are not strings', async () => {
    expect(await verifyPassword(undefined as unknown as string, 'x')).toBe(false)
    expect(await verifyPassword(good, null as unknown as string)).toBe(false)
    await expect(dummyVerify(undefined as unknown as string)).resolves.toBeUndefined()
  })
})

describe('dummyVerify', () => {
  it('does the same scrypt work as verifying a current hash', async () => {
    // Wall-clock equality is measured by `npm run bench:password`, not asserted here (shared machines are noisy).
    const stored = await hashPassword('somebody’s password')
    const real = await scryptCalls(() => verifyPassword(stored, 'a guess at it'))
    const dummy = await scryptCalls(() => dummyVerify('a guess at it'))
    expect(real).toEqual([{ keylen: 32, N: 2 ** 15, r: 8, p: 3 }])
    expect(dummy).toEqual(real)
  })

  it('resolves to nothing, whatever the password', async () => {
    await expect(dummyVerify('x'.repeat(1000))).resolves.toBeUndefined()
  })
})
