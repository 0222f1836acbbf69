// The randomized scenario of test/worker/sync.test.ts: two devices of one commune officer work offline against
// their own copies, and an unreliable network carries their pushes (lost requests, lost answers, duplicates
// delivered at once or much later, interleaving of the devices, batches reordered: a batch arriving reversed,
// later changes arriving before earlier ones). Each device sends its outbox and resends a change with the same
// key until it gets a final answer, as the web client does: a change answered `retryable` (what it depends on
// had not arrived) stays in the outbox and is sent again (docs/decisions/0022).
import fc from 'fast-check'
import { eq, inArray } from 'drizzle-orm'
import { expect } from 'vitest'
import { persons, reviews, syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { presentPerson } from '../../worker/repo/persons.ts'
import { presentReview } from '../../worker/repo/reviews.ts'
import { storedAnswer } from '../../worker/commands/sync-push.ts'

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
  retryable?: true
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

const anyDevice = fc.constantFrom(0, 1)
/** Reordering: mostly one device, so that its changes pile up behind each other. */
const busyDevice = fc.constantFrom(0, 0, 0, 1)
const pick = fc.nat({ max: 5 })

/**
 * The steps of a run. `reorder` adds what the network can also do to order: a batch arriving reversed, later
 * changes of an outbox arriving before earlier ones; its devices mostly change the people they just registered,
 * so that what arrives early often depends on what has not arrived yet.
 */
function steps(reorder: boolean) {
  const fates = [
    'deliver',
    'lose_request',
    'lose_response',
    'duplicate_now',
    'duplicate_later',
    'delay',
    ...(reorder ? (['reversed', 'reversed', 'reversed', 'reversed'] as const) : []),
  ] as const
  const fate = fc.constantFrom(...fates)
  const ahead = {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('send_ahead' as const),
      device: busyDevice,
      skip: fc.integer({ min: 1, max: 4 }),
      size: fc.integer({ min: 1, max: 4 }),
    }),
  }
  const device = reorder ? busyDevice : anyDevice
  return fc.oneof(
    {
      weight: reorder ? 3 : 2,
      arbitrary: fc.record({
        kind: fc.constant('create' as const),
        device,
        sex: fc.constantFrom('male' as const, 'female' as const),
        year: fc.integer({ min: 1970, max: 2005 }),
        // Reordering: what the officer records right after registering someone (it depends on the registration).
        // biome-ignore lint/suspicious/noThenProperty: a plain record of the model, never awaited
        then: reorder ? fc.array(fc.constantFrom('update' as const, 'review' as const), { maxLength: 2 }) : fc.constant([]),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        device,
        pick,
        field: fc.constantFrom('notes', 'phone', 'addressDetail'),
        value: fc.nat({ max: 99_999_999 }),
      }),
    },
    {
      weight: reorder ? 3 : 2,
      arbitrary: fc.record({
        kind: fc.constant('review' as const),
        device,
        pick,
        day: fc.integer({ min: 1, max: 24 }),
        drugTest: fc.constantFrom('negative', 'positive', 'refused', 'not_done'),
      }),
    },
    { weight: reorder ? 3 : 4, arbitrary: fc.record({ kind: fc.constant('send' as const), device, size: fc.integer({ min: reorder ? 2 : 1, max: 5 }), fate }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('send_both' as const), size: fc.integer({ min: 1, max: 5 }) }) },
    // Later changes of the outbox reach the server before earlier ones (another path through the network).
    ...(reorder ? [ahead] : []),
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver_delayed' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device }) },
  )
}
const step = steps(true)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

const COLLECTIONS = { persons: 'persons', reviews: 'reviews' } as const
const json = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T

