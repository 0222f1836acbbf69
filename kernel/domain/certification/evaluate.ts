// A commune's figures against a criteria set (decision 0037): what each criterion reads, whether it holds, and
// why not; the key-complex type and whether the commune meets every drug-free criterion. Pure: the checklist
// on the phone, the snapshot at submission and the province's list all call these.
import type { Comparator, CriteriaSetContent, Criterion, CriterionGroup, PoliceMetric } from './criteria.ts'

/** A figure the police hold, typed in with the document it comes from ("Báo cáo 15/BC-CAX ngày 02/12/2026"). */
export interface SourcedFigure {
  value: number
  source: string
}

/** What the criteria read, for one commune and year. */
export interface AssessmentFigures {
  /** People under management as users or dependent in the commune (case data). */
  managedPeople: number
  /** The commune's residents as the province entered them for the year. */
  population: { count: number; source: string } | null
  police: Partial<Record<PoliceMetric, SourcedFigure>>
  drugRoute: { value: boolean; source: string } | null
}

/** The commune's answer to a yes/no or document criterion, with its evidence (attachment ids of the evidence module). */
export interface CriterionAnswer {
  value?: boolean | null | undefined
  /** The document's number and date as printed, for a document criterion. */
  documentRef?: string | null | undefined
  note?: string | null | undefined
  /** Attachments (owner kind `assessment`, this assessment's id) that prove this criterion: decision 0037, evidence. */
  attachmentIds?: string[] | undefined
}

export type Answers = Record<string, CriterionAnswer>

/** Why a criterion's figure is unknown, or why a drug-free criterion fails. */
export type ResultReason = 'ok' | 'above_threshold' | 'missing_figure' | 'missing_population' | 'missing_answer' | 'answered_no' | 'missing_document'

export interface CriterionResult {
  code: string
  group: CriterionGroup
  /** The figure as compared: a count, a percent of residents (3 decimals), 1/0 for yes/no; null when unknown. */
  value: number | null
  /** The condition the criterion states is true; null when a figure is missing. */
  holds: boolean | null
  reason: ResultReason
  /** The evidence the criterion asks for is not attached yet (not blocking until the evidence module is wired). */
  evidenceMissing: boolean
}

export type CommuneType = 'type_1' | 'type_2' | 'type_3' | 'none'

export interface Evaluation {
  results: CriterionResult[]
  type: CommuneType
  /** Drug-free criteria that do not hold (or are unknown): what stands between the commune and recognition. */
  blocking: string[]
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case 'eq':
      return value === threshold
    case 'gte':
      return value >= threshold
    case 'lte':
      return value <= threshold
    case 'gt':
      return value > threshold
    case 'lt':
      return value < threshold
  }
}

function rawFigure(criterion: Criterion, figures: AssessmentFigures, answer: CriterionAnswer | undefined): number | ResultReason {
  switch (criterion.metric) {
    case 'managed_people':
      return figures.managedPeople
    case 'drug_route':
      return figures.drugRoute ? (figures.drugRoute.value ? 1 : 0) : 'missing_figure'
    case 'answer':
      if (criterion.kind === 'document') return answer?.documentRef || (answer?.attachmentIds?.length ?? 0) > 0 ? 1 : 'missing_document'
      return answer?.value === true ? 1 : answer?.value === false ? 0 : 'missing_answer'
    default:
      return figures.police[criterion.metric]?.value ?? 'missing_figure'
  }
}

export function evaluateCriterion(criterion: Criterion, figures: AssessmentFigures, answer: CriterionAnswer | undefined): CriterionResult {
  const evidenceMissing = criterion.evidenceRequired.length > 0 && (answer?.attachmentIds?.length ?? 0) === 0
  const base = { code: criterion.code, group: criterion.group, evidenceMissing }
  let value = rawFigure(criterion, figures, answer)
  if (typeof value === 'string') return { ...base, value: null, holds: criterion.metric === 'answer' ? false : null, reason: value }
  if (criterion.kind === 'ratio_threshold') {
    const residents = figures.population?.count
    if (!residents) return { ...base, value: null, holds: null, reason: 'missing_population' }
    value = Math.round((value / residents) * 100_000) / 1000
  }
  const holds = compare(value, criterion.comparator, criterion.threshold)
  const failing = criterion.metric === 'answer' ? 'answered_no' : 'above_threshold'
  return { ...base, value, holds, reason: holds || criterion.group !== 'drug_free' ? 'ok' : failing }
}

/** Every criterion of the set, the type (the highest band whose minimum holds) and the blocking drug-free criteria. */
export function evaluate(set: CriteriaSetContent, figures: AssessmentFigures, answers: Answers): Evaluation {
  const results = set.criteria.map((criterion) => evaluateCriterion(criterion, figures, answers[criterion.code]))
  const met = (group: CriterionGroup) => results.filter((r) => r.group === group && r.holds === true).length
  const type: CommuneType =
    met('key_complex_1') >= set.minimumMet.key_complex_1
      ? 'type_1'
      : met('key_complex_2') >= set.minimumMet.key_complex_2
        ? 'type_2'
        : met('key_complex_3') >= set.minimumMet.key_complex_3
          ? 'type_3'
          : 'none'
  const blocking = results.filter((r) => r.group === 'drug_free' && r.holds !== true).map((r) => r.code)
  return { results, type, blocking }
}
