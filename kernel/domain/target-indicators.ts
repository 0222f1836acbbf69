// The indicators a province's yearly plan sets targets for (issue #16 point 4, decision 0036), and how achievement
// is figured from them. Achievement is never typed: the server counts it from the records named in `source`
// (worker/repo/targets.ts), and this module turns counts and targets into "65/56 = 116%" and progress through
// the year. Pure: the server's answer and the screen use the same arithmetic.

export const targetIndicators = [
  'compulsory_referrals',
  'community_rehab_started',
  'community_rehab_completed',
  'jobs_given',
  'loans_given',
  'drug_free_communes',
  'awareness_sessions',
  'awareness_participants',
  'b93_clubs',
  'support_groups_5_1',
] as const
export type TargetIndicator = (typeof targetIndicators)[number]

export interface IndicatorDefinition {
  code: TargetIndicator
  labelVi: string
  labelEn: string
  unitVi: string
  unitEn: string
  /** The records achievement is counted from, as a reviewer checks it. */
  source: string
  /** False: no record counts it yet; its achievement is null ("not yet computed"). */
  computed: boolean
  /** A target only the province as a whole can have (a commune does not convert other communes). */
  provinceOnly: boolean
}

const indicator = (
  code: TargetIndicator,
  labelVi: string,
  labelEn: string,
  [unitVi, unitEn]: [string, string],
  source: string,
  more: Partial<Pick<IndicatorDefinition, 'computed' | 'provinceOnly'>> = {},
): IndicatorDefinition => ({ code, labelVi, labelEn, unitVi, unitEn, source, computed: more.computed ?? true, provinceOnly: more.provinceOnly ?? false })

const PEOPLE: [string, string] = ['người', 'people']

/** One table: the order is the order of the plan's table and of the report's section. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  indicator(
    'compulsory_referrals',
    'Đưa người nghiện đi cai nghiện bắt buộc',
    'Referrals to compulsory rehab',
    PEOPLE,
    'Compulsory-rehab referrals whose court decision is dated in the year',
  ),
  indicator(
    'community_rehab_started',
    'Cai nghiện tự nguyện tại gia đình, cộng đồng',
    'People starting voluntary community rehab',
    PEOPLE,
    'People with a rehab plan started (not a draft) with its start day in the year',
  ),
  indicator(
    'community_rehab_completed',
    'Hoàn thành cai nghiện tại gia đình, cộng đồng',
    'People completing community rehab',
    PEOPLE,
    'People with a rehab plan completed with its completion certificate dated in the year',
  ),
  indicator(
    'jobs_given',
    'Người sau cai được hỗ trợ việc làm',
    'People after rehab given jobs',
    PEOPLE,
    'People with a job-placement support record given in the year',
  ),
  indicator(
    'loans_given',
    'Lượt vay vốn ưu đãi',
    'Preferential loans',
    ['lượt', 'loans'],
    'Preferential-loan support records given in the year (person-times)',
  ),
  indicator(
    'drug_free_communes',
    'Xã chuyển hóa thành xã không ma túy',
    'Communes converted to drug-free',
    ['xã', 'communes'],
    'Communes newly recognised drug-free in the year (a status period opened by a recognition, decision 0037)',
    { provinceOnly: true },
  ),
  indicator(
    'awareness_sessions',
    'Buổi tuyên truyền',
    'Awareness sessions',
    ['buổi', 'sessions'],
    'Sessions on activity-log lines of kind awareness_session held in the year',
  ),
  indicator(
    'awareness_participants',
    'Lượt người tham dự tuyên truyền',
    'Awareness session participants',
    ['lượt người', 'participants'],
    'Participants on activity-log lines of kind awareness_session held in the year',
  ),
  indicator(
    'b93_clubs',
    'Câu lạc bộ B93 hoạt động',
    'B93 clubs active',
    ['câu lạc bộ', 'clubs'],
    'B93 clubs founded by the day counted and not dissolved by then',
  ),
  indicator(
    'support_groups_5_1',
    'Tổ, nhóm mô hình 5+1 hoạt động',
    '5+1 groups active',
    ['nhóm', 'groups'],
    '5+1 groups founded by the day counted and not dissolved by then',
  ),
]

export const indicatorOf = (code: TargetIndicator): IndicatorDefinition => INDICATORS.find((i) => i.code === code) as IndicatorDefinition

export interface YearProgress {
  year: number
  /** The last day counted: the year's end for a past year, today in the current year; null before the year starts. */
  asOf: string | null
  /** The share of the year's days elapsed through `asOf` (0 to 1): what a target "should" be at by now. */
  elapsedShare: number
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000

/** How far through `year` a count made on `today` (YYYY-MM-DD, Vietnam) reaches. */
export function yearProgress(year: number, today: string): YearProgress {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  if (today < first) return { year, asOf: null, elapsedShare: 0 }
  const asOf = today > last ? last : today
  const days = dayNumber(last) - dayNumber(first) + 1
  return { year, asOf, elapsedShare: Math.round(((dayNumber(asOf) - dayNumber(first) + 1) / days) * 1000) / 1000 }
}

export interface Achievement {
  target: number | null
  /** Counted from records; null where the indicator is not computed yet. */
  achieved: number | null
  /** achieved / target in whole per cent, rounded down ("65/56 = 116%"); null without both, or with a target of 0. */
  percent: number | null
  /** The share of the target the elapsed part of the year calls for (rounded up); null without a target. */
  expectedByNow: number | null
}

/**
 * One cell of the plan's table. Rounded down so that 99.6% never reads as a target met; the expected count is
 * rounded up for the same reason.
 */
export function achievementOf(target: number | null, achieved: number | null, progress: Pick<YearProgress, 'elapsedShare'>): Achievement {
  const percent = target !== null && target > 0 && achieved !== null ? Math.floor((achieved * 100) / target) : null
  const expectedByNow = target === null ? null : Math.ceil(target * progress.elapsedShare)
  return { target, achieved, percent, expectedByNow }
}

/** "65/56 = 116%", the way the reviews write it; "65" without a target, "—" when not computed. */
export function achievementText(a: Pick<Achievement, 'target' | 'achieved' | 'percent'>): string {
  if (a.achieved === null) return a.target === null ? '—' : `—/${a.target}`
  if (a.target === null) return String(a.achieved)
  return a.percent === null ? `${a.achieved}/${a.target}` : `${a.achieved}/${a.target} = ${a.percent}%`
}
