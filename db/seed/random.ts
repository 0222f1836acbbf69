// The demo data's random source: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state), seeded
// through splitmix32. Deterministic on every machine and runtime, so a seed names one data set.

/** Mixes integers (any safe integer, including > 2^32) into one 32-bit value (FNV-1a over 32-bit words). */
export function mixSeeds(values: readonly number[]): number {
  let h = 0x811c9dc5
  for (const value of values) {
    const lo = value >>> 0
    const hi = Math.floor(value / 0x1_0000_0000) >>> 0
    for (const word of [lo, hi]) {
      h = Math.imul(h ^ word, 0x01000193)
      h ^= h >>> 15
    }
  }
  return h >>> 0
}

function splitmix32(seed: number): () => number {
  let a = seed | 0
  return () => {
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t ^= t >>> 15
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

/** A deterministic random source: the same seeds give the same sequence on every machine and runtime. */
export class Random {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(...seeds: number[]) {
    const init = splitmix32(mixSeeds(seeds))
    this.#a = init()
    this.#b = init()
    this.#c = init()
    this.#d = init()
    for (let i = 0; i < 15; i++) this.uint32()
  }

  /** sfc32. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [value, weight] of entries) {
      r -= weight
      if (r < 0) return value
    }
    return entries.at(-1)![0]
  }

  /** A version-4-shaped UUID from this sequence (deterministic, so not for secrets). */
  uuid(): string {
    const a = this.uint32()
    const b = (this.uint32() & 0xffff0fff) | 0x00004000 // version 4
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0 // variant 10
    const d = this.uint32()
    const h = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
    const [hb, hc] = [h(b), h(c)]
    return `${h(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${h(d)}`
  }
}
