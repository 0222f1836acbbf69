// The criteria a commune is assessed by (DOMAIN.md §6, decision 0037), as data a province confirms. Decision
// 28/2025/QĐ-TTg gives the key-complex type I criteria (DOMAIN.md); the type II and III bands and the drug-free
// criteria were not retrieved from a primary text, so they ship as placeholders (`placeholder: true`) that a
// province must read, edit if needed, and confirm before its first assessment of the year.

/** What a criterion tests: a figure that must be zero, a count or a share of residents against a threshold, a yes/no, a document. */
export const criterionKinds = ['zero_count', 'count_threshold', 'ratio_threshold', 'boolean', 'document'] as const
export type CriterionKind = (typeof criterionKinds)[number]

/**
 * The figures a criterion reads. `managed_people` comes from case data (people under management as users or
 * dependent in the commune); `population` from the province's entry; the police's figures are typed in with
 * their source document; `answer` is the commune's own yes/no or document.
 */
export const criterionMetrics = ['managed_people', 'drug_venues', 'offenders_arrested', 'drug_plants', 'plant_area_m2', 'drug_route', 'answer'] as const
export type CriterionMetric = (typeof criterionMetrics)[number]
/** The figures only the police hold, typed into the assessment with their source. */
export const policeMetrics = ['drug_venues', 'offenders_arrested', 'drug_plants', 'plant_area_m2'] as const
export type PoliceMetric = (typeof policeMetrics)[number]

export const comparators = ['eq', 'gte', 'lte', 'gt', 'lt'] as const
export type Comparator = (typeof comparators)[number]

/** The groups of a set: three key-complex bands (a commune is of the highest type whose minimum it meets) and drug-free. */
export const criterionGroups = ['key_complex_1', 'key_complex_2', 'key_complex_3', 'drug_free'] as const
export type CriterionGroup = (typeof criterionGroups)[number]

/** Kinds of evidence a criterion asks for; the attachments themselves are the evidence module's (decision 0037). */
export const evidenceTypes = ['police_report', 'statistics', 'commune_decision', 'meeting_minutes', 'photo', 'other_document'] as const
export type EvidenceType = (typeof evidenceTypes)[number]

export interface Criterion {
  /** Stable within a set's versions ("KC1.1", "DF.2"); comments, answers and results name it. */
  code: string
  group: CriterionGroup
  textVi: string
  textEn: string
  kind: CriterionKind
  metric: CriterionMetric
  comparator: Comparator
  /** A count, a percent of residents (ratio_threshold), or 1 for yes (boolean, document). */
  threshold: number
  /** Evidence the dossier must carry for this criterion; empty: none. */
  evidenceRequired: EvidenceType[]
  /** Text not checked against a primary source: the province must read it before confirming (DOMAIN.md TBC). */
  placeholder: boolean
}

export interface CriteriaSettings {
  /** How many of a key-complex band's criteria make the type (Decision 28/2025: ≥3 for type I; II and III TBC). */
  minimumMet: Record<Exclude<CriterionGroup, 'drug_free'>, number>
  /** The year's target: this share of the province's communes recognised drug-free (many provinces set 20% for 2025). */
  targetSharePercent: number
  /** Who reviews and decides since Decree 184/2025 (provincial police or steering committee): a label the screens show. */
  reviewerLabel: string
}

export interface CriteriaSetContent extends CriteriaSettings {
  name: string
  legalBasis: string
  criteria: Criterion[]
}

const c = (
  code: string,
  group: CriterionGroup,
  kind: CriterionKind,
  metric: CriterionMetric,
  comparator: Comparator,
  threshold: number,
  textVi: string,
  textEn: string,
  evidenceRequired: EvidenceType[],
  placeholder: boolean,
): Criterion => ({ code, group, kind, metric, comparator, threshold, textVi, textEn, evidenceRequired, placeholder })

