import * as v from 'valibot'

/** A problem with one input field, named as the API names it (`json.birthDate`, `query.limit`, `param.personId`). */
export interface FieldIssue {
  field: string
  message: string
}

/** The one message of a refusal naming fields: "Invalid json.birthDate: must not be in the future". */
export function issuesMessage(issues: readonly FieldIssue[], fallback = 'Invalid input'): string {
  const first = issues[0]
  return first ? `Invalid ${first.field}: ${first.message}` : fallback
}

/** Parses `value` with a valibot schema; a failure names every failing field under `target` (`json`, `query`…). */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown, target: string): { ok: true; output: v.InferOutput<S> } | { ok: false; issues: FieldIssue[] } {
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
