// What the screens show a commune officer: the server's records as last pulled, with the queued changes laid
// over them (in queue order). Each queued change is replayed with its command's own decide step
// (kernel/commands/), on the local records, exactly as the server will decide it (docs/decisions/0022); the
// records it makes are kept as the pull would bring them (local-records.ts). Pure; tested in
// test/web/offline-view.test.ts. The store keeps only what the server confirmed, so discarding a queued change
// simply stops laying it over. A chunk of its own, loaded with the local data (use-local.ts): the commands'
// rules are needed once the records are read, not to draw a screen.
import type { AnyCommand, Decision, State } from '../../../kernel/commands/command.ts'
import { offlineCommands } from '../../../kernel/commands/index.ts'
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import { isOpen, PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'
import { localFollowUp, localPerson, localPlan, localPostRehab, localReview, localSupport } from './local-records.ts'
import type { FollowUpRecord, OutboxEntry, PersonRecord, PlanRecord, PostRehabRecordView, Records, ReviewRecord, SupportRecord } from './types.ts'
import type { View } from './view.ts'

interface Local {
  persons: Map<string, PersonRecord>
  plans: Map<string, PlanRecord>
  reviews: Map<string, ReviewRecord>
  followUps: Map<string, FollowUpRecord>
  postRehab: Map<string, PostRehabRecordView>
  support: Map<string, SupportRecord>
}

export function overlay(records: Records, entries: readonly OutboxEntry[], rules: CaseRules = DEFAULT_CASE_RULES): View {
  const local: Local = {
    persons: new Map(records.persons.map((p) => [p.id, p])),
    plans: new Map(records.plans.map((p) => [p.id, p])),
    reviews: new Map(records.reviews.map((r) => [r.id, r])),
    followUps: new Map(records.followUps.map((f) => [f.id, f])),
    postRehab: new Map(records.postRehab.map((r) => [r.id, r])),
    support: new Map(records.support.map((r) => [r.id, r])),
  }
  const pending = new Set<string>()
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    pending.add(entry.entityId)
    const command = offlineCommands[entry.type]
    const state = localState(command, entry, local)
    if (!state) continue
    // The version a change carries is the server's concern (a conflict is its answer); shown, it is based on
    // what is shown. Checks on the input alone ran when the change was queued (checks.ts).
    const input = typeof entry.data.version === 'number' && state.target ? { ...entry.data, version: state.target.version } : entry.data
    const outcome = command.decide(state, input, entry.entityId, { actorId: null, now: new Date(entry.queuedAt), rules, newId: () => entry.key })
    // A change the local records already refuse (another device's change pulled since) is not shown as made.
    if (!outcome.rejected) layOver(local, outcome, pending)
  }
  return {
    persons: [...local.persons.values()],
    plans: [...local.plans.values()],
    reviews: [...local.reviews.values()],
    postRehab: [...local.postRehab.values()],
    followUps: [...local.followUps.values()],
    support: [...local.support.values()],
    pending,
  }
}

/** What the command's decide looks at, from the local records: the queued change belongs to `entry.personId`. */
function localState(command: AnyCommand, entry: OutboxEntry, local: Local): State<PersonRecord | PlanRecord | PostRehabRecordView | undefined> | undefined {
  const person = local.persons.get(entry.personId)
  let target: PersonRecord | PlanRecord | PostRehabRecordView | undefined
  if (command.target) {
    const id = command.target.id(entry.data, entry.entityId)
    target = command.target.collection === 'persons' ? person : command.target.collection === 'plans' ? local.plans.get(id) : local.postRehab.get(id)
    if (!target) return undefined
  }
  return {
    target,
    person,
    existing: undefined,
    openPlans: [...local.plans.values()].filter((p) => p.personId === entry.personId && isOpen(p.status)),
    activePostRehab: [...local.postRehab.values()].filter((r) => r.personId === entry.personId && r.status === 'active'),
    activeManagement: [],
    // Open plans and active post-rehab records are where their person is.
    commune: person?.communeCode ?? (typeof entry.data.communeCode === 'string' ? entry.data.communeCode : ''),
  }
}

/** The decision's records, as the phone keeps them; versions stay the server's (the last it confirmed). */
function layOver(local: Local, decision: Decision, pending: Set<string>): void {
  for (const insert of decision.inserts) {
    if (insert.collection === 'planTransitions') {
      const plan = local.plans.get(insert.record.planId)
      const { from, to, reason, note, at } = insert.record
      if (plan) local.plans.set(plan.id, { ...plan, transitions: [...plan.transitions, { from, to, reason, note, at }] })
      continue
    }
    if (insert.collection === 'managementPeriods' || insert.collection === 'handovers' || insert.collection === 'monitoring') continue
    pending.add(insert.record.id)
    if (insert.collection === 'persons') local.persons.set(insert.record.id, localPerson(insert.record))
    else if (insert.collection === 'plans') local.plans.set(insert.record.id, localPlan(insert.record))
    else if (insert.collection === 'reviews') local.reviews.set(insert.record.id, localReview(insert.record))
    else if (insert.collection === 'postRehab') local.postRehab.set(insert.record.id, localPostRehab(insert.record))
    else if (insert.collection === 'followUps') local.followUps.set(insert.record.id, localFollowUp(insert.record))
    else local.support.set(insert.record.id, localSupport(insert.record))
  }
  for (const update of decision.updates) {
    if (update.collection === 'persons') change(local.persons, update.id, update.set)
    else if (update.collection === 'postRehab') change(local.postRehab, update.id, update.set)
    else if (update.collection === 'plans') {
      change(local.plans, update.id, update.set)
      const plan = local.plans.get(update.id)
      if (plan) local.plans.set(plan.id, { ...plan, allowedTransitions: [...PLAN_TRANSITIONS[plan.status]] })
    }
  }
}

function change<R extends { version: number }>(records: Map<string, R>, id: string, set: Partial<R>): void {
  const record = records.get(id)
  if (record) records.set(id, { ...record, ...set, version: record.version })
}
