// A write of the province as a whole (decision 0036): no person, no commune, no phone. It keeps the case
// commands' shape (decision 0022) — an input schema, the action the policy grants, rules on the input, a pure
// decide step answering a decision with its audit entry or a refusal — and is run by the same runner module
// (worker/commands/run.ts `runProvinceCommand`), which authorizes it against the province instead of a commune.
import type * as v from 'valibot'
import type { Action } from '../policy.ts'
import type { AuditEvent, Rejection } from './command.ts'

export interface ProvinceDecision<R> {
  rejected: false
  /** The record as it is after the change. */
  record: R
  /** The record as it was (kept as a version), if there was one. */
  previous: R | undefined
  event: AuditEvent
}

export interface ProvinceCommand<S extends v.GenericSchema, R> {
  type: string
  action: Action
  input: S
  /** Rules on the input alone and today (the day in Vietnam), before anything is read. */
  check?(input: v.InferOutput<S>, today: string): Rejection | undefined
  /** `current` is the record under `key` read inside the write transaction (undefined: none yet). */
  decide(current: R | undefined, input: v.InferOutput<S>, key: string, ctx: { actorId: string | null; now: Date }): ProvinceDecision<R> | Rejection
}
