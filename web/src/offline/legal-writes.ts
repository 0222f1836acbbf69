// The commune officer's writes of the law's other paths (docs/decisions/0028), as writes.ts does the others:
// checked with the command's own check, queued, shown at once. Loaded by the legal section with its first save.
import { vietnamToday } from '../../../kernel/calendar.ts'
import { offlineCommands } from '../../../kernel/commands/index.ts'
import type { ErrorCode } from '../../../kernel/contract/errors.ts'
import type { DeterminationRecord, ManagementPeriodRecord, MethadoneRecord, ReferralRecord } from '../../../kernel/records.ts'
import { ApiError } from '../api.ts'
import { submit } from './session.ts'
import type { PersonRecord } from './types.ts'

type Body = Record<string, unknown>

function split(body: Body): { id: string; data: Body } {
  const { id, ...data } = body
  if (typeof id !== 'string') throw new Error('a create needs the id made by its form')
  return { id, data }
}

/** The command's rules on the input alone, as the server runs them: a refusal is shown next to its fields. */
async function refuseByCommand(type: LegalChange, data: Body): Promise<void> {
  const rejection = offlineCommands[type].check?.(data, vietnamToday(new Date()))
  if (rejection) throw new ApiError(rejection.code as ErrorCode, rejection.code === 'validation_failed' ? 400 : 409, rejection.message, rejection.details)
}

type LegalChange =
  | 'determination.create'
  | 'referral.create'
  | 'methadone.start'
  | 'determination.conclude'
  | 'referral.admit'
  | 'referral.return'
  | 'referral.refuse'
  | 'methadone.end'
  | 'management_period.end'

async function queueCreate(type: 'determination.create' | 'referral.create' | 'methadone.start', person: PersonRecord, body: Body): Promise<void> {
  const { id, data } = split(body)
  const input = { personId: person.id, ...data }
  await refuseByCommand(type, input)
  await submit({ type, entityId: id, personId: person.id, data: input })
}

async function queueChange(
  type: 'determination.conclude' | 'referral.admit' | 'referral.return' | 'referral.refuse' | 'methadone.end' | 'management_period.end',
  record: { id: string; personId: string; version: number },
  body: Body,
): Promise<void> {
  const data = { ...body, version: record.version }
  await refuseByCommand(type, data)
  await submit({ type, entityId: record.id, personId: record.personId, data })
}

export const requestDetermination = (person: PersonRecord, body: Body) => queueCreate('determination.create', person, body)
export const referToCompulsoryRehab = (person: PersonRecord, body: Body) => queueCreate('referral.create', person, body)
export const startMethadone = (person: PersonRecord, body: Body) => queueCreate('methadone.start', person, body)
export const concludeDetermination = (record: DeterminationRecord, body: Body) => queueChange('determination.conclude', record, body)
export const admitReferral = (record: ReferralRecord, body: Body) => queueChange('referral.admit', record, body)
export const refuseReferral = (record: ReferralRecord, body: Body) => queueChange('referral.refuse', record, body)
export const returnFromReferral = (record: ReferralRecord, body: Body) => queueChange('referral.return', record, body)
export const endMethadone = (record: MethadoneRecord, body: Body) => queueChange('methadone.end', record, body)
export const endManagement = (record: ManagementPeriodRecord, body: Body) => queueChange('management_period.end', record, body)
