import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import type * as v from 'valibot'
import { parseInput } from '../../kernel/parse.ts'
import { fieldErrors } from '../errors.ts'

export type { FieldIssue } from '../../kernel/issues.ts'

type Schema = v.GenericSchema

/** Parses `value` or throws a 400 naming every failing field. Used by routes and by scripts alike. */
export function parseOrThrow<S extends Schema>(schema: S, value: unknown, target: string): v.InferOutput<S> {
  const result = parseInput(schema, value, target)
  if (result.ok) return result.output
  throw fieldErrors(result.issues, `Invalid ${target}`)
}

/** Hono validator middleware that always answers in our error shape (the valibot adapter's default does not). */
export function validate<T extends keyof ValidationTargets, S extends Schema>(target: T, schema: S) {
  return validator(target, (value) => parseOrThrow(schema, value, target) as v.InferOutput<S>)
}
