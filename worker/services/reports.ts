import type { TenantDb } from '../../db/types.ts'
import type {
  BandedFigure,
  CaseFigures,
  Figure,
  PeopleAndTimes,
  Report,
  ReportFigures,
  ReportModelFigures,
  SupportFigure,
} from '../../kernel/contract/reports.ts'
import { activityTotals } from '../../kernel/domain/activity-rules.ts'
import { modelFigures } from '../../kernel/domain/model-figures.ts'
import { previousYearOf, type ReportPeriod } from '../../kernel/domain/report-period.ts'
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { personCategories, personStatuses, supportKinds, type PersonStatus } from '../../kernel/vocabulary.ts'
import { modelsForFiguresOf } from '../repo/community.ts'
import { packedFigures, reportReads, type FigureRow, type PackedFigure } from '../repo/report-figures.ts'
import { overdueByCommuneOf, overdueCutoff, overdueReviewsQuery } from '../repo/reviews.ts'
import { parseReviewPolicy } from '../repo/settings.ts'
import { targetPlanOf } from '../repo/targets.ts'

/**
 * The report a commune or the province files (DOMAIN.md §7; decisions 0034, 0043), per commune and in total, each
 * figure beside the same period of the previous year. The case figures are the aggregates the triggers keep
 * (worker/repo/report-figures.ts: never a person loaded); the activity log and the models are the kernel's own
 * totals over the period's lines. Every read is one batch. `scope` null = the whole province. `policy`: the
 * review policy when the caller has it; by default the stored one, read in the same batch.
 */
export async function buildReport(
  db: TenantDb,
  period: ReportPeriod,
  scope: readonly string[] | null,
  today: string,
  policy?: ReviewPolicy | PromiseLike<ReviewPolicy>,
): Promise<Report> {
  const previous = previousYearOf(period)
  // The overdue count needs the policy's cutoff: the default's is sent with the batch (most provinces keep it),
  // and counted again only when the stored policy gives another day.
  const guess = overdueCutoff(today, DEFAULT_REVIEW_POLICY)
  const [reads, given] = await Promise.all([reportReads(db, { period, previous, scope, overdueCutoff: guess }), policy])
  const [
    cases,
    casesBefore,
    outcomes,
    outcomesBefore,
    activities,
    activitiesBefore,
    models,
    members,
    sessions,
    sessionsBefore,
    communes,
    plans,
    targets,
    policyRows,
    overdueRows,
  ] = reads
  const cutoff = overdueCutoff(today, given ?? parseReviewPolicy(policyRows[0]?.value).reviewPolicy)
  const overdue = overdueByCommuneOf(cutoff === guess ? overdueRows : await overdueReviewsQuery(db, scope, cutoff))
  const community = { activities, ...modelsForFiguresOf(models, members, sessions) }
  const communityBefore = { activities: activitiesBefore, ...modelsForFiguresOf(models, members, sessionsBefore) }
  // Each commune's own lines, grouped once: a province's 170 communes do not each read every line of the province.
  const [mine, mineBefore] = [perCommune(community), perCommune(communityBefore)]
  const plan = targetPlanOf(plans, targets)
  const referralTarget = (code: string | null) =>
    plan?.targets.find((t) => t.indicator === 'compulsory_referrals' && (t.communeCode ?? null) === code)?.value ?? null
  const now = byCommuneOf(packedFigures(cases), packedFigures(outcomes))
  const before = byCommuneOf(packedFigures(casesBefore), packedFigures(outcomesBefore))
  const figuresOf = (code: string | null): ReportFigures => {
    const [cur, prev] = code === null ? [sumOf(now), sumOf(before)] : [now.get(code) ?? EMPTY, before.get(code) ?? EMPTY]
    const only = code === null ? null : [code]
    return {
      cases: caseFigures(cur, prev, referralTarget(code)),
      activities: {
        value: activityTotals(only ? mine.activities(only[0]!) : community.activities, period, only),
        previousYear: activityTotals(only ? mineBefore.activities(only[0]!) : communityBefore.activities, previous, only),
      },
      models: {
        value: withOutcomes(modelFiguresIn(only ? mine.models(only[0]!) : community, period, only), cur),
        previousYear: withOutcomes(modelFiguresIn(only ? mineBefore.models(only[0]!) : communityBefore, previous, only), prev),
      },
      reviewsOverdueToday: code === null ? Object.values(overdue).reduce((a, b) => a + b, 0) : (overdue[code] ?? 0),
    }
  }
  return {
    period: { label: period.label, kind: period.kind, from: period.from, to: period.to },
    previousPeriod: { label: previous.label, kind: previous.kind, from: previous.from, to: previous.to },
    total: figuresOf(null),
    byCommune: [...communes].sort((a, b) => a.code.localeCompare(b.code)).map((c) => ({ code: c.code, name: c.name, ...figuresOf(c.code) })),
  }
}

