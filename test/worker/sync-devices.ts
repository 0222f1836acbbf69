// The randomized scenario of test/worker/sync.test.ts: two devices of one commune officer work offline against
// their own copies, and an unreliable network carries their pushes (lost requests, lost answers, duplicates
// delivered at once or much later, interleaving of the devices). Each device sends its outbox in order and
// resends a batch with the same keys until it gets an answer, as the web client does.
import fc from 'fast-check'
import { eq, inArray } from 'drizzle-orm'
import { expect } from 'vitest'
import { persons, reviews, syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { presentPerson } from '../../worker/repo/persons.ts'
import { presentReview } from '../../worker/repo/reviews.ts'

export interface ScenarioDeps {
  runs: number
  /** The officer's only commune: the scope both devices hold. */
  commune: string
  db: TenantDb
  push(body: unknown): Promise<Response>
  pull(cursor?: string): Promise<Response>
  citizenId(sex: 'male' | 'female', year: number): string
}

interface Change {
  key: string
  type: 'person.create' | 'person.update' | 'review.create'
  entityId: string
  data: Record<string, unknown>
}
interface Result {
  key: string
  status: string
  record?: { id: string; version: number } & Record<string, unknown>
}
type Rec = { id: string; version?: number } & Record<string, unknown>
interface Device {
  id: string
  store: Map<string, Rec>
  cursor: string | undefined
  outbox: Change[]
  /** The batch sent and not yet answered: sent again, same keys, until an answer arrives. */
  inFlight: Change[] | null
  created: string[]
}

const device = fc.constantFrom(0, 1)
const fate = fc.constantFrom('deliver', 'lose_request', 'lose_response', 'duplicate_now', 'duplicate_later', 'delay')
const pick = fc.nat({ max: 5 })
const step = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device, sex: fc.constantFrom('male' as const, 'female' as const), year: fc.integer({ min: 1970, max: 2005 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('update' as const), device, pick, field: fc.constantFrom('notes', 'phone', 'addressDetail'), value: fc.nat({ max: 99_999_999 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('review' as const), device, pick, day: fc.integer({ min: 1, max: 24 }), drugTest: fc.constantFrom('negative', 'positive', 'refused', 'not_done') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), device, size: fc.integer({ min: 1, max: 5 }), fate }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('send_both' as const), size: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver_delayed' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device }) },
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

const COLLECTIONS = { persons: 'persons', reviews: 'reviews' } as const
const json = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T

export async function deviceScenario(deps: ScenarioDeps): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 50 }), async (steps) => runScenario(deps, steps)),
    { numRuns: deps.runs },
  )
}

async function runScenario(deps: ScenarioDeps, steps: Step[]): Promise<void> {
  const devices: Device[] = [0, 1].map(() => ({ id: crypto.randomUUID(), store: new Map(), cursor: undefined, outbox: [], inFlight: null, created: [] }))
  const intents = new Map<string, Change & { base?: number }>()
  const answers = new Map<string, Result[]>()
  const delayed: { batch: Change[]; deviceId: string }[] = []

  const deliver = async (batch: Change[], deviceId: string) => {
    const res = await deps.push({ deviceId, changes: batch })
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    for (const result of body.data.results as Result[]) answers.set(result.key, [...(answers.get(result.key) ?? []), result])
  }
  const acknowledge = (d: Device) => {
    d.outbox.splice(0, d.inFlight!.length)
    d.inFlight = null
  }
  const nextBatch = (d: Device, size: number) => (d.inFlight ??= d.outbox.length ? d.outbox.slice(0, size) : null)
  const pullAll = async (d: Device) => {
    for (let more = true; more; ) {
      const res = await deps.pull(d.cursor)
      const page = (await res.json()).data
      if (page.reset) d.store.clear()
      for (const [collection, list] of Object.entries(COLLECTIONS)) for (const record of page[list] as Rec[]) d.store.set(`${collection}:${record.id}`, record)
      for (const gone of page.deletes as { entity: string; id: string }[]) d.store.delete(`${gone.entity === 'person' ? 'persons' : `${gone.entity}s`}:${gone.id}`)
      d.cursor = page.cursor
      more = page.more
    }
  }
  // Own new people first, then everyone pulled by id: both devices often pick the same few people (conflicts).
  const known = (d: Device) => [...new Set([...d.created, ...[...d.store.keys()].filter((k) => k.startsWith('persons:')).map((k) => k.slice(8)).sort()])]
  const queue = (d: Device, change: Change, base?: number) => {
    d.outbox.push(change)
    intents.set(change.key, base === undefined ? change : { ...change, base })
  }

  await Promise.all(devices.map(pullAll))
  for (const s of steps) {
    if (s.kind === 'create') {
      const d = devices[s.device]!
      const id = crypto.randomUUID()
      d.created.push(id)
      queue(d, {
        key: crypto.randomUUID(), type: 'person.create', entityId: id,
        data: { fullName: s.sex === 'male' ? 'Lâm Văn Thiết Bị' : 'Lâm Thị Thiết Bị', birthDate: `${s.year}-03-15`, sex: s.sex, citizenId: deps.citizenId(s.sex, s.year), communeCode: deps.commune, category: 'drug_user' },
      })
    } else if (s.kind === 'update' || s.kind === 'review') {
      const d = devices[s.device]!
      const people = known(d)
      if (people.length === 0) continue
      const id = people[s.pick % people.length]!
      if (s.kind === 'update') {
        // Based on the device's copy: the version it last pulled, or 1 for its own person not yet pulled.
        const base = d.store.get(`persons:${id}`)?.version ?? 1
        const value = s.field === 'phone' ? `09${String(s.value).padStart(8, '0')}` : s.field === 'notes' ? `Ghi chú ${s.value}` : `Ấp ${s.value}`
        queue(d, { key: crypto.randomUUID(), type: 'person.update', entityId: id, data: { version: base, [s.field]: value } }, base)
      } else {
        const data = { personId: id, reviewedOn: `2026-11-${String(s.day).padStart(2, '0')}`, attended: true, drugTest: s.drugTest, riskLevel: 'medium', ...(s.drugTest === 'positive' ? { substance: 'methamphetamine' } : {}) }
        queue(d, { key: crypto.randomUUID(), type: 'review.create', entityId: crypto.randomUUID(), data })
      }
    } else if (s.kind === 'send') {
      const d = devices[s.device]!
      const batch = nextBatch(d, s.size)
      if (!batch) continue
      if (s.fate === 'lose_request') continue
      if (s.fate === 'delay') {
        delayed.push({ batch, deviceId: d.id })
        continue
      }
      if (s.fate === 'duplicate_later') delayed.push({ batch, deviceId: d.id })
      await (s.fate === 'duplicate_now' ? Promise.all([deliver(batch, d.id), deliver(batch, d.id)]) : deliver(batch, d.id))
      if (s.fate !== 'lose_response') acknowledge(d)
    } else if (s.kind === 'send_both') {
      const ready = devices.filter((d) => nextBatch(d, s.size))
      await Promise.all(ready.map((d) => deliver(d.inFlight!, d.id)))
      ready.forEach(acknowledge)
    } else if (s.kind === 'deliver_delayed') {
      const late = delayed.splice(s.pick % Math.max(1, delayed.length), 1)[0]
      if (late) await deliver(late.batch, late.deviceId)
    } else {
      await pullAll(devices[s.device]!)
    }
  }
  // Both devices come back online: everything queued is sent, stragglers arrive, both pull.
  for (const d of devices) {
    while (nextBatch(d, 5)) {
      await deliver(d.inFlight!, d.id)
      acknowledge(d)
    }
  }
  for (const late of delayed.splice(0)) await deliver(late.batch, late.deviceId)
  await Promise.all(devices.map(pullAll))
  await checkServer(deps, intents, answers)
  const server = await serverRecords(deps)
  for (const d of devices) expect(Object.fromEntries(d.store)).toEqual(server)
}

