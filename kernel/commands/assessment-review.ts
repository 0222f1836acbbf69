// The assessment's moves (decision 0037): the commune submits (its figures snapshotted), the province's reviewer
// returns it with comments per criterion or decides. Nobody returns or decides an assessment they submitted.
import type { AssessmentRecord, AssessmentSnapshot, StatusPeriodRecord } from '../certification-records.ts'
import { move, type AssessmentMove } from '../domain/certification/assessment-machine.ts'
import { evaluate } from '../domain/certification/evaluate.ts'
import { setInForce } from '../domain/certification/set-in-force.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import {
  changed,
  created,
  decided,
  invalidFields,
  ruleBroken,
  staleVersion,
  type Command,
  type DecideContext,
  type Decision,
  type Insert,
  type Rejection,
  type State,
  type Update,
} from './command.ts'
import type { DecideAssessmentInput, ReturnAssessmentInput, SubmitAssessmentInput } from './certification-inputs.ts'

const scope = (_input: unknown, target: AssessmentRecord) => ({ communeCode: target.communeCode, year: target.year })

/** The move as the machine allows it, the version checked, and nobody deciding what they submitted. */
function guardMove(target: AssessmentRecord, version: number, what: AssessmentMove, ctx: DecideContext): Rejection | AssessmentRecord['status'] {
  if (version !== target.version)
    return staleVersion({ collection: 'assessments', id: target.id }, version, target.version, 'The assessment changed since you opened it')
  const outcome = move(target.status, what)
  if (!outcome.ok) {
    return ruleBroken(`A ${target.status} assessment cannot be moved by ${what}; allowed: ${outcome.allowed.join(', ') || 'none'}`, {
      reason: 'transition_not_allowed',
      status: target.status,
      allowed: outcome.allowed,
    })
  }
  if (what !== 'submit' && ctx.actorId !== null && target.submitters.includes(ctx.actorId)) {
    return {
      rejected: true,
      kind: 'forbidden',
      code: 'separation_of_duties',
      message: 'You submitted this assessment: another reviewer must return or decide it',
    }
  }
  return outcome.to
}

function moved(
  target: AssessmentRecord,
  what: AssessmentMove,
  to: AssessmentRecord['status'],
  set: Partial<AssessmentRecord>,
  why: { reason: string | null; comments: Record<string, string> | null },
  ctx: DecideContext,
  more: { inserts?: Insert[]; updates?: Update[] } = {},
): Decision {
  const transition: Insert = {
    collection: 'assessmentTransitions',
    record: {
      id: ctx.newId(),
      assessmentId: target.id,
      atVersion: target.version + 1,
      move: what,
      from: target.status,
      to,
      ...why,
      at: ctx.now.toISOString(),
      by: ctx.actorId,
    },
  }
  return decided(
    { collection: 'assessments', id: target.id },
    {
      inserts: [transition, ...(more.inserts ?? [])],
      updates: [{ collection: 'assessments', id: target.id, set: { ...set, status: to, ...changed(target.version, ctx) } }, ...(more.updates ?? [])],
      event: {
        action: `assessment.${what}`,
        entityType: 'assessment',
        entityId: target.id,
        details: { commune: target.communeCode, year: target.year, from: target.status, to },
      },
    },
  )
}

export const assessmentSubmit: Command<'assessment.submit', 'assessments'> = {
  type: 'assessment.submit',
  action: 'certification:prepare',
  target: { collection: 'assessments', id: (_input, entityId) => entityId },
  certification: scope,
  decide(state: State<AssessmentRecord>, input: SubmitAssessmentInput, _entityId, ctx) {
    const { target } = state
    const to = guardMove(target, input.version, 'submit', ctx)
    if (typeof to !== 'string') return to
    const facts = state.certification
    const set = facts && setInForce(facts.sets, target.createdAt)
    if (!facts || !set) return ruleBroken('The province has not confirmed the criteria yet: no assessment can be submitted', undefined, 'criteria_unconfirmed')
    const figures = { ...facts.figures, police: target.police, drugRoute: target.drugRoute }
    const evaluation = evaluate(set.content, figures, target.answers)
    const snapshot: AssessmentSnapshot = {
      setVersion: set.setVersion,
      criteria: set.content,
      figures,
      answers: target.answers,
      evaluation,
      takenAt: ctx.now.toISOString(),
    }
    const submitters = ctx.actorId && !target.submitters.includes(ctx.actorId) ? [...target.submitters, ctx.actorId] : target.submitters
    return moved(
      target,
      'submit',
      to,
      { snapshot, communeType: evaluation.type, blocking: evaluation.blocking, submitters, returnComments: null },
      { reason: input.note ?? null, comments: null },
      ctx,
    )
  },
}