/**
 * The figures of a commune where nothing happened in the period or the year before: what each commune is sent
 * against (kernel/domain/report-wire.ts) — every kind of activity and model at 0, shares null, no target.
 */
export function zeroFigures(period: ReportPeriod): ReportFigures {
  const previous = previousYearOf(period)
  return {
    cases: caseFigures(EMPTY, EMPTY),
    activities: { value: activityTotals([], period, null), previousYear: activityTotals([], previous, null) },
    models: {
      value: withOutcomes(modelFigures([], [], [], period), EMPTY),
      previousYear: withOutcomes(modelFigures([], [], [], previous), EMPTY),
    },
    reviewsOverdueToday: 0,
  }
}

type Numbers = ReadonlyMap<string, number>
export const EMPTY: Numbers = new Map()

export function byCommune(rows: readonly FigureRow[]): Map<string, Map<string, number>> {
  return byCommuneOf(rows.map(({ c, k, n }) => [c, k, n] as const))
}

/** Each commune's numbers by key, summed over every list of rows given. */
function byCommuneOf(...lists: readonly (readonly PackedFigure[])[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>()
  for (const rows of lists) {
    for (const [c, k, n] of rows) {
      const figures = out.get(c) ?? out.set(c, new Map<string, number>()).get(c)!
      figures.set(k, (figures.get(k) ?? 0) + Number(n))
    }
  }
  return out
}

/**
 * The scope's total: every commune's numbers added up. A person counted in two communes in the period (they
 * moved) counts in both: the total of "people" figures is the communes' sum, as the communes file them.
 */
export function sumOf(communes: ReadonlyMap<string, Numbers>): Numbers {
  const total = new Map<string, number>()
  for (const figures of communes.values()) for (const [k, n] of figures) total.set(k, (total.get(k) ?? 0) + n)
  return total
}

/** Still on the list: every status but the two that end it. */
const ON_THE_LIST: readonly PersonStatus[] = personStatuses.filter((s) => s !== 'closed' && s !== 'transferred')

// The head-count keys, named once: the figures are built for every commune of a province, twice.
const statusKeys = (categories: readonly string[], statuses: readonly string[]) => categories.flatMap((c) => statuses.map((s) => `s:${c}:${s}`))
const ON_LIST_KEYS = {
  drug_user: statusKeys(['drug_user'], ON_THE_LIST),
  dependent: statusKeys(['dependent'], ON_THE_LIST),
  post_rehab: statusKeys(['post_rehab'], ON_THE_LIST),
  total: statusKeys(personCategories, ON_THE_LIST),
}
const STATUS_KEYS = personStatuses.map((s) => [s, statusKeys(personCategories, [s])] as const)
const IN_REHAB_KEYS = statusKeys(personCategories, ['in_rehab'])
const SUPPORT_KEYS = supportKinds.map((kind) => [kind, `sup:${kind}:times`, `sup:${kind}:people`, `sup:${kind}:amount`] as const)

/** `referralTarget`: the yearly plan's compulsory referrals for the place (decision 0036), null without one. */
export function caseFigures(cur: Numbers, prev: Numbers, referralTarget: number | null = null): CaseFigures {
  const sum = (n: Numbers, ks: readonly string[]) => {
    let total = 0
    for (const k of ks) total += n.get(k) ?? 0
    return total
  }
  const key = (k: string): Figure => ({ value: cur.get(k) ?? 0, previousYear: prev.get(k) ?? 0 })
  const keys = (ks: readonly string[]): Figure => ({ value: sum(cur, ks), previousYear: sum(prev, ks) })
  const both = (prefix: string): PeopleAndTimes => ({ people: key(`${prefix}.people`), times: key(`${prefix}.times`) })
  const band = (k: string): BandedFigure => ({ value: bandOf(cur.get(k) ?? 0), previousYear: bandOf(prev.get(k) ?? 0) })
  const share = (n: Numbers) => {
    const known = n.get('emp.known') ?? 0
    return known > 0 ? Math.round(((n.get('emp.employed') ?? 0) / known) * 1000) / 10 : null
  }
  return {
    underManagement: {
      drug_user: keys(ON_LIST_KEYS.drug_user),
      dependent: keys(ON_LIST_KEYS.dependent),
      post_rehab: keys(ON_LIST_KEYS.post_rehab),
      total: keys(ON_LIST_KEYS.total),
    },
    byStatus: Object.fromEntries(STATUS_KEYS.map(([s, ks]) => [s, keys(ks)])) as Record<PersonStatus, Figure>,
    newRegistrations: key('new'),
    communityRehab: {
      started: key('rehab.started'),
      completed: key('rehab.completed'),
      terminated: key('rehab.terminated'),
      transferred: key('rehab.transferred'),
      inRehabAtEnd: keys(IN_REHAB_KEYS),
    },
    compulsoryReferrals: {
      referred: key('ref.referred'),
      admitted: key('ref.admitted'),
      returned: key('ref.returned'),
      atFacilityAtEnd: key('ref.atEnd'),
      target: referralTarget,
    },
    postRehab: {
      managed: both('pr.managed'),
      atEnd: key('pr.atEnd'),
      started: key('pr.started'),
      relapses: both('pr.relapses'),
      drugFreeTwoYears: key('pr.drugFree2y'),
      contacts: both('pr.contacts'),
    },
    support: Object.fromEntries(
      SUPPORT_KEYS.map(([kind, times, people, amount]): [string, SupportFigure] => [kind, { times: key(times), people: key(people), amountVnd: key(amount) }]),
    ) as CaseFigures['support'],
    employment: { known: key('emp.known'), employed: key('emp.employed'), share: { value: share(cur), previousYear: share(prev) } },
    methadone: { started: key('mt.started'), ended: key('mt.ended'), atEnd: key('mt.atEnd') },
    managementPeriods: { started: key('mp.started'), ended: key('mp.ended'), activeAtEnd: key('mp.atEnd') },
    determinations: { concluded: key('det.concluded'), dependent: key('det.dependent') },
    reviews: key('reviews'),
    minors: { underManagement: band('minors.under'), inRehab: band('minors.inRehab') },
  }
}

/**
 * A minors' count as a band (DOMAIN.md §8: never a small exact count): 0, 1–4, 5–9, then tens. The bands of the
 * communes do not add up to the total's band, and no difference of two reveals one person.
 */
export function bandOf(n: number): string {
  if (n <= 0) return '0'
  if (n < 5) return '1–4'
  if (n < 10) return '5–9'
  const low = Math.floor(n / 10) * 10
  return `${low}–${low + 9}`
}

type Community = ReturnType<typeof modelsForFiguresOf>
type Activities = Parameters<typeof activityTotals>[0]

/** A commune's activity lines, and its models with their members and sessions, each list split by commune once. */
function perCommune(all: Community & { activities: Activities }) {
  const group = <T>(rows: readonly T[], code: (row: T) => string | undefined) => {
    const out = new Map<string, T[]>()
    for (const row of rows) {
      const c = code(row)
      if (c === undefined) continue
      const list = out.get(c)
      if (list) list.push(row)
      else out.set(c, [row])
    }
    return out
  }
  const communeOf = new Map(all.models.map((m) => [m.id, m.communeCode]))
  const activities = group(all.activities, (a) => a.communeCode)
  const models = group(all.models, (m) => m.communeCode)
  const members = group(all.members, (m) => communeOf.get(m.modelId))
  const sessions = group(all.sessions, (s) => communeOf.get(s.modelId))
  return {
    activities: (code: string): Activities => activities.get(code) ?? [],
    models: (code: string): Community => ({ models: models.get(code) ?? [], members: members.get(code) ?? [], sessions: sessions.get(code) ?? [] }),
  }
}

/** The kernel's model figures for one commune (or all, `only` null): its models, their members and sessions. */
function modelFiguresIn(community: Community, period: ReportPeriod, only: readonly string[] | null) {
  if (only === null) return modelFigures(community.models, community.members, community.sessions, period)
  const models = community.models.filter((m) => only.includes(m.communeCode))
  const ids = new Set(models.map((m) => m.id))
  return modelFigures(
    models,
    community.members.filter((m) => ids.has(m.modelId)),
    community.sessions.filter((s) => ids.has(s.modelId)),
    period,
  )
}

function withOutcomes(figures: ReturnType<typeof modelFigures>, n: Numbers): ReportModelFigures[] {
  return figures.map((f) => {
    const kind = f.kind ?? '*'
    const known = n.get(`mo:${kind}:known`) ?? 0
    const employed = n.get(`mo:${kind}:employed`) ?? 0
    return {
      ...f,
      relapsed: n.get(`mo:${kind}:relapsed`) ?? 0,
      employed,
      employmentKnown: known,
      employedShare: known > 0 ? Math.round((employed / known) * 1000) / 10 : null,
    }
  })
}
