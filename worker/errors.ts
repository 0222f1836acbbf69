import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './env.ts'
import type { ErrorBody, ErrorCode } from '../kernel/contract/errors.ts'
import { issuesMessage, type FieldIssue } from '../kernel/issues.ts'

export type { ErrorBody, ErrorCode } from '../kernel/contract/errors.ts'

/** The one error class routes throw; only `onError` turns it into a response. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: ContentfulStatusCode
  readonly details: unknown
  constructor(code: ErrorCode, status: ContentfulStatusCode, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.status = status
    this.details = details
  }
}

/** 400 naming the fields that failed: the one shape of a validation failure (`details.issues`). */
export function fieldErrors(issues: FieldIssue[], fallback?: string): AppError {
  return new AppError('validation_failed', 400, issuesMessage(issues, fallback), { issues })
}

/**
 * 400 naming one field, e.g. fieldError('query.cursor', 'is not a cursor from this API'). `extra` adds to the
 * issue what the client switches on beyond the field (an import's `code`, `cell`, `columns`).
 */
export function fieldError(field: string, message: string, extra?: Record<string, unknown>): AppError {
  return fieldErrors([{ field, message, ...extra }])
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status)
  if (isHonoHttpError(err) && err.status < 500) {
    return c.json(errorBody(codeForStatus(err.status), err.message || 'Request rejected'), err.status)
  }
  // The log gets the error's name and a scrubbed message, never a stack trace or request data; the body says
  // only that something failed and which request id to quote.
  const requestId = c.get('requestId')
  c.get('log').error('unhandled_error', { requestId, errorName: err.name, errorMessage: scrubErrorMessage(err.message) })
  return c.json(errorBody('internal', 'Unexpected error. Quote the request id when reporting it.', { requestId }), 500)
}

export const notFound: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404)

interface HonoHttpErrorLike {
  status: ContentfulStatusCode
  message: string
}

function isHonoHttpError(err: unknown): err is HonoHttpErrorLike {
  return typeof err === 'object' && err !== null && 'getResponse' in err && 'status' in err && typeof err.status === 'number'
}

function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'payload_too_large'
  if (status === 415) return 'unsupported_media_type'
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  return 'validation_failed'
}

/**
 * Driver and library messages name tables and constraints, not values, but defence in depth:
 * long digit runs (citizen IDs, phone numbers) and quoted literals are masked, and the length is capped.
 */
export function scrubErrorMessage(message: string): string {
  return message
    .replace(/\d{6,}/g, '<digits>')
    .replace(/'[^']*'|"[^"]*"/g, '<literal>')
    .slice(0, 300)
}
