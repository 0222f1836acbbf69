/** One fetch wrapper for the whole SPA: JSON in, JSON out, every failure as an ApiError with the server's code. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly details: unknown
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message)
    this.code = code
    this.status = status
    this.details = details
  }
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { ...(signal ? { signal } : {}) })
}

/** POST with a JSON body; the browser adds the Origin header the server's CSRF check expects. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
}

async function requestJson<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers as Record<string, string>) }, credentials: 'same-origin' })
  } catch {
    throw new ApiError('network', 0, 'network')
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const err = readErrorBody(body)
    throw new ApiError(err?.code ?? 'http_error', res.status, err?.message ?? res.statusText, err?.details)
  }
  return body as T
}

function readErrorBody(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined
  const e = body.error
  if (typeof e !== 'object' || e === null || !('code' in e) || !('message' in e)) return undefined
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return undefined
  return { code: e.code, message: e.message, details: 'details' in e ? e.details : undefined }
}
