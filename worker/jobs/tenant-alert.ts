import type { TenantDbProblem } from '../../db/tenant/identity.ts'
import type { Logger } from '../logger.ts'

/**
 * What an operator is told when a province's database stops serving, and again when it serves again
 * (decision 0040). Codes and times only: never a name, an address, a query or the database's own message.
 */
export interface TenantAlert {
  event: 'tenant.unavailable' | 'tenant.recovered'
  province: string
  /** What found it: a `request`, the `open` check (the 10-minute watch), `quick` (/health), `full` (the daily check). */
  check: 'open' | 'quick' | 'full' | 'request'
  /** Absent on recovery. */
  problem?: TenantDbProblem
  /** When the outage began (ISO 8601); the registry keeps it (`tenants.db_fault_at`). */
  since: string
}

export type SendAlert = (alert: TenantAlert) => Promise<void>

export interface AlertWebhookOptions {
  url: string
  /** `production`, `staging`…: several deployments may share one receiver. */
  environment: string
  logger: Logger
  fetch?: typeof fetch
  /** Attempts in all (bounded: a request that found the outage waits for them). */
  attempts?: number
  timeoutMs?: number
  backoffMs?: number
}

/**
 * POSTs each alert as JSON to ALERT_WEBHOOK_URL, retrying a network failure, a timeout, a 429 or a 5xx up to
 * `attempts` times in all. The alert was already logged; a delivery that fails in the end is logged as
 * `tenant_alert_failed`, never thrown: the province's 503 must not become a 500.
 */
export function createAlertWebhook(opts: AlertWebhookOptions): SendAlert {
  const send = opts.fetch ?? fetch
  const attempts = opts.attempts ?? 3
  const timeoutMs = opts.timeoutMs ?? 3_000
  const backoffMs = opts.backoffMs ?? 500
  return async (alert) => {
    const body = JSON.stringify({ ...alert, environment: opts.environment })
    let outcome = 'not_sent'
    let made = 0
    for (let attempt = 1; attempt <= attempts; attempt++) {
      made = attempt
      try {
        const res = await send(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        })
        await res.body?.cancel()
        if (res.ok) {
          opts.logger.info('tenant_alert_sent', { province: alert.province, alert: alert.event, attempt })
          return
        }
        outcome = `http_${res.status}`
        // A 4xx other than 429 is the receiver refusing this request: sending it again changes nothing.
        if (res.status < 500 && res.status !== 429) break
      } catch (err) {
        outcome = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network'
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)))
    }
    opts.logger.error('tenant_alert_failed', { province: alert.province, alert: alert.event, outcome, attempts: made })
  }
}
