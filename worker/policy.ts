import { AppError } from './errors.ts'
import { decide, type Action, type Actor, type Target } from '../kernel/policy.ts'

export * from '../kernel/policy.ts'

/** Throws the error the caller must see: 404 outside the caller's scope, 403 when visible but not allowed. */
export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const decision = decide(actor, action, target)
  if (decision === 'not_found') throw new AppError('not_found', 404, 'Not found')
  if (decision === 'forbidden') throw new AppError('forbidden', 403, `Your role (${actor.role}) may not do this (${action})`)
}
