// The community models' figures for a period, as a quarterly review reports them ("CLB B93 thường xuyên có 07
// người tham gia/1 buổi"; "20 tổ gồm 228 cán bộ … cảm hóa giáo dục 54 người sau cai"). Pure (decision 0033).
import type { ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../community-records.ts'
import { communityModelKinds, type CommunityModelKind } from '../vocabulary.ts'
import type { Period } from './activity-rules.ts'

export interface ModelFigures {
  /** null: every kind together. */
  kind: CommunityModelKind | null
  /** Models working during the period: founded by its end, not dissolved before its start. */
  models: number
  helpers: number
  sessions: number
  attendance: number
  /** Attendance per session, one decimal; 0 without sessions. */
  averageAttendance: number
  /** Distinct people who were members at some time in the period. */
  peopleSupported: number
  clientsNew: number
  clientsReturning: number
  counselled: number
  allowancesVnd: number
}

type ModelFacts = Pick<ModelRecord, 'id' | 'kind' | 'communeCode' | 'helpers' | 'status' | 'dissolvedOn'> & { decision: { date: string } }
type MemberFacts = Pick<ModelMemberRecord, 'modelId' | 'personId' | 'joinedOn' | 'leftOn'>
type SessionFacts = Pick<ModelSessionRecord, 'modelId' | 'heldOn' | 'attendance' | 'clientsNew' | 'clientsReturning' | 'counselled' | 'allowancesVnd'>

const overlaps = (start: string, end: string | null, period: Period) => start <= period.to && (end === null || end >= period.from)

/** Per kind (every kind, zeros included), then the total (kind null) last. */
export function modelFigures(
  models: readonly ModelFacts[],
  members: readonly MemberFacts[],
  sessions: readonly SessionFacts[],
  period: Period,
  communes: readonly string[] | null = null,
): ModelFigures[] {
  const inScope = communes ? new Set(communes) : null
  const working = new Map(
    models
      .filter((m) => (!inScope || inScope.has(m.communeCode)) && overlaps(m.decision.date, m.status === 'dissolved' ? m.dissolvedOn : null, period))
      .map((m) => [m.id, m]),
  )
  const figure = (kind: CommunityModelKind | null): ModelFigures => {
    const ids = new Set([...working.values()].filter((m) => kind === null || m.kind === kind).map((m) => m.id))
    const held = sessions.filter((s) => ids.has(s.modelId) && s.heldOn >= period.from && s.heldOn <= period.to)
    const sum = (pick: (s: SessionFacts) => number | null) => held.reduce((total, s) => total + (pick(s) ?? 0), 0)
    const attendance = sum((s) => s.attendance)
    const people = new Set(members.filter((m) => ids.has(m.modelId) && overlaps(m.joinedOn, m.leftOn, period)).map((m) => m.personId))
    return {
      kind,
      models: ids.size,
      helpers: [...ids].reduce((total, id) => total + working.get(id)!.helpers.length, 0),
      sessions: held.length,
      attendance,
      averageAttendance: held.length === 0 ? 0 : Math.round((attendance / held.length) * 10) / 10,
      peopleSupported: people.size,
      clientsNew: sum((s) => s.clientsNew),
      clientsReturning: sum((s) => s.clientsReturning),
      counselled: sum((s) => s.counselled),
      allowancesVnd: sum((s) => s.allowancesVnd),
    }
  }
  return [...communityModelKinds.map(figure), figure(null)]
}