/** The server holds exactly the intended records; every change has one receipt and was answered the same every time. */
async function checkServer(deps: ScenarioDeps, intents: Map<string, Change & { base?: number }>, answers: Map<string, Result[]>) {
  const keys = [...intents.keys()]
  if (keys.length === 0) return
  const receipts = await deps.db.select().from(syncReceipts).where(inArray(syncReceipts.key, keys))
  expect(receipts).toHaveLength(keys.length)
  for (const receipt of receipts) {
    const given = answers.get(receipt.key)!
    expect(given.length).toBeGreaterThan(0)
    for (const answer of given) expect(answer).toEqual(JSON.parse(receipt.result))
    const intent = intents.get(receipt.key)!
    expect(intent.type === 'person.update' ? ['applied', 'conflict'] : ['applied'], `${intent.type}: ${receipt.result}`).toContain(receipt.status)
  }
  const result = (key: string) => answers.get(key)![0]!
  const all = [...intents.values()]
  const created = all.filter((c) => c.type === 'person.create').map((c) => c.entityId)
  const rows = created.length ? await deps.db.select().from(persons).where(inArray(persons.id, created)) : []
  expect(rows.map((r) => r.id).sort()).toEqual([...created].sort())
  for (const row of rows) {
    const updates = all.filter((c) => c.type === 'person.update' && c.entityId === row.id)
    const applied = updates.filter((c) => result(c.key).status === 'applied')
    for (const c of updates.filter((u) => result(u.key).status === 'conflict')) expect(result(c.key).record!.version).not.toBe(c.base)
    for (const c of applied) {
      expect(result(c.key).record!.version).toBe(c.base! + 1)
      const { version: _version, ...fields } = c.data
      expect(result(c.key).record).toMatchObject(fields)
    }
    // No change lost or applied twice: the version counts the applied updates, and the newest one's record is the row.
    expect(row.version).toBe(1 + applied.length)
    const newest = applied.map((c) => result(c.key).record!).sort((a, b) => b.version - a.version)[0]
    const createKey = all.find((c) => c.type === 'person.create' && c.entityId === row.id)!.key
    expect(json(presentPerson(row))).toEqual(newest ?? result(createKey).record)
  }
  const wanted = all.filter((c) => c.type === 'review.create')
  const stored = wanted.length ? await deps.db.select().from(reviews).where(inArray(reviews.id, wanted.map((c) => c.entityId))) : []
  expect(stored.map((r) => [r.id, r.personId]).sort()).toEqual(wanted.map((c) => [c.entityId, c.data.personId]).sort())
}

async function serverRecords(deps: ScenarioDeps): Promise<Record<string, Rec>> {
  const people = await deps.db.select().from(persons).where(eq(persons.communeCode, deps.commune))
  const checks = await deps.db.select().from(reviews).where(eq(reviews.communeCode, deps.commune))
  return json(Object.fromEntries([...people.map((p) => [`persons:${p.id}`, presentPerson(p)]), ...checks.map((r) => [`reviews:${r.id}`, presentReview(r)])]))
}