/** Key-complex type I (DOMAIN.md §6, Decision 28/2025): any three make the commune type I. */
const TYPE_1: Criterion[] = [
  c(
    'KC1.1',
    'key_complex_1',
    'ratio_threshold',
    'managed_people',
    'gte',
    0.5,
    'Người nghiện và người sử dụng trái phép chất ma túy đang quản lý từ 0,5% dân số trở lên',
    'Managed drug-dependent people and users at or above 0.5% of residents',
    ['statistics'],
    false,
  ),
  c(
    'KC1.2',
    'key_complex_1',
    'count_threshold',
    'drug_venues',
    'gte',
    2,
    'Có từ 02 tụ điểm, điểm sử dụng trái phép chất ma túy trở lên',
    'Two or more drug-use venues',
    ['police_report'],
    false,
  ),
  c(
    'KC1.3',
    'key_complex_1',
    'ratio_threshold',
    'offenders_arrested',
    'gte',
    0.1,
    'Số đối tượng phạm tội về ma túy bị bắt từ 0,1% dân số trở lên',
    'Drug offenders arrested at or above 0.1% of residents',
    ['police_report'],
    false,
  ),
  c(
    'KC1.4',
    'key_complex_1',
    'count_threshold',
    'drug_plants',
    'gte',
    3000,
    'Phát hiện từ 3.000 cây có chứa chất ma túy trở lên (hoặc từ 750 m²)',
    '3,000 or more drug plants found (or 750 m² or more)',
    ['police_report'],
    false,
  ),
  c(
    'KC1.5',
    'key_complex_1',
    'boolean',
    'drug_route',
    'eq',
    1,
    'Nằm trên tuyến, địa bàn trọng điểm về ma túy',
    'Lies on a key drug route',
    ['police_report'],
    false,
  ),
]

/** Type II and III: lower bands of the same figures. The bands are not confirmed (DOMAIN.md: TBC). */
const TYPE_2: Criterion[] = [
  c(
    'KC2.1',
    'key_complex_2',
    'ratio_threshold',
    'managed_people',
    'gte',
    0.3,
    'Người nghiện và người sử dụng đang quản lý từ 0,3% dân số trở lên (mức tạm, chưa xác nhận)',
    'Managed people at or above 0.3% of residents (placeholder band)',
    ['statistics'],
    true,
  ),
  c(
    'KC2.2',
    'key_complex_2',
    'count_threshold',
    'drug_venues',
    'gte',
    1,
    'Có tụ điểm, điểm sử dụng trái phép chất ma túy (mức tạm, chưa xác nhận)',
    'A drug-use venue (placeholder band)',
    ['police_report'],
    true,
  ),
  c(
    'KC2.3',
    'key_complex_2',
    'ratio_threshold',
    'offenders_arrested',
    'gte',
    0.05,
    'Đối tượng phạm tội về ma túy bị bắt từ 0,05% dân số trở lên (mức tạm, chưa xác nhận)',
    'Offenders arrested at or above 0.05% of residents (placeholder band)',
    ['police_report'],
    true,
  ),
  c(
    'KC2.4',
    'key_complex_2',
    'count_threshold',
    'drug_plants',
    'gte',
    1000,
    'Phát hiện từ 1.000 cây có chứa chất ma túy trở lên (mức tạm, chưa xác nhận)',
    '1,000 or more drug plants found (placeholder band)',
    ['police_report'],
    true,
  ),
]
const TYPE_3: Criterion[] = [
  c(
    'KC3.1',
    'key_complex_3',
    'ratio_threshold',
    'managed_people',
    'gte',
    0.1,
    'Người nghiện và người sử dụng đang quản lý từ 0,1% dân số trở lên (mức tạm, chưa xác nhận)',
    'Managed people at or above 0.1% of residents (placeholder band)',
    ['statistics'],
    true,
  ),
  c(
    'KC3.2',
    'key_complex_3',
    'count_threshold',
    'offenders_arrested',
    'gte',
    1,
    'Có đối tượng phạm tội về ma túy bị bắt (mức tạm, chưa xác nhận)',
    'An offender arrested (placeholder band)',
    ['police_report'],
    true,
  ),
  c(
    'KC3.3',
    'key_complex_3',
    'count_threshold',
    'drug_plants',
    'gte',
    1,
    'Phát hiện cây có chứa chất ma túy (mức tạm, chưa xác nhận)',
    'Drug plants found (placeholder band)',
    ['police_report'],
    true,
  ),
]

