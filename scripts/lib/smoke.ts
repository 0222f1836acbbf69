// The checks of `npm run smoke` (scripts/smoke.ts) against a running deployment, over HTTP only: what an
// operator needs to know right after a deploy, each check named so that a failure says what failed.

export interface SmokeCredentials {
  /** A central admin: the process, every province's database, a province's communes. */
  central: { username: string; password: string }
  /** A province account (report:read): one report of its own province. */
  province: { username: string; password: string }
}

export interface SmokeCheck {
  name: string
  ok: boolean
  detail: string
}

export interface SmokeOptions {
  timeoutMs?: number
  /** The report's period; defaults to the current quarter in Vietnam (UTC+7). */
  period?: string | undefined
  now?: Date
}

interface Answer {
  status: number
  body: unknown
  cookie: string | undefined
}

function quarterOf(now: Date): string {
  const vietnam = new Date(now.getTime() + 7 * 3_600_000)
  return `${vietnam.getUTCFullYear()}-Q${Math.floor(vietnam.getUTCMonth() / 3) + 1}`
}

/** `503 tenant_database_unavailable (database_missing)`: the status and the error's codes, never a body's data. */
function describeFailure(answer: Answer): string {
  const error = (answer.body as { error?: { code?: string; details?: { reason?: string } } } | undefined)?.error
  const reason = error?.details?.reason ? ` (${error.details.reason})` : ''
  return `${answer.status}${error?.code ? ` ${error.code}` : ''}${reason}`
}

export async function runSmoke(baseUrl: string, credentials: SmokeCredentials, opts: SmokeOptions = {}): Promise<SmokeCheck[]> {
  const origin = new URL(baseUrl).origin
  const timeoutMs = opts.timeoutMs ?? 15_000
  const checks: SmokeCheck[] = []
  const record = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail })
    return ok
  }

  async function call(method: string, path: string, cookie?: string, json?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (cookie) headers.cookie = cookie
    if (method !== 'GET') headers.origin = origin
    if (json !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${origin}${path}`, {
      method,
      headers,
      body: json === undefined ? null : JSON.stringify(json),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: res.status, body, cookie: res.headers.get('set-cookie')?.split(';')[0] }
  }

  /** One check: a thrown network error or timeout is a failed check, not a crashed script. */
  async function step<T>(name: string, run: () => Promise<{ ok: boolean; detail: string; value?: T }>): Promise<T | undefined> {
    try {
      const result = await run()
      record(name, result.ok, result.detail)
      return result.ok ? result.value : undefined
    } catch (err) {
      record(
        name,
        false,
        err instanceof Error && err.name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : `unreachable (${err instanceof Error ? err.message : 'error'})`,
      )
      return undefined
    }
  }

  async function signIn(who: string, account: { username: string; password: string }) {
    return step(`sign-in ${who}`, async () => {
      const answer = await call('POST', '/api/auth/login', undefined, account)
      const me = (answer.body as { data?: { role?: string; province?: { code: string } | null } } | undefined)?.data
      if (answer.status !== 200 || !answer.cookie) return { ok: false, detail: describeFailure(answer) }
      return { ok: true, detail: me?.role ?? 'signed in', value: { cookie: answer.cookie, role: me?.role, province: me?.province?.code } }
    })
  }

  const signOut = (cookie: string) => call('POST', '/api/auth/logout', cookie).catch(() => undefined)

  await step('process /health', async () => {
    const answer = await call('GET', '/health')
    return { ok: answer.status === 200, detail: answer.status === 200 ? 'up' : describeFailure(answer) }
  })

  const central = await signIn('(central)', credentials.central)
  if (central) {
    // An account that is not a central admin fails here with 403: the policy decides, not this script.
    const provinces = await step('province list', async () => {
      const answer = await call('GET', '/api/admin/provinces', central.cookie)
      const rows = (answer.body as { data?: { code: string; status: string }[] } | undefined)?.data
      if (answer.status !== 200 || !rows) return { ok: false, detail: describeFailure(answer) }
      const served = rows.filter((row) => row.status === 'active').map((row) => row.code)
      return { ok: served.length > 0, detail: served.length > 0 ? `${served.length} active` : 'no active province', value: served }
    })
    for (const code of provinces ?? []) {
      await step(`health ${code}`, async () => {
        const answer = await call('GET', `/api/p/${code}/health`, central.cookie)
        const ok = answer.status === 200 && (answer.body as { data?: { status?: string } } | undefined)?.data?.status === 'ok'
        return { ok, detail: ok ? 'ok' : describeFailure(answer) }
      })
    }
    await signOut(central.cookie)
  }

  const officer = await signIn('(province)', credentials.province)
  if (officer) {
    const code = officer.province
    if (!code) record('province account', false, `is ${officer.role ?? 'unknown'}, must belong to a province`)
    else {
      await step(`communes ${code}`, async () => {
        const answer = await call('GET', `/api/p/${code}/communes`, officer.cookie)
        const rows = (answer.body as { data?: unknown[] } | undefined)?.data
        const ok = answer.status === 200 && Array.isArray(rows) && rows.length > 0
        return { ok, detail: ok ? `${rows.length} communes` : answer.status === 200 ? 'no communes' : describeFailure(answer) }
      })
      const period = opts.period ?? quarterOf(opts.now ?? new Date())
      await step(`report ${code} ${period}`, async () => {
        const answer = await call('GET', `/api/p/${code}/reports?period=${encodeURIComponent(period)}`, officer.cookie)
        const total = (answer.body as { data?: { total?: unknown } } | undefined)?.data?.total
        const ok = answer.status === 200 && total !== undefined
        return { ok, detail: ok ? 'figures read' : describeFailure(answer) }
      })
    }
    await signOut(officer.cookie)
  }
  return checks
}
