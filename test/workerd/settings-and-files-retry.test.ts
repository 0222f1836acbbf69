import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { and, eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openTenantDb } from '../../db/client.web.ts'
import { attachments, auditLog } from '../../db/tenant/schema/index.ts'
import { ATTACHMENT_CHUNK_BYTES } from '../../kernel/domain/attachment-file.ts'
import worker from '../../worker/index.ts'
import { sha256Hex } from '../../worker/storage/blob-store.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'

// The province's settings and its evidence files on the Hrana path: read beside the audit tail, written as one
// batch whose entry is guarded by it (decision 0049's addendum of 2026-12-07). Requests at once read the same
// tail, so all but one batch find the trail moved, roll back whole and are read again: nothing lost, nothing twice.
const ORIGIN = 'https://binhan.example'

async function send(method: string, path: string, as: 'commune' | 'admin', body: unknown) {
  const json = !(body instanceof Uint8Array)
  const headers = { origin: ORIGIN, cookie: inject('cookies')[as], 'content-type': json ? 'application/json' : 'application/octet-stream' }
  const ctx = createExecutionContext()
  const req = new Request(`${ORIGIN}/api/p/82${path}`, { method, headers, body: json ? JSON.stringify(body) : (body as Uint8Array<ArrayBuffer>) })
  const res = await worker.fetch(req, env as WorkerEnv, ctx)
  const answer = { status: res.status, json: (await res.json()) as { data: Record<string, unknown> } }
  await waitOnExecutionContext(ctx)
  return answer
}

const entries = async (tenant: ReturnType<typeof openTenantDb>, action: string, entityId: string) =>
  tenant
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))

describe('settings and evidence files changed at once on the Hrana path', () => {
  it('keeps both of two settings changes made at once, each audited once, the chain unbroken', async () => {
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })
    const before = (await entries(tenant, 'province.settings', 'case_rules')).length
    // Days far ahead, and put back after: other files' requests count on the rules as they are.
    const changes = [{ extraHolidays: ['2031-06-02'] }, { workingHolidays: ['2031-01-01'] }]
    const answers = await Promise.all(changes.map((caseRules) => send('PUT', '/settings', 'admin', { caseRules })))
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    const now = await send('PUT', '/settings', 'admin', { caseRules: { extraHolidays: [], workingHolidays: [] } })
    expect(now.json.data.caseRules).toMatchObject({ extraHolidays: [], workingHolidays: [] })
    const details = (await entries(tenant, 'province.settings', 'case_rules')).slice(before).map((e) => JSON.parse(e.details!))
    expect(details).toHaveLength(3)
    // The second of the two at once was read again after the first: it names the first's change as kept.
    expect(details[2]).toEqual({ extraHolidays: '', previousExtraHolidays: '2031-06-02', workingHolidays: '', previousWorkingHolidays: '2031-01-01' })
    expect((await verifyAuditChain(tenant)).ok).toBe(true)
    tenant.$client.close()
  })

  it('announces a file sent four times at once once, and completes it once when its last part comes twice', async () => {
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })
    const bytes = new Uint8Array(ATTACHMENT_CHUNK_BYTES + 500).fill(0x25)
    bytes.set(new TextEncoder().encode('%PDF-1.4\n'))
    bytes.set(new TextEncoder().encode('\n%%EOF\n'), bytes.length - 7)
    const id = crypto.randomUUID()
    const file = { id, ownerKind: 'commune', ownerId: inject('communes').own, fileName: 'bien-ban.pdf', size: bytes.byteLength, sha256: await sha256Hex(bytes) }
    const announced = await Promise.all(Array.from({ length: 4 }, () => send('POST', '/attachments', 'commune', file)))
    expect(announced.map((a) => a.status).sort()).toEqual([200, 200, 200, 201])

    expect((await send('PUT', `/attachments/${id}/content?offset=0`, 'commune', bytes.slice(0, ATTACHMENT_CHUNK_BYTES))).status).toBe(200)
    const last = await Promise.all(
      [0, 1].map(() => send('PUT', `/attachments/${id}/content?offset=${ATTACHMENT_CHUNK_BYTES}`, 'commune', bytes.slice(ATTACHMENT_CHUNK_BYTES))),
    )
    const statuses = last.map((a) => a.status)
    expect(statuses).toContain(200)
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])

    const stages = (await entries(tenant, 'attachment.upload', id)).map((e) => JSON.parse(e.details!).stage)
    expect(stages.sort()).toEqual(['announced', 'complete'])
    const [row] = await tenant.select().from(attachments).where(eq(attachments.id, id))
    expect(row).toMatchObject({ state: 'complete', received: bytes.byteLength, contentType: 'application/pdf' })
    expect((await verifyAuditChain(tenant)).ok).toBe(true)
    tenant.$client.close()
  })
})
