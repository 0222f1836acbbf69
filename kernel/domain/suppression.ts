// Small-cell suppression (DOMAIN.md §8; issue #18 point 2; docs/decisions/0042). Figures leave a province for a
// central screen or an export only through here: a count from 1 to k−1 is suppressed (primary), and further cells
// (complementary) until no suppressed cell can be worked out from what is published — from the totals of its row
// or column, by differencing two periods (a year-to-date total minus the quarters), or through two overlapping
// groupings. Everything published is described as equations "total = sum of parts"; the same equations are what
// an attacker has, so the check below is the attack: linear algebra over the published equations, then the
// bounds non-negativity gives.

/** A published identity: the cell `total` equals the sum of the cells `parts`. */
export interface Equation {
  total: string
  parts: readonly string[]
}

export interface SuppressionTable {
  /** Every cell that would be published, by id: non-negative integer counts. */
  cells: ReadonlyMap<string, number>
  equations: readonly Equation[]
}

/** The default threshold: counts 1–4 are never published (DOMAIN.md §8). */
export const DEFAULT_K = 5

const EPS = 1e-9

/**
 * The cells to withhold: every count 1…k−1, plus the complementary cells that keep each of them undetermined.
 * Zeros are published (an empty cell tells nothing about a person) and never withheld; complements are the
 * smallest non-zero parts, a total only when no part will do, so national and province totals stay visible when
 * they can; then every complement that can be published again is (decision 0045).
 */
export function suppress(table: SuppressionTable, k: number = DEFAULT_K): Set<string> {
  const suppressed = new Set<string>()
  for (const [id, n] of table.cells) if (n >= 1 && n < k) suppressed.add(id)
  const primary = new Set(suppressed)
  const isTotal = new Set(table.equations.map((e) => e.total))
  const byCell = equationsByCell(table.equations)
  // Each round withholds one more cell, so the loop ends (at worst with every cell of the equations withheld).
  for (;;) {
    const exposed = disclosed(table, suppressed)
    if (exposed.length === 0) break
    const extra = complementFor(exposed[0]!, table, suppressed, byCell, isTotal)
    if (extra === undefined) return suppressed
    suppressed.add(extra)
  }
  return pruned(table, suppressed, primary, isTotal)
}

/**
 * The greedy rounds choose each complement for one exposed cell at a time, so a later one can make an earlier
 * one unnecessary. Each complement is given back in turn — totals first, then the largest (what a reader misses
 * most) — and stays published only when the same check as above still finds nothing disclosed. The result is
 * minimal: no single complementary cell can be published without giving a withheld cell away.
 */
function pruned(table: SuppressionTable, suppressed: Set<string>, primary: ReadonlySet<string>, isTotal: ReadonlySet<string>): Set<string> {
  const complements = [...suppressed]
    .filter((id) => !primary.has(id))
    .sort((a, b) => Number(isTotal.has(b)) - Number(isTotal.has(a)) || (table.cells.get(b) ?? 0) - (table.cells.get(a) ?? 0))
  for (const id of complements) {
    suppressed.delete(id)
    if (disclosed(table, suppressed).length > 0) suppressed.add(id)
  }
  return suppressed
}

/**
 * The suppressed cells someone could still work out: uniquely determined by the published equations (their
 * unit vector lies in the row space of the equations over the withheld cells), or pinned to one value by the
 * bounds that non-negativity gives.
 */
export function disclosed(table: SuppressionTable, suppressed: ReadonlySet<string>): string[] {
  if (suppressed.size === 0) return []
  const determined = determinedByEquations(table, suppressed)
  const pinned = pinnedByBounds(table, suppressed)
  return [...suppressed].filter((id) => determined.has(id) || pinned.has(id))
}

function equationsByCell(equations: readonly Equation[]): Map<string, Equation[]> {
  const out = new Map<string, Equation[]>()
  for (const e of equations) {
    for (const id of [e.total, ...e.parts]) {
      const list = out.get(id) ?? []
      list.push(e)
      out.set(id, list)
    }
  }
  return out
}

/** Rows of the equations restricted to the withheld cells (published cells are constants there), in reduced row echelon form. */
function determinedByEquations(table: SuppressionTable, suppressed: ReadonlySet<string>): Set<string> {
  const vars = [...suppressed]
  const col = new Map(vars.map((id, i) => [id, i]))
  const rows: number[][] = []
  for (const e of table.equations) {
    const row = new Array<number>(vars.length).fill(0)
    let any = false
    const add = (id: string, a: number) => {
      const i = col.get(id)
      if (i === undefined) return
      row[i]! += a
      any = true
    }
    add(e.total, 1)
    for (const p of e.parts) add(p, -1)
    if (any) rows.push(row)
  }
  const pivots = reduce(rows, vars.length)
  const out = new Set<string>()
  // A pivot row with no other non-zero entry is the unit vector of its cell: that cell is known.
  for (const [r, c] of pivots) if (rows[r]!.every((a, j) => j === c || Math.abs(a) < EPS)) out.add(vars[c]!)
  return out
}

