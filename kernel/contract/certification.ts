// Drug-free communes as the SPA sees them (decision 0037).
import type { AssessmentRecord, AssessmentTransitionRecord, CriteriaSetRecord } from '../certification-records.ts'
import type { AssessmentMove } from '../domain/certification/assessment-machine.ts'
import type { CriteriaSetContent } from '../domain/certification/criteria.ts'
import type { CommuneType, Evaluation } from '../domain/certification/evaluate.ts'
import type { YearFigures } from '../domain/certification/year-figures.ts'
import type { LegalDecision } from '../domain/legal-decision.ts'

export interface CriteriaView {
  current: { setVersion: number; content: CriteriaSetContent; confirmed: boolean }
  versions: Omit<CriteriaSetRecord, 'content'>[]
}

export interface OverviewRow {
  code: string
  name: string
  assessmentId: string | null
  status: AssessmentRecord['status'] | null
  communeType: CommuneType | null
  blocking: string[]
  openFlags: number
  drugFree: boolean
  drugFreeLastYear: boolean
  decision: LegalDecision | null
}

export interface CertificationOverview {
  year: number
  criteria: { setVersion: number; confirmed: boolean; reviewerLabel: string }
  figures: YearFigures
  communes: OverviewRow[]
}

/** One dossier: the record, its moves, and the checklist (the snapshot once submitted, else today's figures). */
export interface AssessmentView extends AssessmentRecord {
  allowedMoves: AssessmentMove[]
  transitions: AssessmentTransitionRecord[]
  checklist: { setVersion: number; confirmed: boolean; evaluation: Evaluation; figures: unknown; criteria: CriteriaSetContent }
}
