import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

/** 25 random bytes (200 bits; Lucia asks for at least 20) as 40 lower-case base32 characters: cookie- and URL-safe. */
export function generateToken(): string {
  const bytes = new Uint8Array(25)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** What the database stores instead of a token (sessions, invites, resets): its SHA-256, hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** Tokens we issue are exactly this shape; anything else is rejected before touching the database. */
export const TOKEN_PATTERN = /^[a-z2-7]{40}$/
