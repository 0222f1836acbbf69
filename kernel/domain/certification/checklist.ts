// A dossier's checklist (decision 0037), the same on the server (GET …/assessments/:id) and on the phone, which
// judges its own copy offline with the criteria and figures it last pulled (decision 0044): the snapshot once
// submitted, else the criteria in force for it judged on today's figures.
import type { AssessmentRecord, AssessmentTransitionRecord, CriteriaSetRecord } from '../../certification-records.ts'
import { allowedMoves, type AssessmentMove } from './assessment-machine.ts'
import type { CriteriaSetContent } from './criteria.ts'
import { evaluate, type AssessmentFigures, type Evaluation } from './evaluate.ts'
import { currentSet, setInForce } from './set-in-force.ts'

export type CommuneFigures = Pick<AssessmentFigures, 'managedPeople' | 'population'>
export interface Checklist {
  setVersion: number
  confirmed: boolean
  evaluation: Evaluation
  figures: AssessmentFigures
  criteria: CriteriaSetContent
}
type Judged = Pick<AssessmentRecord, 'communeCode' | 'police' | 'drugRoute' | 'answers' | 'createdAt'>

/** A draft's or returned dossier's evaluation on today's figures, by the criteria in force for it. */
export function liveEvaluation(a: Judged, sets: readonly CriteriaSetRecord[], f: CommuneFigures): Evaluation {
  return live(a, sets, f).evaluation
}

function live(a: Judged, sets: readonly CriteriaSetRecord[], f: CommuneFigures) {
  const set = setInForce(sets, a.createdAt)
  const content = set?.content ?? currentSet(sets).content
  const figures = { managedPeople: f.managedPeople, population: f.population, police: a.police, drugRoute: a.drugRoute }
  return { set, content, figures, evaluation: evaluate(content, figures, a.answers) }
}

export function checklistOf(a: AssessmentRecord, sets: readonly CriteriaSetRecord[], f: CommuneFigures): Checklist {
  if (a.snapshot && a.status !== 'returned') {
    const s = a.snapshot
    return { setVersion: s.setVersion, confirmed: true, evaluation: s.evaluation, figures: s.figures, criteria: s.criteria }
  }
  const { set, content, figures, evaluation } = live(a, sets, f)
  return { setVersion: set?.setVersion ?? 0, confirmed: set !== undefined, evaluation, figures, criteria: content }
}

/** The dossier as GET …/assessments/:id presents it, with the moves the phone does not hold (`transitions`). */
export function assessmentView(
  a: AssessmentRecord,
  sets: readonly CriteriaSetRecord[],
  f: CommuneFigures,
  transitions: AssessmentTransitionRecord[],
): AssessmentRecord & { allowedMoves: AssessmentMove[]; transitions: AssessmentTransitionRecord[]; checklist: Checklist } {
  return { ...a, allowedMoves: allowedMoves(a.status), transitions, checklist: checklistOf(a, sets, f) }
}
