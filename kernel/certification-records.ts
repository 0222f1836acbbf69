// The drug-free commune records as the API presents them (decision 0037). Commune records, not a person's:
// a monitoring flag links to the person whose case raised it, nothing else here names anyone.
import type { AssessmentMove, AssessmentStatus } from './domain/certification/assessment-machine.ts'
import type { CriteriaSetContent } from './domain/certification/criteria.ts'
import type { Answers, AssessmentFigures, CommuneType, Evaluation, SourcedFigure } from './domain/certification/evaluate.ts'
import type { LegalDecision } from './domain/legal-decision.ts'
import type { PoliceMetric } from './domain/certification/criteria.ts'

interface Stamps {
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

/** A confirmed version of the province's criteria (version 0 is the shipped set, never stored, never confirmed). */
export interface CriteriaSetRecord {
  id: string
  setVersion: number
  content: CriteriaSetContent
  confirmedAt: string
  confirmedBy: string | null
  /** Why a new version (or "confirmed unchanged"). */
  note: string | null
}

/** The residents of a commune in a year, as the province entered them; every entry kept, the newest counts. */
export interface PopulationRecord {
  id: string
  communeCode: string
  year: number
  population: number
  source: string
  recordedAt: string
  recordedBy: string | null
}

/** What the dossier holds from submission on: it never changes after (a resubmission takes a new one). */
export interface AssessmentSnapshot {
  setVersion: number
  criteria: CriteriaSetContent
  figures: AssessmentFigures
  answers: Answers
  evaluation: Evaluation
  takenAt: string
}

export interface AssessmentRecord extends Stamps {
  id: string
  communeCode: string
  year: number
  status: AssessmentStatus
  /** The police's figures the commune typed in, each with its source document. */
  police: Partial<Record<PoliceMetric, SourcedFigure>>
  drugRoute: { value: boolean; source: string } | null
  answers: Answers
  snapshot: AssessmentSnapshot | null
  /** The type the last submission classified the commune as. */
  communeType: CommuneType | null
  /** The drug-free criteria the last submission found not met (the snapshot's, kept apart for the province's list). */
  blocking: string[] | null
  /** The reviewer's comments per criterion code when returned ("" key: on the whole dossier). */
  returnComments: Record<string, string> | null
  decision: LegalDecision | null
  /** Everyone who submitted it: none of them may return or decide it. */
  submitters: string[]
}

export interface AssessmentTransitionRecord {
  id: string
  assessmentId: string
  /** The assessment's version after the move. */
  atVersion: number
  move: AssessmentMove
  from: AssessmentStatus
  to: AssessmentStatus
  reason: string | null
  comments: Record<string, string> | null
  at: string
  by: string | null
}

export const statusPeriodEndReasons = ['revoked', 'not_renewed'] as const
export type StatusPeriodEndReason = (typeof statusPeriodEndReasons)[number]

/** A commune's drug-free status, from a recognition until a revocation or a year not renewed. */
export interface StatusPeriodRecord extends Stamps {
  id: string
  communeCode: string
  startOn: string
  endOn: string | null
  status: 'open' | 'closed'
  firstYear: number
  /** The last year an assessment recognised (renewed) it. */
  lastYear: number
  lastAssessmentId: string
  recognitionDecision: LegalDecision
  endReason: StatusPeriodEndReason | null
  endNote: string | null
  endDecision: LegalDecision | null
}

export const flagKinds = ['newly_managed', 'relapse'] as const
export type FlagKind = (typeof flagKinds)[number]

/** Case data that contradicts a criterion while the commune is recognised: for the province to review, never a revocation. */
export interface CertificationFlagRecord extends Stamps {
  id: string
  communeCode: string
  periodId: string
  kind: FlagKind
  /** The criterion it contradicts. */
  criterionCode: string
  personId: string | null
  raisedOn: string
  status: 'open' | 'reviewed'
  reviewNote: string | null
}

export interface CertificationRecords {
  criteriaSets: CriteriaSetRecord
  populations: PopulationRecord
  assessments: AssessmentRecord
  assessmentTransitions: AssessmentTransitionRecord
  statusPeriods: StatusPeriodRecord
  certificationFlags: CertificationFlagRecord
}
