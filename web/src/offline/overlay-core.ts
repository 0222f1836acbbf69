// What the screens show a commune officer: the server's records as last pulled, with the queued changes laid
// over them (in queue order). Each queued change is replayed with its command's own decide step
// (kernel/commands/), on the local records, exactly as the server will decide it (docs/decisions/0022); the
// records it makes are kept as the pull would bring them (local-records.ts). Pure; tested in
// test/web/offline-view.test.ts. The store keeps only what the server confirmed, so discarding a queued change
// simply stops laying it over. A chunk of its own, loaded with the local data (use-local.ts): the commands'
// rules are needed once the records are read, not to draw a screen.
import type { AssessmentRecord } from '../../../kernel/certification-records.ts'
import type { AnyCommand, CertificationFacts, Decision, State } from '../../../kernel/commands/command.ts'
import type { PulledCertification } from '../../../kernel/contract/sync.ts'
import { decideCommand } from '../../../kernel/commands/decide.ts'
import type { offlineCommands } from '../../../kernel/commands/index.ts'
import type { StatusFacts } from '../../../kernel/domain/person-status.ts'
import type { DeterminationRecord, HandoverRecord, ManagementPeriodRecord, MethadoneRecord, MonitoringRecord, ReferralRecord } from '../../../kernel/records.ts'
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import { normalizeStages } from '../../../kernel/domain/plan-stages.ts'
import { isOpen, PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'
import { localFollowUp, localPerson, localPlan, localPostRehab, localReview, localSupport } from './local-records.ts'
import type { ActivityRecord, ModelMemberRecord, ModelRecord, ModelSessionRecord } from './types.ts'
import type { FollowUpRecord, OutboxEntry, PersonRecord, PlanRecord, PostRehabRecordView, Records, ReviewRecord, SupportRecord } from './types.ts'
import type { View } from './view.ts'

/**
 * The drug-free commune records: the phone keeps its communes' assessments (decision 0044); the others (criteria,
 * moves, status periods, flags) stay the server's.
 */
const CERTIFICATION = ['criteriaSets', 'populations', 'assessments', 'assessmentTransitions', 'statusPeriods', 'certificationFlags'] as const
const isCertification = (collection: string): collection is (typeof CERTIFICATION)[number] => (CERTIFICATION as readonly string[]).includes(collection)

interface Local {
  persons: Map<string, PersonRecord>
  plans: Map<string, PlanRecord>
  reviews: Map<string, ReviewRecord>
  followUps: Map<string, FollowUpRecord>
  postRehab: Map<string, PostRehabRecordView>
  support: Map<string, SupportRecord>
  activities: Map<string, ActivityRecord>
  models: Map<string, ModelRecord>
  modelMembers: Map<string, ModelMemberRecord>
  modelSessions: Map<string, ModelSessionRecord>
  managementPeriods: Map<string, ManagementPeriodRecord>
  determinations: Map<string, DeterminationRecord>
  referrals: Map<string, ReferralRecord>
  methadone: Map<string, MethadoneRecord>
  handovers: Map<string, HandoverRecord>
  monitoring: Map<string, MonitoringRecord>
  assessments: Map<string, AssessmentRecord>
}

/** The records kept as the kernel makes them (the pull sends the same shape). */
const KERNEL_SHAPED = ['managementPeriods', 'determinations', 'referrals', 'methadone', 'handovers', 'monitoring'] as const

export function overlayWith(
  commands: typeof offlineCommands,
  records: Records,
  entries: readonly OutboxEntry[],
  rules: CaseRules = DEFAULT_CASE_RULES,
  certification?: PulledCertification | undefined,
): View {
  const local: Local = {
    persons: new Map(records.persons.map((p) => [p.id, p])),
    plans: new Map(records.plans.map((p) => [p.id, p])),
    reviews: new Map(records.reviews.map((r) => [r.id, r])),
    followUps: new Map(records.followUps.map((f) => [f.id, f])),
    postRehab: new Map(records.postRehab.map((r) => [r.id, r])),
    support: new Map(records.support.map((r) => [r.id, r])),
    activities: new Map((records.activities ?? []).map((r) => [r.id, r])),
    models: new Map((records.models ?? []).map((r) => [r.id, r])),
    modelMembers: new Map((records.modelMembers ?? []).map((r) => [r.id, r])),
    modelSessions: new Map((records.modelSessions ?? []).map((r) => [r.id, r])),
    managementPeriods: new Map((records.managementPeriods ?? []).map((r) => [r.id, r])),
    determinations: new Map((records.determinations ?? []).map((r) => [r.id, r])),
    referrals: new Map((records.referrals ?? []).map((r) => [r.id, r])),
    methadone: new Map((records.methadone ?? []).map((r) => [r.id, r])),
    handovers: new Map((records.handovers ?? []).map((r) => [r.id, r])),
    monitoring: new Map((records.monitoring ?? []).map((r) => [r.id, r])),
    assessments: new Map((records.assessments ?? []).map((r) => [r.id, r])),
  }
  const pending = new Set<string>()
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    pending.add(entry.entityId)
    const command = commands[entry.type]
    const found = localState(command, entry, local)
    if (!found) continue
    const state = command.certification && certification ? { ...found, certification: pulledFacts(found.commune, certification) } : found
    // The version a change carries is the server's concern (a conflict is its answer); shown, it is based on
    // what is shown. Checks on the input alone ran when the change was queued (checks.ts).
    const target = state.target as { version?: number } | undefined
    const input = typeof entry.data.version === 'number' && target?.version !== undefined ? { ...entry.data, version: target.version } : entry.data
    const outcome = decideCommand(command, state as State<never>, input, entry.entityId, {
      actorId: null,
      now: new Date(entry.queuedAt),
      rules,
      newId: () => entry.key,
    })
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
    activities: [...local.activities.values()],
    models: [...local.models.values()],
    modelMembers: [...local.modelMembers.values()],
    modelSessions: [...local.modelSessions.values()],
    managementPeriods: [...local.managementPeriods.values()],
    determinations: [...local.determinations.values()],
    referrals: [...local.referrals.values()],
    methadone: [...local.methadone.values()],
    handovers: [...local.handovers.values()],
    monitoring: [...local.monitoring.values()],
    assessments: [...local.assessments.values()],
    pending,
  }
}

