import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import * as v from 'valibot'
import { AppError } from '../errors.ts'

export interface FieldIssue {
  /** Where the problem is, e.g. `param.province`, `query.limit`, `json.birthDate`. */
  field: string
  message: string
}

type Schema = v.GenericSchema

/** Parses `value` or throws a 400 naming every failing field. Used by routes and by scripts alike. */
export function parseOrThrow<S extends Schema>(schema: S, value: unknown, target: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issues: FieldIssue[] = result.issues.map((issue) => {
    const path = v.getDotPath(issue)
    return { field: path ? `${target}.${path}` : target, message: issue.message }
  })
  const first = issues[0]
  const message = first ? `Invalid ${first.field}: ${first.message}` : `Invalid ${target}`
  throw new AppError('validation_failed', 400, message, { issues })
}

/** Hono validator middleware that always answers in our error shape (the valibot adapter's default does not). */
export function validate<T extends keyof ValidationTargets, S extends Schema>(target: T, schema: S) {
  return validator(target, (value) => parseOrThrow(schema, value, target) as v.InferOutput<S>)
}
