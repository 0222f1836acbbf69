// The commune officer's writes, all through the outbox: checked locally with the server's rules, queued, shown at
// once, sent when the connection allows (session.ts submit()). Entity ids are made by the forms, once per form.
import { vietnamToday } from '../../../kernel/calendar.ts'
import { completeIssues, followUpIssues, personIssues, planIssues, refuseIf, relapseIssues, reviewIssues, supportIssues } from './checks.ts'
import { offlineCommands } from '../../../kernel/commands/index.ts'
import type { ErrorCode } from '../../../kernel/contract/errors.ts'
import type { DeterminationRecord, ManagementPeriodRecord, MethadoneRecord, ReferralRecord } from '../../../kernel/records.ts'
import { ApiError } from '../api.ts'
import { submit } from './session.ts'
import type { PersonRecord, PlanRecord, PostRehabRecordView } from './types.ts'

type Body = Record<string, unknown>

/** A create's body carries the form's id: it becomes the change's entityId, not part of the data. */
function split(body: Body): { id: string; data: Body } {
  const { id, ...data } = body
  if (typeof id !== 'string') throw new Error('a create needs the id made by its form')
  return { id, data }
}

export async function registerPerson(body: Body): Promise<string> {
  refuseIf(personIssues(body, vietnamToday(new Date())))
  const { id, data } = split(body)
  await submit({ type: 'person.create', entityId: id, personId: id, data })
  return id
}

export async function updatePerson(person: PersonRecord, fields: Body): Promise<void> {
  refuseIf(personIssues({ ...person, ...fields }, vietnamToday(new Date())).filter((issue) => Object.keys(fields).some((f) => issue.field === `json.${f}`)))
  await submit({ type: 'person.update', entityId: person.id, personId: person.id, data: { ...fields, version: person.version } })
}

export async function createPlan(personId: string, body: Body): Promise<void> {
  refuseIf(planIssues(body, vietnamToday(new Date())))
  const { id, data } = split(body)
  await submit({ type: 'plan.create', entityId: id, personId, data: { personId, ...data } })
}

export async function transitionPlan(plan: PlanRecord, body: Body): Promise<void> {
  await submit({ type: 'plan.transition', entityId: plan.id, personId: plan.personId, data: body })
}

/** The completion certificate; the body carries the post-rehab record's id made by the form (postRehabId). */
export async function completePlan(plan: PlanRecord, body: Body): Promise<void> {
  refuseIf(completeIssues(body, vietnamToday(new Date()), plan.startOn))
  await submit({ type: 'plan.complete', entityId: plan.id, personId: plan.personId, data: body })
}

export async function createReview(person: PersonRecord, body: Body): Promise<void> {
  refuseIf(reviewIssues(body, vietnamToday(new Date()), person.birthDate))
  const { id, data } = split(body)
  await submit({ type: 'review.create', entityId: id, personId: person.id, data: { personId: person.id, ...data } })
}

export async function createFollowUp(record: PostRehabRecordView, body: Body): Promise<void> {
  refuseIf(followUpIssues(body, vietnamToday(new Date()), record.startOn))
  const { id, data } = split(body)
  await submit({ type: 'follow_up.create', entityId: id, personId: record.personId, data: { postRehabId: record.id, ...data } })
}

export async function recordRelapse(record: PostRehabRecordView, body: Body): Promise<void> {
  refuseIf(relapseIssues(body, vietnamToday(new Date()), record.startOn))
  await submit({ type: 'post_rehab.relapse', entityId: record.id, personId: record.personId, data: { ...body, version: record.version } })
}

export async function addSupport(person: PersonRecord, body: Body): Promise<void> {
  refuseIf(supportIssues(body, vietnamToday(new Date())))
  const { id, data } = split(body)
  await submit({ type: 'support.create', entityId: id, personId: person.id, data: { personId: person.id, ...data } })
}

// ── The law's other paths (docs/decisions/0028): checked with the command's own check, then queued ───────────

/** The command's rules on the input alone, as the server runs them: a refusal is shown next to its fields. */
function refuseByCommand(type: keyof typeof offlineCommands, data: Body): void {
  const rejection = offlineCommands[type].check?.(data, vietnamToday(new Date()))
  if (rejection) throw new ApiError(rejection.code as ErrorCode, rejection.code === 'validation_failed' ? 400 : 409, rejection.message, rejection.details)
}

async function queueCreate(type: 'determination.create' | 'referral.create' | 'methadone.start', person: PersonRecord, body: Body): Promise<void> {
  const { id, data } = split(body)
  const input = { personId: person.id, ...data }
  refuseByCommand(type, input)
  await submit({ type, entityId: id, personId: person.id, data: input })
}

async function queueChange(
  type: 'determination.conclude' | 'referral.admit' | 'referral.return' | 'methadone.end' | 'management_period.end',
  record: { id: string; personId: string; version: number },
  body: Body,
): Promise<void> {
  const data = { ...body, version: record.version }
  refuseByCommand(type, data)
  await submit({ type, entityId: record.id, personId: record.personId, data })
}

export const requestDetermination = (person: PersonRecord, body: Body) => queueCreate('determination.create', person, body)
export const referToCompulsoryRehab = (person: PersonRecord, body: Body) => queueCreate('referral.create', person, body)
export const startMethadone = (person: PersonRecord, body: Body) => queueCreate('methadone.start', person, body)
export const concludeDetermination = (record: DeterminationRecord, body: Body) => queueChange('determination.conclude', record, body)
export const admitReferral = (record: ReferralRecord, body: Body) => queueChange('referral.admit', record, body)
export const returnFromReferral = (record: ReferralRecord, body: Body) => queueChange('referral.return', record, body)
export const endMethadone = (record: MethadoneRecord, body: Body) => queueChange('methadone.end', record, body)
export const endManagement = (record: ManagementPeriodRecord, body: Body) => queueChange('management_period.end', record, body)
