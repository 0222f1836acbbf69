import * as v from 'valibot'

/** A bare origin such as https://binhan.example.gov.vn (scheme, host, optional port; nothing after). */
function isBareOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

export const BareOrigin = v.pipe(v.string(), v.check(isBareOrigin, 'must be a bare origin such as https://binhan.example.gov.vn'))

/** Comma-separated origins such as https://binhan.example.gov.vn; each must be a bare origin. */
export const OriginList = v.pipe(
  v.string(),
  v.transform((value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  v.array(BareOrigin),
)

/** The origins a deployment answers as: its public origin and any further ones allowed to write. */
export interface Origins {
  /** The origin browsers use. CSRF compares Origin to it, the session cookie is Secure when it is https. */
  publicOrigin: string
  /** Further origins allowed to make state-changing requests (e.g. an old hostname during a move). */
  trustedOrigins: string[]
}

/**
 * Production must name its public origin, over https. Development and tests default to this machine at
 * `port`, under each of its loopback names. Never derived from a request's Host header, which a client or
 * a misconfigured proxy sets.
 */
export function resolveOrigins(opts: { environment: string; publicOrigin: string | undefined; trustedOrigins: string[] | undefined; port: number }): Origins {
  const trusted = opts.trustedOrigins ?? []
  if (opts.environment === 'production') {
    if (!opts.publicOrigin) throw new Error('PUBLIC_ORIGIN is required in production (e.g. https://binhan.example.gov.vn)')
    if (!opts.publicOrigin.startsWith('https://')) throw new Error('PUBLIC_ORIGIN must be an https:// origin in production')
    return { publicOrigin: opts.publicOrigin, trustedOrigins: trusted }
  }
  if (opts.publicOrigin) return { publicOrigin: opts.publicOrigin, trustedOrigins: trusted }
  const local = (host: string) => `http://${host}:${opts.port}`
  return { publicOrigin: local('localhost'), trustedOrigins: [...trusted, local('127.0.0.1'), local('[::1]')] }
}
