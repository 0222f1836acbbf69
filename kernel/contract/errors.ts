/**
 * The API's error codes: stable snake_case strings the SPA switches on. Every error body is
 * `{ error: { code, message, details? } }` (worker/errors.ts `onError`); `AppError` takes only these codes,
 * so a code the SPA does not know cannot be thrown by accident, and a code the SPA checks must exist here.
 */
export const errorCodes = [
  'validation_failed',
  'not_found',
  'province_not_found',
  'province_suspended',
  'tenant_database_unavailable',
  'tenant_schema_outdated',
  'forbidden',
  'origin_rejected',
  'unauthenticated',
  'invalid_credentials',
  'password_rejected',
  'token_invalid',
  'username_taken',
  'not_available',
  'onboarding_not_configured',
  'conflict',
  /** An order the 2025 drug law allows, dated before that law came into force (409). */
  'law_not_in_force',
  'completion_too_early',
  'stages_incomplete',
  'determination_required',
  // Drug-free communes (decision 0037)
  'criteria_unconfirmed',
  'separation_of_duties',
  'import_in_progress',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'mail_not_configured',
  'mail_failed',
  'write_contention',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown }
}

/** A field the server refused, in `details.issues` of a `validation_failed` (`json.birthDate`, `query.limit`…). */
export interface FieldIssue {
  field: string
  message: string
  code?: string
}

const known: ReadonlySet<string> = new Set(errorCodes)

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && known.has(code)
}
