import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF protection for a cookie-authenticated API: a state-changing request must carry an Origin header equal
 * to the configured public origin or a further trusted one. Browsers always send Origin on such requests, so
 * a missing one means a non-browser client or a stripped header, and both are refused. The request's own URL
 * is not compared: it comes from the Host header.
 */
export const sameOriginWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin')
    const { publicOrigin, trustedOrigins } = c.var.deps.config
    if (!origin || (origin !== publicOrigin && !trustedOrigins.includes(origin))) {
      throw new AppError('origin_rejected', 403, 'Cross-site request rejected: the Origin header does not match this site')
    }
  }
  await next()
}

/** The API speaks JSON only: a request body in any other type is refused before it is parsed. */
/** The only routes that take a file (multipart/form-data) instead of JSON: legacy-list uploads. */
export function isUploadPath(path: string): boolean {
  return /^\/api\/p\/[^/]+\/imports(\/rejected)?\/?$/.test(path)
}

/** Evidence file parts (decision 0038): application/octet-stream, checked by their route. */
export function isAttachmentPartPath(path: string): boolean {
  return /^\/api\/p\/[^/]+\/attachments\/[^/]+\/content\/?$/.test(path)
}

export const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && hasBody(c.req.raw) && !isUploadPath(c.req.path) && !isAttachmentPartPath(c.req.path)) {
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/json(\s*;|$)/i.test(type)) {
      throw new AppError('unsupported_media_type', 415, 'Send the request body as application/json')
    }
  }
  await next()
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length')
  if (length !== null) return Number(length) > 0
  return request.headers.has('transfer-encoding') || request.body !== null
}