/** What the command's decide looks at, from the local records: the queued change belongs to `entry.personId`. */
function localState(command: AnyCommand, entry: OutboxEntry, local: Local): State<unknown> | undefined {
  const communityState = communityLocalState(command, entry, local)
  if (communityState !== null) return communityState
  const person = local.persons.get(entry.personId)
  let target: unknown
  if (command.target) {
    const id = command.target.id(entry.data, entry.entityId)
    const collection = command.target.collection
    // A plan pulled before the law's five stages reads as one of today's (the next pull brings it migrated).
    if (collection === 'persons') target = person
    else if (collection === 'plans') {
      const plan = local.plans.get(id)
      target = plan && { ...plan, stages: normalizeStages(plan.stages) }
    } else if (collection === 'assessments') target = local.assessments.get(id)
    else if (isCertification(collection)) {
      // No local store of these: the answer waits for the server.
      target = undefined
    } else target = local[collection].get(id)
    if (!target) return undefined
  }
  const own = <R extends { personId: string }>(records: Map<string, R>) => [...records.values()].filter((r) => r.personId === entry.personId)
  // A hand-over from another province: the person of the officer's communes with its citizen ID, as the server looks them up.
  const received = command.target?.collection === 'handovers' ? (target as HandoverRecord) : undefined
  const sameCitizen =
    received && received.personId === null ? ([...local.persons.values()].find((p) => p.citizenId === received.subject.citizenId) ?? null) : undefined
  return {
    ...(sameCitizen !== undefined ? { sameCitizen } : {}),
    target,
    person,
    existing: undefined,
    openPlans: [...local.plans.values()].filter((p) => p.personId === entry.personId && isOpen(p.status)),
    activePostRehab: [...local.postRehab.values()].filter((r) => r.personId === entry.personId && r.status === 'active'),
    activeManagement: own(local.managementPeriods).filter((m) => m.status === 'active'),
    activeMonitoring: own(local.monitoring).filter((m) => m.status === 'active'),
    pendingHandovers: [...local.handovers.values()].filter((h) => h.personId === entry.personId && h.status === 'pending'),
    facts: person && localFacts(person.category, local, own),
    // Open plans and active post-rehab records are where their person is.
    commune:
      person?.communeCode ??
      (target as { communeCode?: string } | undefined)?.communeCode ??
      (typeof entry.data.communeCode === 'string' ? entry.data.communeCode : ''),
  }
}

/**
 * What a drug-free commune command reads, from the last pull: the criteria sets and the commune's figures for the
 * pulled year. No evidence files (the server checks those) and no status period (only the province's moves read it).
 */
function pulledFacts(commune: string, pulled: PulledCertification): CertificationFacts {
  return { sets: pulled.sets, figures: pulled.figures[commune] ?? { managedPeople: 0, population: null }, openPeriod: undefined }
}

type Target = PersonRecord | PlanRecord | PostRehabRecordView | ActivityRecord | ModelRecord | ModelMemberRecord

/**
 * A change of the activity log or of a model (decision 0033): acts on a record of a commune, not of a person.
 * null: not such a change.
 */
