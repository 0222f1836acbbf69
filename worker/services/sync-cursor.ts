import * as v from 'valibot'
import { sha256 } from '@oslojs/crypto/sha2'
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { fieldError } from '../errors.ts'

/** Whose records a pull answers: a province, and a commune officer's communes (null: the whole province). */
export interface PullScope {
  province: string
  communes: readonly string[] | null
}

/**
 * Where a device is in GET /sync/pull: the change_log `seq` it has seen (`s`), the scope it was answered for
 * (`h`, a hash: a cursor is worthless in another scope), and, while a full download is under way, how far it
 * got (`r`: phase index and the last record's position). Opaque to the client: base64url of this JSON.
 */
const CursorSchema = v.object({
  v: v.literal(1),
  s: v.pipe(v.number(), v.integer(), v.minValue(0)),
  h: v.string(),
  r: v.optional(v.object({ e: v.pipe(v.number(), v.integer(), v.minValue(0)), a: v.pipe(v.array(v.string()), v.maxLength(4)) })),
})
export type Cursor = v.InferOutput<typeof CursorSchema>

export function scopeHash(scope: PullScope): string {
  const text = `${scope.province}|${scope.communes ? [...scope.communes].sort().join(',') : '*'}`
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text))).slice(0, 16)
}

export function encodeCursor(cursor: Cursor): string {
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(cursor)))
}

/**
 * Garbage (not base64url JSON) is a client bug: 400. A cursor of another shape or version, or of another scope
 * (the officer's communes changed, another user's cursor) means "start again": null, and the caller resets.
 */
export function decodeCursor(text: string, scope: PullScope): Cursor | null {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64urlIgnorePadding(text)))
  } catch {
    throw fieldError('query.cursor', 'is not a cursor from this API')
  }
  const parsed = v.safeParse(CursorSchema, json)
  if (!parsed.success || parsed.output.h !== scopeHash(scope)) return null
  return parsed.output
}
