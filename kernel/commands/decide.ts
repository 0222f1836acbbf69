// The one way a command is decided, on the server (worker/commands/run.ts) and on the phone
// (web/src/offline/overlay.ts) alike: the command's own decide, then the person's status settled from the
// records as the decision leaves them (kernel/domain/person-status.ts; docs/decisions/0028).
import { deriveStatus, FACT_FIELDS, emptyFacts, type StatusFacts } from '../domain/person-status.ts'
import type { PersonRecord } from '../records.ts'
import { changed, type AnyCommand, type Decision, type DecideContext, type Rejection, type State } from './command.ts'

type FactCollection = keyof typeof FACT_FIELDS
const STAMP_OR_STATUS = new Set(['status', 'version', 'updatedAt', 'updatedBy'])

export function decideCommand(command: AnyCommand, state: State<never>, input: unknown, entityId: string, ctx: DecideContext): Decision | Rejection {
  const outcome = command.decide(state, input, entityId, ctx)
  return outcome.rejected ? outcome : settleStatus(state, outcome, ctx)
}

/** The decision with the person's status as their records (after it) imply: set on the person it makes or changes. */
export function settleStatus(
  state: Pick<State<unknown>, 'person' | 'facts' | 'openPlans' | 'activePostRehab' | 'activeManagement'>,
  decision: Decision,
  ctx: Pick<DecideContext, 'actorId' | 'now'>,
): Decision {
  const made = decision.inserts.find((i): i is { collection: 'persons'; record: PersonRecord } => i.collection === 'persons')
  const personId = made?.record.id ?? state.person?.id
  if (!personId) return decision
  const before: StatusFacts = made ? emptyFacts(made.record.category) : (state.facts ?? knownFacts(state))
  const facts = factsAfter(before, personId, decision)
  const status = deriveStatus(facts)
  if (made) {
    if (made.record.status === status) return decision
    return { ...decision, inserts: decision.inserts.map((i) => (i === made ? { collection: 'persons', record: { ...made.record, status } } : i)) }
  }
  const person = state.person!
  const own = decision.updates.find((u) => u.collection === 'persons' && u.id === personId)
  const current = own && 'status' in own.set && own.set.status ? own.set.status : person.status
  if (own && status === person.status && Object.keys(own.set).every((key) => STAMP_OR_STATUS.has(key))) {
    // The command set a status the records do not change after all: no new version of the person for nothing.
    return { ...decision, updates: decision.updates.filter((u) => u !== own) }
  }
  if (current === status) return decision
  if (own) return { ...decision, updates: decision.updates.map((u) => (u === own ? { ...u, set: { ...u.set, status } } : u)) } as Decision
  return { ...decision, updates: [...decision.updates, { collection: 'persons', id: personId, set: { status, ...changed(person.version, ctx) } }] }
}

/** Without the full facts (an older caller), what the open and active records say. */
function knownFacts(state: Pick<State<unknown>, 'person' | 'openPlans' | 'activePostRehab' | 'activeManagement'>): StatusFacts {
  return {
    ...emptyFacts(state.person!.category),
    plans: state.openPlans.map((p) => ({ id: p.id, status: p.status, registeredOn: p.startOn })),
    postRehab: state.activePostRehab.map((r) => ({ id: r.id, status: r.status, relapseOn: null })),
    managementPeriods: state.activeManagement.map((m) => ({ id: m.id, status: m.status })),
  }
}

/** The facts as the decision's inserts and updates of this person's records leave them. */
export function factsAfter(before: StatusFacts, personId: string, decision: Decision): StatusFacts {
  const facts = {
    category: before.category,
    plans: [...before.plans],
    postRehab: [...before.postRehab],
    managementPeriods: [...before.managementPeriods],
    determinations: [...before.determinations],
    referrals: [...before.referrals],
    methadone: [...before.methadone],
  } as { category: StatusFacts['category'] } & { [C in FactCollection]: Record<string, unknown>[] }
  for (const insert of decision.inserts) {
    if (insert.collection === 'persons' && insert.record.id === personId) facts.category = insert.record.category
    if (!(insert.collection in FACT_FIELDS)) continue
    const record = insert.record as unknown as Record<string, unknown>
    if (record.personId !== personId) continue
    facts[insert.collection as FactCollection].push(pick(record, FACT_FIELDS[insert.collection as FactCollection]))
  }
  for (const update of decision.updates) {
    if (update.collection === 'persons' && update.id === personId && 'category' in update.set && update.set.category) facts.category = update.set.category
    if (!(update.collection in FACT_FIELDS)) continue
    const list = facts[update.collection as FactCollection]
    const at = list.findIndex((f) => f.id === update.id)
    if (at >= 0) list[at] = { ...list[at], ...pick(update.set as Record<string, unknown>, FACT_FIELDS[update.collection as FactCollection], true) }
  }
  return facts as unknown as StatusFacts
}

function pick(record: Record<string, unknown>, fields: readonly string[], present = false): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields) if (!present || field in record) out[field] = record[field] ?? null
  return out
}
