import { endpointUrl, type EndpointKey, type Endpoints, type FileEndpoints, type ParamsOf } from '../../kernel/contract/endpoints.ts'
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

/**
 * One fetch wrapper for the whole SPA, typed by the kernel's contract (kernel/contract/endpoints.ts): JSON in, JSON
 * out, every failure as an ApiError with the server's code.
 */
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

type Query = Readonly<Record<string, string | number | boolean | undefined>>
type JsonKey = keyof Endpoints
type GetKey = Extract<JsonKey, `GET ${string}`>
type SendKey = Exclude<JsonKey, GetKey>

/**
 * An endpoint of the kernel's contract with its parameters filled in: the URL to call, and (in its type) what it
 * answers. The only way to name an API URL in the SPA, so a path or answer the contract does not have fails the
 * type check, and an empty parameter (a central user on a province screen) throws instead of calling `/api/p//…`.
 */
export interface ApiRequest<K extends EndpointKey> {
  readonly key: K
  readonly url: string
}

type Args<K extends EndpointKey> = keyof ParamsOf<K> extends never ? [params?: ParamsOf<K>, query?: Query] : [params: ParamsOf<K>, query?: Query]

export function endpoint<K extends EndpointKey>(key: K, ...[params, query]: Args<K>): ApiRequest<K> {
  return { key, url: endpointUrl(key, params, query) }
}

const methodOf = (request: ApiRequest<EndpointKey>) => request.key.slice(0, request.key.indexOf(' '))

export function getJson<K extends GetKey>(request: ApiRequest<K>, signal?: AbortSignal): Promise<Endpoints[K]> {
  return requestJson<Endpoints[K]>('GET', request.url, undefined, signal)
}

export function sendJson<K extends SendKey>(request: ApiRequest<K>, body?: unknown, signal?: AbortSignal): Promise<Endpoints[K]> {
  return requestJson<Endpoints[K]>(methodOf(request), request.url, body ?? {}, signal)
}

/** A file upload (multipart/form-data; the browser sets the boundary), answered with JSON. */
export async function sendForm<K extends SendKey>(request: ApiRequest<K>, form: FormData): Promise<Endpoints[K]> {
  const res = await send(request.url, { method: methodOf(request), headers: { Accept: 'application/json' }, body: form })
  return readJson<Endpoints[K]>(res)
}

/** A file upload answered with a file (e.g. the rejected rows as XLSX); errors still come as JSON. */
export async function sendFormForBlob<K extends Extract<keyof FileEndpoints, `POST ${string}`>>(request: ApiRequest<K>, form: FormData): Promise<Blob> {
  const res = await send(request.url, { method: methodOf(request), body: form })
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
  const parsed: unknown = await res.json().catch((err: unknown) => {
    // An aborted read is not an empty answer: the caller must hear it was cancelled.
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    return undefined
  })
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
