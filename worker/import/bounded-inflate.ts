// DEFLATE with a running output bound, on fflate's streaming Inflate. See read-xlsx.ts and decision 0019.
import { Inflate } from 'fflate'

export interface InflateBounds {
  /** Output allowed in all. */
  maxBytes: number
  /** Output allowed per byte of compressed input read so far… */
  maxRatio: number
  /** …once the output passes this (small parts may compress better: a header, a list of sheets). */
  ratioGraceBytes: number
}

export type InflateResult = { ok: true; data: Uint8Array } | { ok: false; over: 'budget' | 'ratio'; inflatedBytes: number }

/** DEFLATE's densest code is 258 bytes for 2 bits: no input byte inflates to more than this. */
export const MAX_DEFLATE_EXPANSION = 1032
const MIN_SLICE = 64
const MAX_SLICE = 64 * 1024
/** How far past its bound an output can get before it is stopped: one smallest slice, fully expanded. */
export const MAX_OVERSHOOT_BYTES = MIN_SLICE * MAX_DEFLATE_EXPANSION

/**
 * Inflates raw DEFLATE data while the output stays within both bounds, checked after every slice of input.
 * fflate inflates all it is given at once, so the input is fed in slices no larger than what the remaining
 * allowance can take at DEFLATE's maximum expansion: a zip bomb is stopped at the slice where its first byte
 * over appears, at most MAX_OVERSHOOT_BYTES (66 KB) past, never after inflating the rest. Corrupt data throws
 * fflate's error (the caller reports a damaged file).
 */
export function inflateBounded(input: Uint8Array, bounds: InflateBounds): InflateResult {
  const chunks: Uint8Array[] = []
  let produced = 0
  const inflater = new Inflate((chunk) => {
    chunks.push(chunk)
    produced += chunk.length
  })
  const allowedAfter = (consumed: number) => Math.min(bounds.maxBytes, Math.max(bounds.ratioGraceBytes, bounds.maxRatio * consumed))
  let consumed = 0
  do {
    const headroom = allowedAfter(consumed) - produced
    const slice = Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.floor(headroom / MAX_DEFLATE_EXPANSION)))
    const end = Math.min(input.length, consumed + slice)
    inflater.push(input.subarray(consumed, end), end === input.length)
    consumed = end
    if (produced > allowedAfter(consumed)) return { ok: false, over: produced > bounds.maxBytes ? 'budget' : 'ratio', inflatedBytes: produced }
  } while (consumed < input.length)
  return { ok: true, data: concat(chunks, produced) }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}