/** Drug-free: the zero conditions provincial plans imply, plus prevention work (text TBC, DOMAIN.md §6). */
const DRUG_FREE: Criterion[] = [
  c(
    'DF.1',
    'drug_free',
    'zero_count',
    'managed_people',
    'eq',
    0,
    'Không có người nghiện, người sử dụng trái phép chất ma túy đang quản lý trên địa bàn',
    'No drug-dependent people or users under management in the commune',
    ['statistics'],
    true,
  ),
  c(
    'DF.2',
    'drug_free',
    'zero_count',
    'drug_venues',
    'eq',
    0,
    'Không có tụ điểm, điểm sử dụng trái phép chất ma túy',
    'No drug-use venues',
    ['police_report'],
    true,
  ),
  c(
    'DF.3',
    'drug_free',
    'zero_count',
    'offenders_arrested',
    'eq',
    0,
    'Không phát sinh tội phạm về ma túy trên địa bàn',
    'No drug offences in the commune',
    ['police_report'],
    true,
  ),
  c(
    'DF.4',
    'drug_free',
    'zero_count',
    'drug_plants',
    'eq',
    0,
    'Không phát hiện trồng cây có chứa chất ma túy',
    'No drug plants found',
    ['police_report'],
    true,
  ),
  c(
    'DF.5',
    'drug_free',
    'document',
    'answer',
    'eq',
    1,
    'Có kế hoạch giữ vững xã không có ma túy được UBND xã ban hành',
    'A plan to keep the commune drug-free, issued by the commune People’s Committee',
    ['commune_decision'],
    true,
  ),
  c(
    'DF.6',
    'drug_free',
    'boolean',
    'answer',
    'eq',
    1,
    'Tổ chức tuyên truyền phòng, chống ma túy thường xuyên trong năm',
    'Regular drug-prevention outreach during the year',
    ['meeting_minutes', 'photo'],
    true,
  ),
]

/** The set every province starts from (version 0, never confirmed until a province admin confirms it). */
export const DEFAULT_CRITERIA: CriteriaSetContent = {
  name: 'Tiêu chí phân loại địa bàn trọng điểm và xã không ma túy',
  legalBasis: 'Quyết định 28/2025/QĐ-TTg (loại I); loại II, III và tiêu chí không ma túy: chưa xác nhận',
  minimumMet: { key_complex_1: 3, key_complex_2: 3, key_complex_3: 1 },
  targetSharePercent: 20,
  reviewerLabel: 'Công an tỉnh',
  criteria: [...TYPE_1, ...TYPE_2, ...TYPE_3, ...DRUG_FREE],
}

/** Whether two sets say the same (confirming an unchanged set does not make a new version). */
export function sameContent(a: CriteriaSetContent, b: CriteriaSetContent): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

function canonical(s: CriteriaSetContent) {
  return {
    name: s.name,
    legalBasis: s.legalBasis,
    minimumMet: [s.minimumMet.key_complex_1, s.minimumMet.key_complex_2, s.minimumMet.key_complex_3],
    targetSharePercent: s.targetSharePercent,
    reviewerLabel: s.reviewerLabel,
    criteria: s.criteria.map((x) => [
      x.code,
      x.group,
      x.kind,
      x.metric,
      x.comparator,
      x.threshold,
      x.textVi,
      x.textEn,
      [...x.evidenceRequired].sort(),
      x.placeholder,
    ]),
  }
}
