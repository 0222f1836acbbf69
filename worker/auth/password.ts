// Password hashing: scrypt (RFC 7914) through `node:crypto`, which is native in both runtimes: OpenSSL in
// Node, BoringSSL in workerd (Node compatibility, on by default at wrangler.toml's compatibility date and
// stated there with `nodejs_compat`). Both give byte-identical output (checked against the RFC 7914 vectors
// and a Node-made hash in test/worker/auth and test/workerd).
//
// Parameters: OWASP's Password Storage Cheat Sheet lists equally strong scrypt rows (N=2^17 r=8 p=1,
// N=2^16 p=2, N=2^15 p=3, N=2^14 p=5, N=2^13 p=10). N=2^17 needs 128 MiB, the whole memory of a Workers
// isolate; N=2^15, r=8, p=3 needs 32 MiB and costs about 210 ms in Node and 180 ms in workerd on the
// benchmark machine (`npm run bench:password`, docs/benchmarks.md), inside the 50–300 ms target.
// WebCrypto PBKDF2 is deliberately not used: Workers cap it at 100,000 iterations, far below OWASP's 600,000.
//
// Stored form (PHC string format): $scrypt$ln=15,r=8,p=3$<salt>$<hash>, standard base64 without padding.
// The parameters travel with each hash, so old hashes keep verifying after CURRENT_PARAMS changes, and
// needsRehash() tells the login flow when to store a fresh hash.
import { scrypt } from 'node:crypto'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase64IgnorePadding, encodeBase64NoPadding } from '@oslojs/encoding'

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  ln: number
  /** Block size (memory per lane is 128·r·N bytes). */
  r: number
  /** Parallelisation: independent lanes, computed one after another here, so cost grows linearly with it. */
  p: number
}

export const CURRENT_PARAMS: Readonly<ScryptParams> = Object.freeze({ ln: 15, r: 8, p: 3 })
const SALT_BYTES = 16
const KEY_BYTES = 32

// Bounds for parameters read back from a stored string: anything outside them is treated as malformed
// rather than run, so a corrupt row cannot make one login allocate beyond a Workers isolate or spin for
// seconds. 64 MiB and 2^21 block operations are twice the current memory and about 2.7× the current work.
const MAX_MEMORY_BYTES = 64 * 1024 * 1024
const MAX_WORK = 2 ** 21 // N·r·p
const MIN_LN = 10
const SALT_LENGTHS = { min: 8, max: 64 }
const KEY_LENGTHS = { min: 16, max: 64 }

const encoder = new TextEncoder()

/** The bytes that get hashed: NFC, so NFC and NFD input of the same Vietnamese text hash alike; then UTF-8. */
export function passwordBytes(password: string): Uint8Array {
  return encoder.encode(password.normalize('NFC'))
}

/**
 * The one scrypt primitive every function here goes through (exported for the known-answer tests).
 * Node runs it on the libuv thread pool; workerd runs it synchronously inside the callback API.
 */
export function hashWithSalt(password: string, salt: Uint8Array, params: ScryptParams, keyLength: number = KEY_BYTES): Promise<Uint8Array> {
  const N = 2 ** params.ln
  // OpenSSL and BoringSSL both refuse when 128·r·(N + p + 2) bytes exceed maxmem (default 32 MiB), so say what we need.
  const maxmem = 128 * params.r * (N + params.p + 2) + 1024 * 1024
  return new Promise((resolve, reject) => {
    scrypt(passwordBytes(password), salt, keyLength, { N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(err)
      else resolve(new Uint8Array(key)) // a plain copy, not a Buffer, so both runtimes return the same type
    })
  })
}

function formatParams(params: ScryptParams): string {
  return `ln=${params.ln},r=${params.r},p=${params.p}`
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const key = await hashWithSalt(password, salt, CURRENT_PARAMS)
  return `$scrypt$${formatParams(CURRENT_PARAMS)}$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(key)}`
}

interface ParsedHash {
  params: ScryptParams
  salt: Uint8Array
  key: Uint8Array
}

const PARAMS_PATTERN = /^ln=([1-9]\d?),r=([1-9]\d?),p=([1-9]\d?)$/
const BASE64_PATTERN = /^[A-Za-z0-9+/]+$/

function decodeStrictBase64(text: string, lengths: { min: number; max: number }): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined
  let bytes: Uint8Array
  try {
    bytes = decodeBase64IgnorePadding(text)
  } catch {
    return undefined
  }
  // Canonical encodings only: re-encoding must give the same text (no stray low bits in the last character).
  if (encodeBase64NoPadding(bytes) !== text) return undefined
  if (bytes.length < lengths.min || bytes.length > lengths.max) return undefined
  return bytes
}

/** Parses a stored hash, or undefined when it is not one this module could have written. */
export function parseHash(stored: string): ParsedHash | undefined {
  if (typeof stored !== 'string' || stored.length > 512) return undefined
  const parts = stored.split('$')
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'scrypt') return undefined
  const match = PARAMS_PATTERN.exec(parts[2] ?? '')
  if (!match) return undefined
  const params: ScryptParams = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) }
  const N = 2 ** params.ln
  if (params.ln < MIN_LN || 128 * params.r * N > MAX_MEMORY_BYTES || N * params.r * params.p > MAX_WORK) return undefined
  const salt = decodeStrictBase64(parts[3] ?? '', SALT_LENGTHS)
  const key = decodeStrictBase64(parts[4] ?? '', KEY_LENGTHS)
  if (!salt || !key) return undefined
  return { params, salt, key }
}

/** True when the password matches. Malformed or out-of-bounds stored strings give false; this never throws. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    const parsed = parseHash(stored)
    if (!parsed || typeof password !== 'string') return false
    const key = await hashWithSalt(password, parsed.salt, parsed.params, parsed.key.length)
    return constantTimeEqual(key, parsed.key)
  } catch {
    return false
  }
}

/** True when a stored hash should be replaced (after a successful login) by one with the current parameters. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored)
  if (!parsed) return true
  const { params } = parsed
  return (
    params.ln !== CURRENT_PARAMS.ln ||
    params.r !== CURRENT_PARAMS.r ||
    params.p !== CURRENT_PARAMS.p ||
    parsed.salt.length !== SALT_BYTES ||
    parsed.key.length !== KEY_BYTES
  )
}

// A fixed stand-in for the hash of a user who does not exist. Its key can match no password that matters:
// it is all zeros, and the comparison result is thrown away anyway.
const DUMMY = { salt: new Uint8Array(SALT_BYTES).fill(0x5a), key: new Uint8Array(KEY_BYTES) }

/**
 * Spends what verifyPassword spends on a current-parameters hash, for logins naming an unknown user,
 * so the response time does not reveal whether the username exists. Never throws.
 */
export async function dummyVerify(password: string): Promise<void> {
  try {
    const key = await hashWithSalt(typeof password === 'string' ? password : '', DUMMY.salt, CURRENT_PARAMS, KEY_BYTES)
    constantTimeEqual(key, DUMMY.key)
  } catch {
    // Nothing to report: the caller answers "wrong username or password" either way.
  }
}
