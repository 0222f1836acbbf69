import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boundsOf, DEFAULT_K, minorsBand, suppress, type Equation, type SuppressionTable } from '../../kernel/domain/suppression.ts'

// The attack, written apart from the module's own check: everything published is a linear system — every
// equation "total = Σ parts" plus "cell = its value" for each published cell. A withheld cell is worked out
// exactly when its unit vector lies in that system's row space. Then, for each withheld cell, another table that
// publishes the same figures but differs in that cell is built (a step along the null space), non-negative.

interface Published {
  width: number
  index: Map<string, number>
  /** Reduced row echelon form of the whole published system (coefficients only). */
  rref: number[][]
  pivotCol: number[]
}

const EPS = 1e-9

function publishedSystem(table: SuppressionTable, withheld: ReadonlySet<string>): Published {
  const ids = [...table.cells.keys()]
  const index = new Map(ids.map((id, i) => [id, i]))
  const rows: number[][] = []
  for (const e of table.equations) {
    const row = new Array<number>(ids.length).fill(0)
    row[index.get(e.total)!]! += 1
    for (const p of e.parts) row[index.get(p)!]! -= 1
    rows.push(row)
  }
  for (const id of ids) {
    if (withheld.has(id)) continue
    const row = new Array<number>(ids.length).fill(0)
    row[index.get(id)!] = 1
    rows.push(row)
  }
  const rref: number[][] = []
  const pivotCol: number[] = []
  for (const input of rows) {
    const row = [...input]
    for (let r = 0; r < rref.length; r++) {
      const f = row[pivotCol[r]!]!
      if (Math.abs(f) > EPS) for (let j = 0; j < row.length; j++) row[j]! -= f * rref[r]![j]!
    }
    const lead = row.findIndex((a) => Math.abs(a) > EPS)
    if (lead < 0) continue
    const p = row[lead]!
    for (let j = 0; j < row.length; j++) row[j]! /= p
    for (const other of rref) {
      const f = other[lead]!
      if (Math.abs(f) > EPS) for (let j = 0; j < row.length; j++) other[j]! -= f * row[j]!
    }
    rref.push(row)
    pivotCol.push(lead)
  }
  return { width: ids.length, index, rref, pivotCol }
}

/** Whether e_cell is a combination of the published rows. */
function workedOut(sys: Published, cell: string): boolean {
  const v = new Array<number>(sys.width).fill(0)
  v[sys.index.get(cell)!] = 1
  for (let r = 0; r < sys.rref.length; r++) {
    const f = v[sys.pivotCol[r]!]!
    if (Math.abs(f) > EPS) for (let j = 0; j < sys.width; j++) v[j]! -= f * sys.rref[r]![j]!
  }
  return v.every((a) => Math.abs(a) < EPS)
}

/**
 * Another table with the same published figures and a different value in `cell`, built and checked: a null-space
 * vector of the published system (one per free column) with a non-zero entry for the cell, a small step along it.
 */
function alternativeExists(sys: Published, table: SuppressionTable, cell: string): boolean {
  const ids = [...table.cells.keys()]
  const values = [...table.cells.values()]
  const x = sys.index.get(cell)!
  const pivots = new Set(sys.pivotCol)
  for (let f = 0; f < sys.width; f++) {
    if (pivots.has(f)) continue
    const v = new Array<number>(sys.width).fill(0)
    v[f] = 1
    sys.rref.forEach((row, r) => {
      v[sys.pivotCol[r]!] = -row[f]!
    })
    if (Math.abs(v[x]!) < EPS) continue
    const step = 0.5 / Math.max(...v.map(Math.abs))
    for (const t of [step, -step]) {
      const other = new Map(ids.map((id, i) => [id, values[i]! + t * v[i]!]))
      const samePublished = ids.every((id) => !(table.cells.get(id) !== other.get(id) && !isWithheld(sys, id)))
      const balanced = table.equations.every((e) => Math.abs(other.get(e.total)! - e.parts.reduce((s, p) => s + other.get(p)!, 0)) < 1e-6)
      if ([...other.values()].every((n) => n >= -EPS) && balanced && samePublished && Math.abs(other.get(cell)! - table.cells.get(cell)!) > EPS) return true
    }
  }
  return false
}

/** A published cell has its own unit row, so it is a pivot whose row is that unit vector. */
const isWithheld = (sys: Published, id: string) => !workedOut(sys, id)

/**
 * Random published tables shaped like the central overview: quarters × provinces × categories, each province's
 * row total, each category's national total, year-to-date totals per quarter (differencing two periods), and the
 * provinces in two overlapping groupings (regions, and the national total again through them).
 */
