// The report as a commune or a province files it (sơ kết / tổng kết; DOMAIN.md §7; issue #16 point 5;
// docs/decisions/0034). Every figure is computed from the province's records as they stood at the period's end
// (head-counts) or from the records dated inside the period (flows), with the same period of the previous
// year beside it. A past period's report answers the same figures whenever it is asked.
import type { ActivityTotal } from '../domain/activity-rules.ts'
import type { ModelFigures } from '../domain/model-figures.ts'
import type { PersonCategory, PersonStatus, SupportKind, TraineeGroup } from '../vocabulary.ts'

/** An activity kind's totals (kernel activityTotals), as JSON carries them (a group without trainees is left out). */
export type ReportActivityTotal = Omit<ActivityTotal, 'traineesByGroup'> & { traineesByGroup: { [G in TraineeGroup]?: number | undefined } }

/**
 * One figure of the period and the same figure for the same period one year earlier ("giảm 215 người so với
 * cuối năm 2018": change = value − previousYear, left to the reader).
 */
export interface Figure {
  value: number
  previousYear: number
}

/** A count that may identify someone when small (minors, DOMAIN.md §8): only its band is sent, never the count. */
export interface BandedFigure {
  /** '0', '1–4', '5–9', then tens: '10–19', '20–29', … */
  value: string
  previousYear: string
}

/** Both ways the seeds count: people (distinct persons) and person-times (lượt: records or contacts). */
export interface PeopleAndTimes {
  people: Figure
  times: Figure
}

/** A support given in the period: how many times (lượt), to how many people, and the amount (loans). */
export interface SupportFigure {
  times: Figure
  people: Figure
  amountVnd: Figure
}

/** The periods a report covers: Quý (quarter), 6 tháng (H1), 9 tháng (9M), năm (year), and the second half (H2). */
export type ReportPeriodKind = 'quarter' | 'half' | 'nine_months' | 'year'

export interface ReportPeriodInfo {
  /** As asked: "2026-Q4", "2026-H1", "2026-9M", "2026". */
  label: string
  kind: ReportPeriodKind
  /** Inclusive YYYY-MM-DD; periods always start on the 1st and end on a month's last day. */
  from: string
  to: string
}

export interface CaseFigures {
  /**
   * People on the list at the period's end (every status but closed and transferred), by category and in total.
   * Head-counts are the values as of the period's end, from the status history (docs/decisions/0034).
   */
  underManagement: Record<PersonCategory | 'total', Figure>
  /** Everyone on the list at the period's end per status (closed and transferred included). */
  byStatus: Record<PersonStatus, Figure>
  /**
   * People whose registration date falls in the period and whose registration was recorded in Bình An by the
   * period's end (an imported old list adds none; a registration date unknown adds none).
   */
  newRegistrations: Figure
  /** Voluntary home/community rehab: plans started (start decision), completed (certificate), terminated, transferred. */
  communityRehab: { started: Figure; completed: Figure; terminated: Figure; transferred: Figure; inRehabAtEnd: Figure }
  /**
   * Compulsory rehab: referral dossiers opened in the period (the quota's count), admissions, returns.
   * `target`: the yearly plan's target for referrals (the targets module fills it; null when no plan is entered).
   */
  compulsoryReferrals: { referred: Figure; admitted: Figure; returned: Figure; atFacilityAtEnd: Figure; target: number | null }
  postRehab: {
    /** Under post-rehab management at some time in the period: people, and management records (lượt). */
    managed: PeopleAndTimes
    /** Under management on the period's last day. */
    atEnd: Figure
    started: Figure
    relapses: PeopleAndTimes
    /** People whose rehab ended two years or more before the period's end with no relapse or new case since. */
    drugFreeTwoYears: Figure
    /** Contacts (follow-ups) in the period: lượt, and people contacted. */
    contacts: PeopleAndTimes
  }
  /** Support given in the period, by kind (loans with their amount; job_placement = given jobs). */
  support: Record<SupportKind, SupportFigure>
  /**
   * Employment in the period, from plan reviews and post-rehab contacts: people recorded employed among the people
   * whose employment was recorded; share in percent to one decimal, null when none was recorded.
   */
  employment: { known: Figure; employed: Figure; share: { value: number | null; previousYear: number | null } }
  /** Substitution treatment: started and ended in the period, on treatment at its end. */
  methadone: { started: Figure; ended: Figure; atEnd: Figure }
  /** Management periods of illegal drug users: decided, ended in the period (elapsed or early), active at its end. */
  managementPeriods: { started: Figure; ended: Figure; activeAtEnd: Figure }
  /** Addiction determinations concluded in the period, and those that found dependence. */
  determinations: { concluded: Figure; dependent: Figure }
  /** Plan reviews done in the period (lượt). */
  reviews: Figure
  /** Minors (12 to under 18 on the period's end) on the list at the end, and those in rehab: bands only. */
  minors: { underManagement: BandedFigure; inRehab: BandedFigure }
}

/** A community model kind's figures (kernel modelFigures) with its members' outcomes in the period. */
export type ReportModelFigures = ModelFigures & {
  /** Members (supported at some time in the period) with a relapse dated in the period. */
  relapsed: number
  /** Members recorded employed in the period (reviews, contacts), among the members whose employment was recorded. */
  employed: number
  employmentKnown: number
  employedShare: number | null
}

/** The figures of one commune, or of the whole scope. */
export interface ReportFigures {
  cases: CaseFigures
  /** The activity log (kernel activityTotals): every kind, zeros included. */
  activities: { value: ReportActivityTotal[]; previousYear: ReportActivityTotal[] }
  /** Community models per kind, then every kind together (kind null) last. */
  models: { value: ReportModelFigures[]; previousYear: ReportModelFigures[] }
  /** Reviews overdue today (not a period figure: as of the day the report is asked). */
  reviewsOverdueToday: number
}

export interface Report {
  period: ReportPeriodInfo
  /** The same period one year earlier: what every `previousYear` counts. */
  previousPeriod: ReportPeriodInfo
  total: ReportFigures
  /** Every commune in the scope, by code, even with nothing to report. */
  byCommune: (ReportFigures & { code: string; name: string })[]
}

/**
 * The report as GET …/reports sends it (decision 0043; kernel/domain/report-wire.ts): `total` whole, `zero` the
 * figures of a commune where nothing happened, and each commune with only what differs from `zero` — a count
 * missing is 0, a band missing '0', a share missing null, an activity or model kind missing has every figure 0.
 * `thickReport` gives the `Report` back.
 */
export type ThinReport = Omit<Report, 'byCommune'> & { zero: ReportFigures; byCommune: (ThinFigures & { code: string; name: string })[] }
/** A commune's figures without their zeros: any part may be missing. */
export type ThinFigures = { [key: string]: unknown }

/**
 * The report's main figures by quarter, for its chart (GET …/reports/trend; decision 0035): the quarters ending
 * with the asked period's last, oldest first, each as the quarter's own report counts it (total of the scope).
 */
export interface ReportTrend {
  quarters: { label: string; underManagement: number; rehabStarted: number }[]
}
