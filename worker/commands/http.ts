// An HTTP route of a case write is one line: guard + `runHttp(c, command, …)` (docs/decisions/0022).
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AnyCommand, Decision, Rejection } from '../../kernel/commands/command.ts'
import { auditContextOf } from '../audit-context.ts'
import type { AppEnv } from '../env.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../middleware/auth.ts'
import { otherProvinces } from '../services/cross-province.ts'
import { runCommand } from './run.ts'

export interface HttpOptions {
  /** The record the path names (a change of it); a create's is the body's `id` (client-made), or a new one. */
  entityId?: string
  /** Fields the path gives (the parent's id, e.g. `personId`), laid over the body. */
  with?: Record<string, string>
  status?: 200 | 201
  /** The commune the path names (/communes/:code/…): a target of another commune is not found under it (404). */
  targetIn?: string
  /** The answer's `data`, when it is more than the command's record (a completion adds its post-rehab record). */
  respond?(answer: unknown, decision: Decision): unknown
  /**
   * Whether the record the path names exists, asked only when the input is refused before any load: a path to
   * nothing answers 404 before its body's 400, with no look-up of its own on the way that succeeds (decision 0049).
   */
  exists?(): Promise<boolean>
}

export async function runHttp(c: Context<AppEnv>, command: AnyCommand, opts: HttpOptions = {}) {
  const body = await jsonBody(c)
  const raw = opts.with && isObject(body) ? { ...body, ...opts.with } : body
  const entityId = opts.entityId ?? (isObject(body) && typeof body.id === 'string' ? body.id : crypto.randomUUID())
  const audit = auditContextOf(c)
  const ctx = {
    db: c.var.tenant.db,
    province: c.var.tenant.code,
    actor: actorOf(c),
    audit,
    otherProvince: otherProvinces({ control: c.var.deps.control, tenants: c.var.deps.tenants, log: c.var.log, audit }, c.var.tenant),
  }
  const result = await runCommand(ctx, command, entityId, raw, { channel: 'http', targetIn: opts.targetIn })
  if (!result.ok) {
    if (result.rejection.code === 'validation_failed' && opts.exists && !(await opts.exists())) throw new AppError('not_found', 404, 'Not found')
    throw toAppError(result.rejection, result.current)
  }
  return c.json({ data: opts.respond ? opts.respond(result.answer, result.decision) : result.answer }, opts.status ?? 200)
}

const STATUS: Record<Rejection['code'], ContentfulStatusCode> = {
  validation_failed: 400,
  conflict: 409,
  completion_too_early: 409,
  stages_incomplete: 409,
  determination_required: 409,
  not_found: 404,
  forbidden: 403,
  law_not_in_force: 409,
  criteria_unconfirmed: 409,
  separation_of_duties: 403,
}

/** A command's refusal as the API's error: the status follows from the code; a stale version carries the current record. */
export function toAppError(rejection: Rejection, current?: unknown): AppError {
  const details = rejection.kind === 'conflict' && current !== undefined ? { ...rejection.details, current } : rejection.details
  return new AppError(rejection.code, STATUS[rejection.code], rejection.message, details)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The JSON body as hono's validator reads it: {} without a JSON content type, 400 when it does not parse. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
  if (!/^application\/([\w.-]+\+)?json$/i.test(type)) return {}
  try {
    return await c.req.json()
  } catch {
    throw new AppError('validation_failed', 400, 'Malformed JSON in request body')
  }
}
