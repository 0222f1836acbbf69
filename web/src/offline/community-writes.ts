// The activity log's and the community models' writes from the phone (decision 0033), through the outbox like
// every other write: checked with the kernel's rules, queued, shown at once, sent when the connection allows.
// An outbox entry's `personId` orders changes of one record: here the activity's or the model's id.
import { vietnamToday } from '../../../kernel/calendar.ts'
import { activityProblems, type ActivityFields } from '../../../kernel/domain/activity-rules.ts'
import { ApiError } from '../api.ts'
import { submit } from './session.ts'
import type { ActivityRecord, ModelMemberRecord, ModelRecord } from './types.ts'

type Body = Record<string, unknown>
const today = () => vietnamToday(new Date())
const future = (field: string, value: unknown) =>
  typeof value === 'string' && value > today() ? [{ field: `json.${field}`, message: 'must not be in the future' }] : []

/** Refused on the phone as the server would (400 naming the fields); not checks.ts, which the case screens' chunk carries. */
function refuseIf(issues: { field: string; message: string }[]): void {
  if (issues.length > 0) throw new ApiError('validation_failed', 400, `Invalid ${issues[0]!.field}: ${issues[0]!.message}`, { issues })
}

function split(body: Body): { id: string; data: Body } {
  const { id, ...data } = body
  if (typeof id !== 'string') throw new Error('a create needs the id made by its form')
  return { id, data }
}

export async function recordActivity(body: Body): Promise<string> {
  refuseIf(activityProblems(body as unknown as ActivityFields, today()))
  const { id, data } = split(body)
  await submit({ type: 'activity.create', entityId: id, personId: id, data })
  return id
}

export async function updateActivity(activity: ActivityRecord, fields: Body): Promise<void> {
  refuseIf(activityProblems({ ...activity, ...fields } as ActivityFields, today()))
  await submit({ type: 'activity.update', entityId: activity.id, personId: activity.id, data: { ...fields, version: activity.version } })
}

export async function createModel(body: Body): Promise<string> {
  const decision = body.decision as { date?: unknown } | undefined
  refuseIf(future('decision.date', decision?.date))
  const { id, data } = split(body)
  await submit({ type: 'model.create', entityId: id, personId: id, data })
  return id
}

export async function recordSession(model: ModelRecord, body: Body): Promise<void> {
  refuseIf(future('heldOn', body.heldOn))
  const { id, data } = split(body)
  await submit({ type: 'model_session.create', entityId: id, personId: model.id, data: { modelId: model.id, ...data } })
}

export async function addMember(model: ModelRecord, body: Body): Promise<void> {
  refuseIf(future('joinedOn', body.joinedOn))
  const { id, data } = split(body)
  await submit({ type: 'model.member_add', entityId: id, personId: model.id, data: { modelId: model.id, ...data } })
}

export async function removeMember(member: ModelMemberRecord, leftOn: string): Promise<void> {
  refuseIf(future('leftOn', leftOn))
  await submit({ type: 'model.member_remove', entityId: member.id, personId: member.modelId, data: { version: member.version, leftOn } })
}
