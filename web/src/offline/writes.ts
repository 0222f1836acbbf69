// The commune officer's writes, all through the outbox: checked locally with the server's rules, queued, shown at
// once, sent when the connection allows (session.ts submit()). Entity ids are made by the forms, once per form.
import { vietnamToday } from '../../../kernel/calendar.ts'
import {
  completeIssues,
  followUpIssues,
  moveIssues,
  personIssues,
  planIssues,
  refuseIf,
  relapseIssues,
  reviewIssues,
  stageIssues,
  supportIssues,
  transitionIssues,
} from './checks.ts'
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
  refuseIf(transitionIssues(body, vietnamToday(new Date())))
  await submit({ type: 'plan.transition', entityId: plan.id, personId: plan.personId, data: body })
}

/** One stage of a plan: dates, activities, done mark (based on the plan's version). */
export async function updateStage(plan: PlanRecord, body: Body): Promise<void> {
  refuseIf(stageIssues(body, vietnamToday(new Date())))
  await submit({ type: 'plan.stage_update', entityId: plan.id, personId: plan.personId, data: { ...body, version: plan.version } })
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

/** The sending commune records a move (Law 120/2025): the receiving commune is notified once it is sent. */
export async function recordMove(person: PersonRecord, body: Body): Promise<void> {
  refuseIf(moveIssues(body, vietnamToday(new Date()), person.communeCode))
  const { id, data } = split(body)
  await submit({ type: 'handover.create', entityId: id, personId: person.id, data: { personId: person.id, ...data } })
}

/** The receiving commune's answer. A person moving in is not on this phone yet: the change names the hand-over. */
export async function answerHandover(handover: { id: string; version: number; personId: string | null }, answer: { accept: true } | { reason: string }) {
  const personId = handover.personId ?? handover.id
  if ('accept' in answer) await submit({ type: 'handover.accept', entityId: handover.id, personId, data: { version: handover.version } })
  else {
    refuseIf(answer.reason.trim() ? [] : [{ field: 'json.reason', message: 'is required' }])
    await submit({ type: 'handover.decline', entityId: handover.id, personId, data: { version: handover.version, reason: answer.reason.trim() } })
  }
}

/** The commune police chief's order of electronic monitoring; the server checks the context and the law's date. */
export async function startMonitoring(person: PersonRecord, body: Body): Promise<void> {
  const decision = (body.decision ?? {}) as Record<string, unknown>
  refuseIf(
    ['number', 'signer', 'body'].flatMap((key) => (String(decision[key] ?? '').trim() ? [] : [{ field: `json.decision.${key}`, message: 'is required' }])),
  )
  const { id, data } = split(body)
  await submit({ type: 'monitoring.create', entityId: id, personId: person.id, data: { personId: person.id, ...data } })
}
