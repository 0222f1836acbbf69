import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, primeAuditTail, type AuditInput } from '../../db/audit/append-audit.ts'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openControlDb } from '../../db/client.web.ts'
import { inPipelineScope } from '../../db/pipelined-client.ts'
import type { ControlDb } from '../../db/types.ts'
import { startCountingProxy, type CountingProxy } from '../../scripts/lib/counting-hrana-proxy.ts'
import { startLocalLibsqlServer, type LocalLibsqlServer } from '../../scripts/lib/local-libsql-server.ts'
import { createNodePlatform, prepareControlDb } from '../../worker/provision/node-platform.ts'
import { readNodeConfig } from '../../worker/node-config.ts'

// The Worker's path to a database (decision 0046): the web client over Hrana, two of them standing for two
// isolates appending to one trail, through the real local endpoint and a proxy counting its round trips.

let dataDir: string
let server: LocalLibsqlServer
let proxy: CountingProxy
const opened: ControlDb[] = []
const isolate = () => {
  const db = openControlDb({ url: `${proxy.url}/control/` })
  opened.push(db)
  return db
}
const entry = (n: number): AuditInput => ({
  at: new Date(Date.UTC(2026, 10, 24, 3, 0, 0, n)),
  actorId: `u-${n}`,
  actorRole: 'commune_officer',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${n}`,
  outcome: 'success',
  requestId: null,
  clientHash: null,
})

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'binhan-audit-remote-'))
  const platform = createNodePlatform(readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }))
  await prepareControlDb(platform.control, new Date())
  platform.control.$client.close()
  server = await startLocalLibsqlServer({ dataDir })
  proxy = await startCountingProxy({ target: server.url })
})

afterAll(async () => {
  for (const db of opened) db.$client.close()
  await proxy.close()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('audit entries on a remote database', () => {
  it('keeps one unbroken chain when two isolates append at once, each retrying past the other', async () => {
    const [a, b] = [isolate(), isolate()]
    const before = await verifyAuditChain(a)
    // Each append as its own request would make it, in its own pipeline scope.
    await Promise.all(Array.from({ length: 8 }, (_, n) => inPipelineScope(() => appendAudit(n % 2 ? a : b, entry(n)))))
    const after = await verifyAuditChain(a)
    expect(after).toMatchObject({ ok: true, entries: before.entries + 8 })
    const seqs = await a.all<{ seq: number }>(sql`select seq from audit_log order by seq`)
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: before.entries + 8 }, (_, i) => i + 1))
  })

  it('appends in one round trip once the isolate knows the tail, and a read issued beside it shares that trip', async () => {
    const db = isolate()
    proxy.reset()
    await primeAuditTail(db)
    expect(proxy.reset()).toEqual({ control: 1 })
    const [, provinces] = await inPipelineScope(() =>
      Promise.all([appendAudit(db, entry(100)), db.all<{ n: number }>(sql`select count(*) as n from provinces`)]),
    )
    expect(provinces[0]!.n).toBe(34)
    expect(proxy.reset()).toEqual({ control: 1 })
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('answers each statement of a shared trip on its own: a failing one rejects, the one beside it still answers', async () => {
    const db = isolate()
    proxy.reset()
    const [bad, good] = await inPipelineScope(() =>
      Promise.allSettled([db.run(sql`insert into no_such_table values (1)`), db.all<{ n: number }>(sql`select 1 as n`)]),
    )
    expect(bad.status).toBe('rejected')
    expect(good).toEqual({ status: 'fulfilled', value: [{ n: 1 }] })
    // The shared trip, then each again alone.
    expect(proxy.reset()).toEqual({ control: 3 })
  })
})
