import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.ts'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** Smaller answers gain less than the encoding's framing and the CPU it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024

/**
 * Node only (decision 0024): JSON answers of at least 1 KB go out gzip- or Brotli-encoded when the client
 * accepts it. On Workers the Cloudflare edge compresses JSON itself, so the Worker app does not get this.
 * Compression runs on libuv's thread pool (zlib's async API), not on the event loop. Brotli at quality 4:
 * about gzip's speed with smaller output; higher qualities cost several times the CPU for a few percent.
 * Answers that already carry a Content-Encoding (the sync pull's own gzip, precompressed files) pass as they are.
 */
export function compressJson(threshold = COMPRESS_THRESHOLD_BYTES): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const res = c.res
    if (c.req.method === 'HEAD' || !res.body || res.headers.has('Content-Encoding')) return
    if (!/^application\/json\b/i.test(res.headers.get('Content-Type') ?? '')) return
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return
    const length = res.headers.get('Content-Length')
    if (length !== null && Number(length) < threshold) return
    c.header('Vary', 'Accept-Encoding', { append: true })
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    const body = new Uint8Array(await res.arrayBuffer())
    if (body.byteLength < threshold) {
      c.res = new Response(body, res)
      return
    }
    const encoded =
      encoding === 'br'
        ? await brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
        : await gzipAsync(body)
    c.res = new Response(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength), res)
    // After the assignment: Hono copies the previous answer's headers onto the new one.
    c.res.headers.set('Content-Encoding', encoding)
    c.res.headers.set('Content-Length', String(encoded.byteLength))
  }
}

/** Brotli when accepted, else gzip; an encoding with q=0 is refused, as RFC 9110 says. */
export function chooseEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    q.set(name.trim(), weight ? Number(weight.slice(2)) || 0 : 1)
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip')) return 'gzip'
  return undefined
}
