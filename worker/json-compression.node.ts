import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib'

/** Smaller answers gain less than the encoding's framing and the CPU it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024
/**
 * Up to this size an answer is compressed on the event loop (a 20 KB caseload: about 0.2 ms); handing it to
 * the thread pool costs more CPU than that (about 0.35 ms in all, measured), and with a process per core there
 * is no idle core to hand it to. Larger answers go to the thread pool, so one big answer does not hold the loop.
 */
const SYNC_LIMIT_BYTES = 64 * 1024

/**
 * Node only (decision 0024): JSON answers of at least 1 KB go out Brotli- or gzip-encoded when the client
 * accepts it. On Workers the Cloudflare edge compresses JSON itself, so the Worker entry does not do this.
 * Brotli at quality 4: about gzip's speed with smaller output; higher qualities cost several times the CPU for
 * a few percent. Answers that already carry a Content-Encoding (the sync pull's own gzip, precompressed static
 * files) pass as they are.
 *
 * It wraps the app's fetch rather than being a Hono middleware: replacing `c.res` inside the app turns the
 * answer's body into a stream, which @hono/node-server then writes chunk by chunk instead of in one piece.
 */
export function withJsonCompression<Rest extends unknown[]>(
  fetch: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  threshold = COMPRESS_THRESHOLD_BYTES,
) {
  return async (request: Request, ...rest: Rest): Promise<Response> => {
    const res = await fetch(request, ...rest)
    const headers = res.headers
    if (request.method === 'HEAD' || res.status === 204 || res.status === 304 || headers.has('Content-Encoding')) return res
    if (!/^application\/json\b/i.test(headers.get('Content-Type') ?? '')) return res
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('Cache-Control') ?? '')) return res
    const encoding = chooseEncoding(request.headers.get('Accept-Encoding') ?? undefined)
    if (!encoding) {
      headers.append('Vary', 'Accept-Encoding')
      return res
    }
    const body = new Uint8Array(await res.arrayBuffer())
    if (body.byteLength < threshold) return new Response(body, { status: res.status, headers: res.headers })
    const encoded = await encode(encoding, body)
    const out = new Headers(res.headers)
    out.append('Vary', 'Accept-Encoding')
    out.set('Content-Encoding', encoding)
    out.set('Content-Length', String(encoded.byteLength))
    return new Response(new Uint8Array(encoded), { status: res.status, headers: out })
  }
}

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

function encode(encoding: 'br' | 'gzip', body: Uint8Array): Buffer | Promise<Buffer> {
  const options: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }
  if (body.byteLength <= SYNC_LIMIT_BYTES) return encoding === 'br' ? brotliCompressSync(body, options) : gzipSync(body)
  return encoding === 'br' ? brotliAsync(body, options) : gzipAsync(body)
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
