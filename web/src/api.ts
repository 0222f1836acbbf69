import { isErrorCode, type ErrorCode, type FieldIssue } from '../../kernel/contract/errors.ts'

/**
 * The codes an ApiError carries: the server's (kernel/contract/errors.ts), or the wrapper's own when there was no
 * answer (`network`) or an answer without the API's error shape, or with a code this build does not know (`http_error`).
 */
export type ApiErrorCode = ErrorCode | 'network' | 'http_error'

/** A code from elsewhere (a stored sync answer, a response body) as one this build knows. */
export function apiErrorCode(code: unknown): ApiErrorCode {
  return isErrorCode(code) ? code : code === 'network' ? 'network' : 'http_error'
}

/** One fetch wrapper for the whole SPA: JSON in, JSON out, every failure as an ApiError with the server's code. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly status: number
  readonly details: unknown
  constructor(code: ApiErrorCode, status: number, message: string, details?: unknown) {
    super(message)
    this.code = code
    this.status = status
    this.details = details
  }

  /** Field errors from the server's `details.issues`, field names without their `json.`/`query.` prefix. */
  fieldIssues(): FieldIssue[] {
    const issues = typeof this.details === 'object' && this.details !== null && 'issues' in this.details ? this.details.issues : undefined
    if (!Array.isArray(issues)) return []
    const out: FieldIssue[] = []
    for (const issue of issues as unknown[]) {
      if (typeof issue !== 'object' || issue === null || !('field' in issue) || typeof issue.field !== 'string') continue
      const field = issue.field.replace(/^(json|query|param)\./, '')
      const message = 'message' in issue && typeof issue.message === 'string' ? issue.message : ''
      out.push('code' in issue && typeof issue.code === 'string' ? { field, message, code: issue.code } : { field, message })
    }
    return out
  }

  get requestId(): string | undefined {
    const d = this.details
    return typeof d === 'object' && d !== null && 'requestId' in d && typeof d.requestId === 'string' ? d.requestId : undefined
  }
}

type ExpiredListener = () => void
let onSessionExpired: ExpiredListener | undefined

/** The auth store listens here: a 401 on a request made while signed in means the session ended. */
export function setSessionExpiredListener(listener: ExpiredListener | undefined): void {
  onSessionExpired = listener
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', path, undefined, signal)
}

export function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(method, path, body ?? {}, signal)
}

/** A file upload (multipart/form-data; the browser sets the boundary), answered with JSON. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, { method: 'POST', headers: { Accept: 'application/json' }, body: form })
  return readJson<T>(res)
}

/** A file upload answered with a file (e.g. the rejected rows as XLSX); errors still come as JSON. */
export async function sendFormForBlob(path: string, form: FormData): Promise<Blob> {
  const res = await send(path, { method: 'POST', body: form })
  if (!res.ok) return readJson<never>(res)
  return res.blob()
}

async function send(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init, ...(signal ? { signal } : {}) })
  } catch (err) {
    if (signal?.aborted) throw err
    throw new ApiError('network', 0, 'network')
  }
}

async function requestJson<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await send(
    path,
    {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    signal,
  )
  return readJson<T>(res)
}

async function readJson<T>(res: Response): Promise<T> {
  const parsed: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const err = readErrorBody(parsed)
    const error = new ApiError(apiErrorCode(err?.code), res.status, err?.message ?? res.statusText, err?.details)
    if (res.status === 401 && error.code === 'unauthenticated') onSessionExpired?.()
    throw error
  }
  return parsed as T
}

function readErrorBody(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined
  const e = body.error
  if (typeof e !== 'object' || e === null || !('code' in e) || !('message' in e)) return undefined
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return undefined
  return { code: e.code, message: e.message, details: 'details' in e ? e.details : undefined }
}
