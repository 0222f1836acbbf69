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

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', ...(signal ? { signal } : {}) })
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