export async function deviceScenario(deps: ScenarioDeps, options: { reorder?: boolean } = {}): Promise<void> {
  const reorder = options.reorder ?? false
  await fc.assert(
    // Reordering needs longer runs: a change must pile up behind what it depends on before the network reorders them.
    fc.asyncProperty(fc.array(steps(reorder), reorder ? { minLength: 15, maxLength: 50, size: 'medium' } : { minLength: 5, maxLength: 50 }), async (run) =>
      runScenario(deps, run, reorder),
    ),
    { numRuns: deps.runs },
  )
}

async function runScenario(deps: ScenarioDeps, steps: Step[], reorder: boolean): Promise<void> {
  const devices: Device[] = [0, 1].map(() => ({ id: crypto.randomUUID(), store: new Map(), cursor: undefined, outbox: [], inFlight: null, created: [] }))
  const intents = new Map<string, Change & { base?: number }>()
  const answers = new Map<string, Result[]>()
  const delayed: { batch: Change[]; deviceId: string }[] = []

  const deliver = async (batch: Change[], deviceId: string): Promise<Result[]> => {
    const res = await deps.push({ deviceId, changes: batch })
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    const results = body.data.results as Result[]
    for (const result of results) answers.set(result.key, [...(answers.get(result.key) ?? []), result])
    return results
  }
  /** The answers reached the device: every change answered for good leaves its outbox; a retryable one stays. */
  const acknowledge = (d: Device, ...deliveries: Result[][]) => {
    const final = new Set(
      deliveries
        .flat()
        .filter((r) => !r.retryable)
        .map((r) => r.key),
    )
    d.outbox = d.outbox.filter((c) => !final.has(c.key))
    d.inFlight = null
  }
  const nextBatch = (d: Device, size: number) => (d.inFlight ??= d.outbox.length ? d.outbox.slice(0, size) : null)
  const pullAll = async (d: Device) => {
    for (let more = true; more; ) {
      const res = await deps.pull(d.cursor)
      const page = (await res.json()).data
      if (page.reset) d.store.clear()
      for (const [collection, list] of Object.entries(COLLECTIONS)) for (const record of page[list] as Rec[]) d.store.set(`${collection}:${record.id}`, record)
      for (const gone of page.deletes as { entity: string; id: string }[])
        d.store.delete(`${gone.entity === 'person' ? 'persons' : `${gone.entity}s`}:${gone.id}`)
      d.cursor = page.cursor
      more = page.more
    }
  }
  // Own new people first, then everyone pulled by id: both devices often pick the same few people (conflicts).
  // Reordering: the newest own people first, whose registration may well not have arrived yet.
  const known = (d: Device) => [
    ...new Set([
      ...(reorder ? [...d.created].reverse() : d.created),
      ...[...d.store.keys()]
        .filter((k) => k.startsWith('persons:'))
        .map((k) => k.slice(8))
        .sort(),
    ]),
  ]
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
        key: crypto.randomUUID(),
        type: 'person.create',
        entityId: id,
        data: {
          fullName: s.sex === 'male' ? 'Lâm Văn Thiết Bị' : 'Lâm Thị Thiết Bị',
          birthDate: `${s.year}-03-15`,
          sex: s.sex,
          citizenId: deps.citizenId(s.sex, s.year),
          communeCode: deps.commune,
          category: 'drug_user',
        },
      })
      for (const [i, then] of s.then.entries()) {
        if (then === 'update') queue(d, { key: crypto.randomUUID(), type: 'person.update', entityId: id, data: { version: 1, notes: `Ghi chú ngay ${i}` } }, 1)
        else
          queue(d, {
            key: crypto.randomUUID(),
            type: 'review.create',
            entityId: crypto.randomUUID(),
            data: { personId: id, reviewedOn: '2026-11-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
          })
      }
    } else if (s.kind === 'update' || s.kind === 'review') {
      const d = devices[s.device]!
      const people = known(d)
      if (people.length === 0) continue
      // Reordering: one of the two newest own people mostly, so what arrives early often depends on a registration still on its way.
      const id = people[s.pick % (reorder ? Math.min(people.length, 2) : people.length)]!
      if (s.kind === 'update') {
        // Based on the device's copy: the version it last pulled, or 1 for its own person not yet pulled.
        const base = d.store.get(`persons:${id}`)?.version ?? 1
        const value = s.field === 'phone' ? `09${String(s.value).padStart(8, '0')}` : s.field === 'notes' ? `Ghi chú ${s.value}` : `Ấp ${s.value}`
        queue(d, { key: crypto.randomUUID(), type: 'person.update', entityId: id, data: { version: base, [s.field]: value } }, base)
      } else {
        const data = {
          personId: id,
          reviewedOn: `2026-11-${String(s.day).padStart(2, '0')}`,
          attended: true,
          drugTest: s.drugTest,
          riskLevel: 'medium',
          ...(s.drugTest === 'positive' ? { substance: 'methamphetamine' } : {}),
        }
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
      const sent = s.fate === 'reversed' ? [[...batch].reverse()] : s.fate === 'duplicate_now' ? [batch, batch] : [batch]
      const results = await Promise.all(sent.map((changes) => deliver(changes, d.id)))
      if (s.fate !== 'lose_response') acknowledge(d, ...results)
    } else if (s.kind === 'send_both') {
      const ready = devices.filter((d) => nextBatch(d, s.size))
      const results = await Promise.all(ready.map((d) => deliver(d.inFlight!, d.id)))
      for (const [i, d] of ready.entries()) acknowledge(d, results[i]!)
    } else if (s.kind === 'send_ahead') {
      const d = devices[s.device]!
      const ahead = d.inFlight ? [] : d.outbox.slice(s.skip, s.skip + s.size)
      if (ahead.length > 0) acknowledge(d, await deliver(ahead, d.id))
    } else if (s.kind === 'deliver_delayed') {
      const late = delayed.splice(s.pick % Math.max(1, delayed.length), 1)[0]
      if (late) await deliver(late.batch, late.deviceId)
    } else {
      await pullAll(devices[s.device]!)
    }
  }
  // Both devices come back online: everything queued is sent, stragglers arrive, both pull.
  for (const d of devices) {
    for (let rounds = 0; nextBatch(d, 5); rounds++) {
      expect(rounds, 'the outbox empties: every change is answered for good').toBeLessThan(200)
      acknowledge(d, await deliver(d.inFlight!, d.id))
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
    // Final answers are the stored one, every time; a retryable one (never stored) only says what is missing.
    const final = given.filter((answer) => !answer.retryable)
    expect(final.length).toBeGreaterThan(0)
    // (An applied change's receipt holds its record's rows; storedAnswer presents them as the replay does.)
    for (const answer of final) expect(answer).toEqual(storedAnswer(receipt).result)
    for (const answer of given.filter((a) => a.retryable)) expect(['not_found', 'conflict']).toContain(answer.status)
    const intent = intents.get(receipt.key)!
    expect(intent.type === 'person.update' ? ['applied', 'conflict'] : ['applied'], `${intent.type}: ${receipt.result}`).toContain(receipt.status)
  }
  const result = (key: string) => answers.get(key)!.find((answer) => !answer.retryable)!
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
  const stored = wanted.length
    ? await deps.db
        .select()
        .from(reviews)
        .where(
          inArray(
            reviews.id,
            wanted.map((c) => c.entityId),
          ),
        )
    : []
  expect(stored.map((r) => [r.id, r.personId]).sort()).toEqual(wanted.map((c) => [c.entityId, c.data.personId]).sort())
}

async function serverRecords(deps: ScenarioDeps): Promise<Record<string, Rec>> {
  const people = await deps.db.select().from(persons).where(eq(persons.communeCode, deps.commune))
  const checks = await deps.db.select().from(reviews).where(eq(reviews.communeCode, deps.commune))
  return json(Object.fromEntries([...people.map((p) => [`persons:${p.id}`, presentPerson(p)]), ...checks.map((r) => [`reviews:${r.id}`, presentReview(r)])]))
}
