// What an activity-log line counts, by kind, and the period totals a report uses (decision 0033). Pure: the
// server's command and the phone's form check the same rules, and the totals are computed the same everywhere.
import type { ActivityRecord } from '../community-records.ts'
import type { FieldIssue } from '../issues.ts'
import { activityKinds, type ActivityKind, type TraineeGroup } from '../vocabulary.ts'

type Use = 'required' | 'optional' | 'none'
interface KindRule {
  /** What `count` counts, as the reviews word it. */
  counts: 'sessions' | 'broadcasts' | 'articles' | 'leaflets' | 'classes' | 'screenings' | 'events' | 'tips' | 'gifts' | 'people'
  participants: Use
  traineeGroup: Use
  casesOpened: Use
  valueVnd: Use
  /** A topic line; never on tips, so that nothing invites writing down who gave one. */
  topic: Use
}

export const ACTIVITY_RULES: Readonly<Record<ActivityKind, KindRule>> = {
  awareness_session: { counts: 'sessions', participants: 'required', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  broadcast: { counts: 'broadcasts', participants: 'none', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  article: { counts: 'articles', participants: 'none', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  leaflet: { counts: 'leaflets', participants: 'none', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  school_session: { counts: 'sessions', participants: 'required', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  training: { counts: 'classes', participants: 'required', traineeGroup: 'required', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  film_screening: { counts: 'screenings', participants: 'optional', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  sports_culture: { counts: 'events', participants: 'optional', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
  public_tips: { counts: 'tips', participants: 'none', traineeGroup: 'none', casesOpened: 'required', valueVnd: 'none', topic: 'none' },
  gifts: { counts: 'gifts', participants: 'none', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'optional', topic: 'optional' },
  outreach: { counts: 'people', participants: 'none', traineeGroup: 'none', casesOpened: 'none', valueVnd: 'none', topic: 'optional' },
}

export interface ActivityFields {
  kind: ActivityKind
  heldOn: string
  count: number
  topic?: string | null | undefined
  participants?: number | null | undefined
  traineeGroup?: TraineeGroup | null | undefined
  casesOpened?: number | null | undefined
  valueVnd?: number | null | undefined
}

const OPTIONAL_FIELDS = ['participants', 'traineeGroup', 'casesOpened', 'valueVnd', 'topic'] as const

/** The rules of one line of the log beyond each field's own shape: which counts its kind takes, and today. */
export function activityProblems(a: ActivityFields, today: string): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (a.heldOn > today) issues.push({ field: 'json.heldOn', message: 'must not be in the future' })
  const rule = ACTIVITY_RULES[a.kind]
  for (const field of OPTIONAL_FIELDS) {
    const value = a[field]
    const given = value !== undefined && value !== null && value !== ''
    if (rule[field] === 'required' && !given) issues.push({ field: `json.${field}`, message: `is required for ${a.kind}` })
    if (rule[field] === 'none' && given) issues.push({ field: `json.${field}`, message: `must be left out for ${a.kind}` })
  }
  if (typeof a.casesOpened === 'number' && a.casesOpened > a.count)
    issues.push({ field: 'json.casesOpened', message: 'must not exceed the tips received (count)' })
  return issues
}

export interface Period {
  /** Inclusive YYYY-MM-DD. */
  from: string
  to: string
}

export interface ActivityTotal {
  kind: ActivityKind
  /** Lines of the log. */
  entries: number
  count: number
  participants: number
  casesOpened: number
  valueVnd: number
  /** Trainings only: trainees by group. */
  traineesByGroup: Partial<Record<TraineeGroup, number>>
}

/**
 * The log's totals per kind for a period and a set of communes (null: every commune given): every kind appears,
 * zeros included, so a report's line never goes missing.
 */
export function activityTotals(
  activities: readonly Pick<ActivityRecord, 'kind' | 'heldOn' | 'communeCode' | 'count' | 'participants' | 'traineeGroup' | 'casesOpened' | 'valueVnd'>[],
  period: Period,
  communes: readonly string[] | null = null,
): ActivityTotal[] {
  const totals = new Map<ActivityKind, ActivityTotal>(
    activityKinds.map((kind) => [kind, { kind, entries: 0, count: 0, participants: 0, casesOpened: 0, valueVnd: 0, traineesByGroup: {} }]),
  )
  const inScope = communes ? new Set(communes) : null
  for (const a of activities) {
    if (a.heldOn < period.from || a.heldOn > period.to || (inScope && !inScope.has(a.communeCode))) continue
    const total = totals.get(a.kind)!
    total.entries += 1
    total.count += a.count
    total.participants += a.participants ?? 0
    total.casesOpened += a.casesOpened ?? 0
    total.valueVnd += a.valueVnd ?? 0
    if (a.kind === 'training' && a.traineeGroup) total.traineesByGroup[a.traineeGroup] = (total.traineesByGroup[a.traineeGroup] ?? 0) + (a.participants ?? 0)
  }
  return [...totals.values()]
}
