// The report on the wire (docs/decisions/0043, issue #19: no answer over 1 MB): the scope's total in full, the
// figures of a commune where nothing happened (`zero`) once, and each commune as what differs from that zero.
// Sent whole, every commune carried every kind for both years, zeros included (961 KiB at 30,000 people); thinned,
// the answer grows with the figures that are not zero, not with communes × kinds. What is left out is the zero's
// value: 0 for a count, '0' for a band, null for a share of nobody or a target not set — exact either way, since
// only what equals the zero is left out.
import type { Report, ReportFigures, ThinFigures, ThinReport } from '../contract/reports.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }
type Keyed = { kind?: Json } & { [key: string]: Json | undefined }

const isObject = (x: unknown): x is { [key: string]: Json | undefined } => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * `value` less every part equal to the template's; undefined when nothing is left. Run for every commune of a
 * province (170 × some 300 figures): plain loops, and an array's template entry looked for at the same index
 * first (the kinds come in the template's order), since this was the larger part of building the answer.
 */
function thin(value: Json | undefined, template: Json | undefined): Json | undefined {
  if (Array.isArray(value)) {
    const kinds = Array.isArray(template) ? template : []
    let kept: Json[] | undefined
    for (let i = 0; i < value.length; i++) {
      const entry = value[i] as Keyed
      const same = kinds[i]
      const t = isObject(same) && same.kind === entry.kind ? same : kinds.find((k) => isObject(k) && k.kind === entry.kind)
      const rest = thin(entry, t) as Keyed | undefined
      if (rest === undefined) continue
      rest.kind = entry.kind ?? null
      if (kept === undefined) kept = [rest]
      else kept.push(rest)
    }
    return kept
  }
  if (isObject(value)) {
    const under = isObject(template) ? template : undefined
    let out: { [key: string]: Json } | undefined
    for (const k in value) {
      if (k === 'kind') continue
      const rest = thin(value[k], under?.[k])
      if (rest === undefined) continue
      if (out === undefined) out = {}
      out[k] = rest
    }
    return out
  }
  return value === template ? undefined : value
}

/** The template with `sparse` laid over it: every key and kind of the template, in its order. */
function thick(sparse: Json | undefined, template: Json | undefined): Json | undefined {
  if (Array.isArray(template)) {
    const given = Array.isArray(sparse) ? (sparse as Keyed[]) : []
    return template.map((t) => {
      const kind = isObject(t) ? (t.kind ?? null) : null
      const entry = thick(
        given.find((g) => (g.kind ?? null) === kind),
        t,
      ) as Keyed
      return { kind, ...entry }
    })
  }
  if (isObject(template)) {
    const over = isObject(sparse) ? sparse : {}
    const out: { [key: string]: Json | undefined } = {}
    for (const k of new Set([...Object.keys(template), ...Object.keys(over)])) {
      if (k !== 'kind') out[k] = thick(over[k], template[k])
    }
    return out
  }
  return sparse === undefined ? template : sparse
}

/** The report as it is sent: each commune less what equals `zero`, the figures of a commune where nothing happened. */
export function thinReport(report: Report, zero: ReportFigures): ThinReport {
  const template = zero as unknown as Json
  return {
    ...report,
    zero,
    byCommune: report.byCommune.map(({ code, name, ...figures }) => ({
      code,
      name,
      ...((thin(figures as unknown as Json, template) as ThinFigures | undefined) ?? {}),
    })),
  }
}

/** The report as it was built, from what was sent: every commune with every figure, zeros included. */
export function thickReport({ zero, ...sent }: ThinReport): Report {
  const template = zero as unknown as Json
  return {
    ...sent,
    byCommune: sent.byCommune.map(({ code, name, ...figures }) => ({
      code,
      name,
      ...(thick(figures as Json, template) as unknown as ReportFigures),
    })),
  }
}