/** Gauss–Jordan elimination in place; the (row, column) of each pivot. */
function reduce(rows: number[][], width: number): [number, number][] {
  const pivots: [number, number][] = []
  let r = 0
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i
    if (Math.abs(rows[best]![c]!) < EPS) continue
    ;[rows[r], rows[best]] = [rows[best]!, rows[r]!]
    const pivot = rows[r]!
    const p = pivot[c]!
    for (let j = 0; j < width; j++) pivot[j]! /= p
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue
      const row = rows[i]!
      const f = row[c]!
      if (Math.abs(f) < EPS) continue
      for (let j = 0; j < width; j++) row[j]! -= f * pivot[j]!
    }
    pivots.push([r, c])
    r++
  }
  return pivots
}

/**
 * Interval bounds: each withheld cell starts at [0, ∞) and each equation narrows its cells from the others'
 * bounds, until nothing changes. A cell whose interval shrinks to one integer is disclosed.
 */
export function boundsOf(table: SuppressionTable, suppressed: ReadonlySet<string>): Map<string, [number, number]> {
  const lo = new Map<string, number>()
  const hi = new Map<string, number>()
  for (const [id, n] of table.cells) {
    lo.set(id, suppressed.has(id) ? 0 : n)
    hi.set(id, suppressed.has(id) ? Number.POSITIVE_INFINITY : n)
  }
  const narrow = (id: string, l: number, h: number) => {
    let changed = false
    if (l > lo.get(id)! + EPS) {
      lo.set(id, l)
      changed = true
    }
    if (h < hi.get(id)! - EPS) {
      hi.set(id, h)
      changed = true
    }
    return changed
  }
  for (let round = 0; round < 100; round++) {
    let changed = false
    for (const e of table.equations) {
      const sum = (of: ReadonlyMap<string, number>, except?: string) => e.parts.reduce((s, p) => (p === except ? s : s + of.get(p)!), 0)
      changed = narrow(e.total, sum(lo), sum(hi)) || changed
      for (const p of e.parts) {
        // Summed without p: ∞ − ∞ would be NaN.
        const othersHi = sum(hi, p)
        const l = Number.isFinite(othersHi) ? lo.get(e.total)! - othersHi : 0
        changed = narrow(p, Math.max(0, l), hi.get(e.total)! - sum(lo, p)) || changed
      }
    }
    if (!changed) break
  }
  return new Map([...suppressed].map((id) => [id, [lo.get(id)!, hi.get(id)!]]))
}

function pinnedByBounds(table: SuppressionTable, suppressed: ReadonlySet<string>): Set<string> {
  const out = new Set<string>()
  for (const [id, [l, h]] of boundsOf(table, suppressed)) if (h - l < 1 - EPS) out.add(id)
  return out
}

/**
 * One more cell to withhold for an exposed one: a published cell of the exposed cell's equation with the fewest
 * withheld cells; failing that, of any equation that holds a withheld cell. Smallest non-zero part first.
 */
function complementFor(
  exposed: string,
  table: SuppressionTable,
  suppressed: ReadonlySet<string>,
  byCell: ReadonlyMap<string, Equation[]>,
  isTotal: ReadonlySet<string>,
): string | undefined {
  const own = [...(byCell.get(exposed) ?? [])].sort((a, b) => withheld(a, suppressed) - withheld(b, suppressed))
  for (const e of own) {
    const pick = bestPublished([e], table, suppressed, isTotal, byCell)
    if (pick !== undefined) return pick
  }
  const touching = table.equations.filter((e) => withheld(e, suppressed) > 0)
  return bestPublished(touching, table, suppressed, isTotal, byCell)
}

const withheld = (e: Equation, suppressed: ReadonlySet<string>) => [e.total, ...e.parts].filter((id) => suppressed.has(id)).length

function bestPublished(
  equations: readonly Equation[],
  table: SuppressionTable,
  suppressed: ReadonlySet<string>,
  isTotal: ReadonlySet<string>,
  byCell: ReadonlyMap<string, Equation[]>,
) {
  let best: string | undefined
  let bestKey: [number, number, number] | undefined
  for (const e of equations) {
    for (const id of [...e.parts, e.total]) {
      if (suppressed.has(id)) continue
      const n = table.cells.get(id) ?? 0
      // A zero is never withheld: every withheld cell is then at least 1, so a table that publishes the same
      // figures with another value in it exists as soon as the equations leave it free (no non-negativity pin).
      if (n === 0) continue
      // A cell whose other equations hold a cell withheld with only it beside it protects that one too (the
      // corner of a rectangle): one complement instead of two.
      const lone = (byCell.get(id) ?? []).some((other) => other !== e && withheld(other, suppressed) === 1)
      const key: [number, number, number] = [isTotal.has(id) ? 1 : 0, lone ? 0 : 1, n]
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = id
        bestKey = key
      }
    }
  }
  return best
}

/**
 * A count about minors as a band (DOMAIN.md §8): 0, 1–4, 5–9, then tens. The same bands as the province's own
 * report (worker/services/reports.ts), so a band never reads differently on two screens.
 */
export function minorsBand(n: number): string {
  if (n <= 0) return '0'
  if (n < 5) return '1–4'
  if (n < 10) return '5–9'
  const low = Math.floor(n / 10) * 10
  return `${low}–${low + 9}`
}