const tableArb = fc
  .record({
    quarters: fc.integer({ min: 1, max: 3 }),
    provinces: fc.integer({ min: 2, max: 5 }),
    categories: fc.integer({ min: 1, max: 3 }),
    seedValues: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 })), { minLength: 45, maxLength: 45 }),
    region: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    k: fc.integer({ min: 3, max: 6 }),
  })
  .map(({ quarters, provinces, categories, seedValues, region, k }) => {
    const cells = new Map<string, number>()
    const equations: Equation[] = []
    let next = 0
    const value = () => seedValues[next++ % seedValues.length]!
    const sumOf = (ids: string[]) => ids.reduce((s, id) => s + cells.get(id)!, 0)
    const total = (id: string, parts: string[]) => {
      cells.set(id, sumOf(parts))
      equations.push({ total: id, parts })
    }
    for (let q = 1; q <= quarters; q++) {
      for (let p = 0; p < provinces; p++) {
        for (let c = 0; c < categories; c++) cells.set(`q${q}:p${p}:c${c}`, value())
        if (categories > 1)
          total(
            `q${q}:p${p}:all`,
            [...Array(categories).keys()].map((c) => `q${q}:p${p}:c${c}`),
          )
      }
      const cats = categories > 1 ? [...[...Array(categories).keys()].map((c) => `c${c}`), 'all'] : ['c0']
      for (const c of cats) {
        total(
          `q${q}:nat:${c}`,
          [...Array(provinces).keys()].map((p) => `q${q}:p${p}:${c}`),
        )
        const north = [...Array(provinces).keys()].filter((p) => region[p])
        const south = [...Array(provinces).keys()].filter((p) => !region[p])
        if (north.length > 0 && south.length > 0) {
          total(
            `q${q}:north:${c}`,
            north.map((p) => `q${q}:p${p}:${c}`),
          )
          total(
            `q${q}:south:${c}`,
            south.map((p) => `q${q}:p${p}:${c}`),
          )
          equations.push({ total: `q${q}:nat:${c}`, parts: [`q${q}:north:${c}`, `q${q}:south:${c}`] })
        }
        if (q > 1) {
          for (const scope of [...[...Array(provinces).keys()].map((p) => `p${p}`), 'nat'])
            total(
              `ytd${q}:${scope}:${c}`,
              [...Array(q).keys()].map((i) => `q${i + 1}:${scope}:${c}`),
            )
        }
      }
    }
    return { table: { cells, equations } satisfies SuppressionTable, k }
  })

describe('small-cell suppression', () => {
  it('withholds every count from 1 to k−1 and leaves no withheld cell to be worked out from what is published', () => {
    fc.assert(
      fc.property(tableArb, ({ table, k }) => {
        const withheld = suppress(table, k)
        for (const [id, n] of table.cells) if (n >= 1 && n < k) expect(withheld.has(id), id).toBe(true)
        const sys = publishedSystem(table, withheld)
        for (const id of withheld) {
          expect(table.cells.get(id), `${id}: a zero is never withheld`).toBeGreaterThan(0)
          expect(workedOut(sys, id), `${id} is determined by the published equations`).toBe(false)
          expect(alternativeExists(sys, table, id), `${id} has no other non-negative value`).toBe(true)
          const [lo, hi] = boundsOf(table, withheld).get(id)!
          expect(hi - lo, `${id} pinned by its bounds`).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 200 },
    )
    // 200 random tables, each attacked cell by cell: seconds alone, much longer while the machine is shared.
  }, 120_000)

  it('withholds no complementary cell it could publish: each one given back lets the attack work a withheld cell out', () => {
    fc.assert(
      fc.property(tableArb, ({ table, k }) => {
        const withheld = suppress(table, k)
        const complements = [...withheld].filter((id) => !(table.cells.get(id)! < k))
        for (const id of complements) {
          const fewer = new Set([...withheld].filter((other) => other !== id))
          const sys = publishedSystem(table, fewer)
          const bounds = boundsOf(table, fewer)
          const givenAway = [...fewer].some((other) => workedOut(sys, other) || bounds.get(other)![1] - bounds.get(other)![0] < 1)
          expect(givenAway, `${id} was withheld for nothing`).toBe(true)
        }
      }),
      { numRuns: 60 },
    )
  }, 120_000)

  it('the attack finds a lone small cell in a row when only the primary cells are withheld', () => {
    // Without complements, a row with one small count is given away by its total: the solver must see it.
    const cells = new Map([
      ['a', 3],
      ['b', 40],
      ['t', 43],
    ])
    const table = { cells, equations: [{ total: 't', parts: ['a', 'b'] }] }
    expect(workedOut(publishedSystem(table, new Set(['a'])), 'a')).toBe(true)
    const withheld = suppress(table, DEFAULT_K)
    expect([...withheld].sort()).toEqual(['a', 'b'])
    expect(workedOut(publishedSystem(table, withheld), 'a')).toBe(false)
  })

  it('differencing two year-to-date totals gives a quarter away unless another quarter is withheld', () => {
    const cells = new Map([
      ['q1', 30],
      ['q2', 2],
      ['ytd2', 32],
    ])
    const table = { cells, equations: [{ total: 'ytd2', parts: ['q1', 'q2'] }] }
    const withheld = suppress(table)
    expect(withheld.has('q2')).toBe(true)
    expect(withheld.size).toBe(2)
    expect(workedOut(publishedSystem(table, withheld), 'q2')).toBe(false)
  })

  it('publishes zeros and counts of k or more', () => {
    const cells = new Map([
      ['a', 0],
      ['b', 5],
      ['t', 5],
    ])
    expect(suppress({ cells, equations: [{ total: 't', parts: ['a', 'b'] }] }).size).toBe(0)
  })

  it('bands minors: never an exact count below ten', () => {
    expect([0, 1, 4, 5, 9, 10, 19, 20, 137].map(minorsBand)).toEqual(['0', '1–4', '1–4', '5–9', '5–9', '10–19', '10–19', '20–29', '130–139'])
  })
})
