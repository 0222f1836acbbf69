import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openControlDb, openTenantDb } from '../../db/client.web.ts'
import { auditLog as controlAudit } from '../../db/control/schema/index.ts'
import { auditLog, reviews } from '../../db/tenant/schema/index.ts'
import worker from '../../worker/index.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'

// A command on the Hrana path loads outside a transaction and persists as one batch whose audit entry is guarded by
// the tail it loaded beside (decision 0046). Commands at once on one person: every load reads the same tail, so
// all but one batch find the trail moved, roll back whole, and are loaded and decided again.
const ORIGIN = 'https://binhan.example'
const proxy = inject('countingLibsqlUrl')
const counted = { ...(env as WorkerEnv), CONTROL_DB_URL: `${proxy}/control/`, LOCAL_LIBSQL_URL: proxy } as WorkerEnv

async function takeCounts(): Promise<Record<string, number>> {
  return (await (await fetch(`${proxy}/__round-trips/reset`, { method: 'POST' })).json()) as Record<string, number>
}

async function post(
  path: string,
  body: unknown,
  as: 'commune' | 'admin' | null = 'commune',
): Promise<{ status: number; json: { data?: { id: string; user?: { id: string } }; error?: { code: string } } }> {
  const headers = { origin: ORIGIN, 'content-type': 'application/json', ...(as ? { cookie: inject('cookies')[as] } : {}) }
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }), counted, ctx)
  const json = (await res.json()) as never
  await waitOnExecutionContext(ctx)
  return { status: res.status, json }
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

describe('a command whose audit trail moved between its load and its batch', () => {
  it('is loaded and decided again: every one applied once, the chain unbroken', async () => {
    const citizenId = `079091${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
    const person = { fullName: 'Trần Văn Cùng', birthDate: '1991-03-03', sex: 'male', citizenId, communeCode: inject('communes').own, category: 'drug_user' }
    const registered = await post('/api/p/82/persons', person)
    expect(registered.status).toBe(201)
    const personId = registered.json.data!.id
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })

    await takeCounts()
    const n = 4
    const review = { personId, reviewedOn: today(), attended: true, drugTest: 'negative', riskLevel: 'low' }
    const answers = await Promise.all(Array.from({ length: n }, () => post(`/api/p/82/persons/${personId}/reviews`, review)))
    const counts = await takeCounts()

    expect(answers.map((a) => a.status)).toEqual(Array(n).fill(201))
    const ids = answers.map((a) => a.json.data!.id)
    expect(new Set(ids).size).toBe(n)
    const stored = await tenant.select({ id: reviews.id }).from(reviews).where(eq(reviews.personId, personId))
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort())
    // Without a retry each command is two round trips to the province (load, batch); more shows some loaded again.
    expect(counts['binhan-p82'], JSON.stringify(counts)).toBeGreaterThan(2 * n)
    // One entry per review, each chained to the one before: no fork, nothing lost.
    const entries = await tenant.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).where(inArray(auditLog.entityId, ids))
    expect(entries.map((e) => `${e.action} ${e.entityId}`).sort()).toEqual(ids.map((id) => `review.create ${id}`).sort())
    expect((await verifyAuditChain(tenant)).ok).toBe(true)
    tenant.$client.close()
  })
})

describe('a control-database write whose trail moved between its load and its batch (decision 0054)', () => {
  it('is loaded again: of two submissions of one invite link at once, one sets the password, the other finds the link used', async () => {
    const username = `retry-${crypto.randomUUID().slice(0, 8)}`
    const email = `${username}@example.test`
    const invited = await post(
      '/api/p/82/users',
      { username, displayName: 'Cán bộ (thử nghiệm)', email, role: 'commune_officer', communes: [inject('communes').own] },
      'admin',
    )
    expect(invited.status).toBe(201)
    const posted = (await (await fetch(inject('mailApiUrl').replace(/\/emails$/, '/messages'))).json()) as { to: string[]; text: string }[]
    const token = /[?&]token=([a-z2-7]{40})/.exec(posted.findLast((m) => m.to.includes(email))!.text)![1]!

    const passwords = ['mây trắng bay qua đồi 27 (một)', 'mây trắng bay qua đồi 27 (hai)']
    const answers = await Promise.all(passwords.map((password) => post('/api/auth/accept-invite', { token, password }, null)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400])
    expect(answers.find((a) => a.status === 400)!.json.error!.code).toBe('token_invalid')

    const control = openControlDb({ url: `${inject('libsqlUrl')}/control/` })
    const userId = invited.json.data!.user!.id
    const entries = await control.select({ action: controlAudit.action }).from(controlAudit).where(eq(controlAudit.entityId, userId))
    expect(entries.map((e) => e.action).sort()).toEqual(['user.invite', 'user.invite_accepted', 'user.invite_sent'])
    expect((await verifyAuditChain(control)).ok).toBe(true)
    control.$client.close()
  })
})