export const assessmentReturn: Command<'assessment.return', 'assessments'> = {
  type: 'assessment.return',
  action: 'certification:review',
  target: { collection: 'assessments', id: (_input, entityId) => entityId },
  decide({ target }: State<AssessmentRecord>, input: ReturnAssessmentInput, _entityId, ctx) {
    const to = guardMove(target, input.version, 'return', ctx)
    if (typeof to !== 'string') return to
    const known = new Set(['', ...(target.snapshot?.criteria.criteria.map((c) => c.code) ?? [])])
    const unknown = Object.keys(input.comments).filter((code) => !known.has(code))
    if (unknown.length > 0) return invalidFields(unknown.map((code) => ({ field: `json.comments.${code}`, message: 'is not a criterion of this assessment' })))
    return moved(target, 'return', to, { returnComments: input.comments }, { reason: input.reason, comments: input.comments }, ctx)
  },
}

export const assessmentDecide: Command<'assessment.decide', 'assessments'> = {
  type: 'assessment.decide',
  action: 'certification:review',
  target: { collection: 'assessments', id: (_input, entityId) => entityId },
  certification: scope,
  check(input, today) {
    const issues = [decisionDateProblem(input.decision, today)].filter((i) => i !== undefined)
    if (input.outcome === 'recognised' && !input.decision) issues.push({ field: 'json.decision', message: 'is required to recognise a commune' })
    return issues.length > 0 ? invalidFields(issues) : undefined
  },
  decide(state: State<AssessmentRecord>, input: DecideAssessmentInput, _entityId, ctx) {
    const { target } = state
    const to = guardMove(target, input.version, input.outcome === 'recognised' ? 'recognise' : 'not_recognise', ctx)
    if (typeof to !== 'string') return to
    const blocking = target.snapshot?.evaluation.blocking ?? []
    if (input.outcome === 'recognised' && blocking.length > 0) {
      return ruleBroken(`Drug-free criteria not met: ${blocking.join(', ')}`, { reason: 'criteria_not_met', blocking })
    }
    const period = state.certification?.openPeriod
    const what = input.outcome === 'recognised' ? 'recognise' : 'not_recognise'
    const decision = input.decision ?? null
    const more = input.outcome === 'recognised' ? recognise(target, decision!, period, ctx) : lapse(target, decision, period, ctx)
    return moved(target, what, to, { decision }, { reason: input.reason, comments: null }, ctx, more)
  },
}

/** Recognition opens a status period, or renews the one last year's recognition opened. */
function recognise(target: AssessmentRecord, decision: NonNullable<AssessmentRecord['decision']>, period: StatusPeriodRecord | undefined, ctx: DecideContext) {
  // An open status already covering this year (an older year decided late) stays as it is: at most one is open.
  if (period && period.lastYear >= target.year) return {}
  if (period) {
    return {
      updates: [
        { collection: 'statusPeriods', id: period.id, set: { lastYear: target.year, lastAssessmentId: target.id, ...changed(period.version, ctx) } },
      ] as Update[],
    }
  }
  const record: StatusPeriodRecord = {
    id: ctx.newId(),
    communeCode: target.communeCode,
    startOn: decision.date,
    endOn: null,
    status: 'open',
    firstYear: target.year,
    lastYear: target.year,
    lastAssessmentId: target.id,
    recognitionDecision: decision,
    endReason: null,
    endNote: null,
    endDecision: null,
    ...created(ctx),
  }
  return { inserts: [{ collection: 'statusPeriods', record }] as Insert[] }
}

/** Not recognised again: the status from earlier years ends (not renewed). */
function lapse(target: AssessmentRecord, decision: AssessmentRecord['decision'], period: StatusPeriodRecord | undefined, ctx: DecideContext) {
  if (!period || period.lastYear >= target.year) return {}
  const set = {
    status: 'closed' as const,
    endOn: decision?.date ?? ctx.now.toISOString().slice(0, 10),
    endReason: 'not_renewed' as const,
    endDecision: decision,
    ...changed(period.version, ctx),
  }
  return { updates: [{ collection: 'statusPeriods', id: period.id, set }] as Update[] }
}