function communityLocalState(command: AnyCommand, entry: OutboxEntry, local: Local): State<Target | undefined> | undefined | null {
  const collection = command.target?.collection
  const isCommunity =
    collection === 'activities' ||
    collection === 'models' ||
    collection === 'modelMembers' ||
    command.creates?.collection === 'activities' ||
    command.creates?.collection === 'models'
  if (!isCommunity) return null
  let target: ActivityRecord | ModelRecord | ModelMemberRecord | undefined
  if (command.target) {
    const id = command.target.id(entry.data, entry.entityId)
    target = collection === 'activities' ? local.activities.get(id) : collection === 'models' ? local.models.get(id) : local.modelMembers.get(id)
    if (!target) return undefined
  }
  const linked = command.links?.(entry.data)
  return {
    target,
    person: linked ? local.persons.get(linked) : undefined,
    existing: undefined,
    openPlans: [],
    activePostRehab: [],
    activeManagement: [],
    commune: target?.communeCode ?? (typeof entry.data.communeCode === 'string' ? entry.data.communeCode : ''),
  }
}

/** The facts the person's status follows from (kernel/domain/person-status.ts), from the local records. */
function localFacts(category: PersonRecord['category'], local: Local, own: <R extends { personId: string }>(records: Map<string, R>) => R[]): StatusFacts {
  return {
    category,
    plans: own(local.plans as Map<string, PlanRecord & { personId: string }>).map((p) => ({ id: p.id, status: p.status, registeredOn: p.registeredOn })),
    postRehab: own(local.postRehab).map((r) => ({ id: r.id, status: r.status, relapseOn: r.relapseOn })),
    managementPeriods: own(local.managementPeriods).map((m) => ({ id: m.id, status: m.status })),
    determinations: own(local.determinations).map((d) => ({ id: d.id, resultOn: d.resultOn, result: d.result })),
    referrals: own(local.referrals).map((r) => ({ id: r.id, status: r.status, dossierOn: r.dossierOn })),
    methadone: own(local.methadone).map((m) => ({ id: m.id, status: m.status, startOn: m.startOn, endReason: m.endReason })),
  }
}

/** The decision's records, as the phone keeps them; versions stay the server's (the last it confirmed). */
function layOver(local: Local, decision: Decision, pending: Set<string>): void {
  for (const insert of decision.inserts) {
    if (insert.collection === 'planTransitions') {
      const plan = local.plans.get(insert.record.planId)
      const { from, to, reason, note, at, by, decision } = insert.record
      if (plan) local.plans.set(plan.id, { ...plan, transitions: [...plan.transitions, { from, to, reason, note, at, by, decision }] })
      continue
    }
    // The moves and the other certification records stay the server's: the screens read them online.
    if (insert.collection === 'activityVersions' || (isCertification(insert.collection) && insert.collection !== 'assessments')) continue
    pending.add(insert.record.id)
    if (insert.collection === 'assessments') local.assessments.set(insert.record.id, insert.record)
    else if (insert.collection === 'managementPeriods') local.managementPeriods.set(insert.record.id, insert.record)
    else if (insert.collection === 'determinations') local.determinations.set(insert.record.id, insert.record)
    else if (insert.collection === 'referrals') local.referrals.set(insert.record.id, insert.record)
    else if (insert.collection === 'methadone') local.methadone.set(insert.record.id, insert.record)
    else if (insert.collection === 'handovers') local.handovers.set(insert.record.id, insert.record)
    else if (insert.collection === 'monitoring') local.monitoring.set(insert.record.id, insert.record)
    else if (insert.collection === 'persons') local.persons.set(insert.record.id, localPerson(insert.record))
    else if (insert.collection === 'plans') local.plans.set(insert.record.id, localPlan(insert.record))
    else if (insert.collection === 'reviews') local.reviews.set(insert.record.id, localReview(insert.record))
    else if (insert.collection === 'postRehab') local.postRehab.set(insert.record.id, localPostRehab(insert.record))
    else if (insert.collection === 'followUps') local.followUps.set(insert.record.id, localFollowUp(insert.record))
    else if (insert.collection === 'support') local.support.set(insert.record.id, localSupport(insert.record))
    // The activity log's and the models' records are kept as the kernel makes them (the pull's shape too).
    else if (insert.collection === 'activities') local.activities.set(insert.record.id, insert.record)
    else if (insert.collection === 'models') local.models.set(insert.record.id, insert.record)
    else if (insert.collection === 'modelMembers') local.modelMembers.set(insert.record.id, insert.record)
    else if (insert.collection === 'modelSessions') local.modelSessions.set(insert.record.id, insert.record)
  }
  for (const update of decision.updates) {
    if (update.collection === 'persons') change(local.persons, update.id, update.set)
    else if (update.collection === 'postRehab') change(local.postRehab, update.id, update.set)
    else if (update.collection === 'activities') change(local.activities, update.id, update.set)
    else if (update.collection === 'assessments') change(local.assessments, update.id, update.set)
    else if (update.collection === 'models') change(local.models, update.id, update.set)
    else if (update.collection === 'modelMembers') change(local.modelMembers, update.id, update.set)
    else if ((KERNEL_SHAPED as readonly string[]).includes(update.collection))
      change(
        local[update.collection as (typeof KERNEL_SHAPED)[number]] as Map<string, { version: number }>,
        update.id,
        update.set as Partial<{ version: number }>,
      )
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
