import * as v from 'valibot'
import type { FieldIssue } from './issues.ts'

/** Parses `value` with a valibot schema; a failure names every failing field under `target` (`json`, `query`…). */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  target: string,
): { ok: true; output: v.InferOutput<S> } | { ok: false; issues: FieldIssue[] } {
  const result = v.safeParse(schema, value)
  if (result.success) return { ok: true, output: result.output }
  return {
    ok: false,
    issues: result.issues.map((issue) => {
      const path = v.getDotPath(issue)
      return { field: path ? `${target}.${path}` : target, message: issue.message }
    }),
  }
}
