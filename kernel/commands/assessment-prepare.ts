// The commune prepares its yearly self-assessment (decision 0037): the police's figures with their sources and
// its answers per criterion. Offline-capable (outbox → sync push → these same commands).
import type { AssessmentRecord } from '../certification-records.ts'
import { allowedMoves, isEditable } from '../domain/certification/assessment-machine.ts'
import type { PoliceMetric } from '../domain/certification/criteria.ts'
import type { Answers, SourcedFigure } from '../domain/certification/evaluate.ts'
import { changed, created, decided, idTaken, invalidField, ruleBroken, staleVersion, type Command } from './command.ts'
import type { CreateAssessmentInput, UpdateAssessmentInput } from './certification-inputs.ts'

export const assessmentCreate: Command<'assessment.create', null> = {
  type: 'assessment.create',
  action: 'certification:prepare',
  target: null,
  communes: (input) => [input.communeCode],
  creates: { collection: 'assessments' },
  check(input, today) {
    if (input.year > Number(today.slice(0, 4))) return invalidField('json.year', 'must not be a future year')
    // A new assessment owns no file yet: its evidence is attached to it once it exists (decision 0038).
    const named = Object.entries(input.answers ?? {}).find(([, answer]) => (answer?.attachmentIds?.length ?? 0) > 0)
    return named ? invalidField(`json.answers.${named[0]}.attachmentIds`, 'names a file not attached to this assessment') : undefined
  },
  decide({ existing }, input, entityId, ctx) {
    const answer = { collection: 'assessments', id: entityId } as const
    if (existing) return existing.communeCode === input.communeCode && existing.createdBy === ctx.actorId ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [{ collection: 'assessments', record: newAssessment(entityId, input, ctx) }],
      event: { action: 'assessment.create', entityType: 'assessment', entityId, details: { commune: input.communeCode, year: input.year } },
    })
  },
}

export function newAssessment(id: string, input: CreateAssessmentInput, ctx: { actorId: string | null; now: Date }): AssessmentRecord {
  return {
    id,
    communeCode: input.communeCode,
    year: input.year,
    status: 'draft',
    police: input.police ? prune(input.police) : {},
    drugRoute: input.drugRoute ?? null,
    answers: input.answers ?? {},
    snapshot: null,
    communeType: null,
    blocking: null,
    returnComments: null,
    decision: null,
    submitters: [],
    ...created(ctx),
  }
}

/** The figures given (an absent one stays as it was): exact optional types keep `undefined` out of stored records. */
const prune = (o: Partial<Record<PoliceMetric, SourcedFigure | undefined>>): AssessmentRecord['police'] => {
  const out: AssessmentRecord['police'] = {}
  for (const [key, value] of Object.entries(o) as [PoliceMetric, SourcedFigure | undefined][]) if (value) out[key] = value
  return out
}

export const assessmentUpdate: Command<'assessment.update', 'assessments'> = {
  type: 'assessment.update',
  action: 'certification:prepare',
  target: { collection: 'assessments', id: (_input, entityId) => entityId },
  certification: (_input, target) => ({ communeCode: target.communeCode, year: target.year, assessmentId: target.id }),
  decide({ target, certification }, input: UpdateAssessmentInput, _entityId, ctx) {
    const ref = { collection: 'assessments', id: target.id } as const
    if (input.version !== target.version) return staleVersion(ref, input.version, target.version, 'The assessment changed since you opened it')
    if (!isEditable(target.status)) {
      return ruleBroken(`A ${target.status} assessment cannot be changed`, {
        reason: 'transition_not_allowed',
        status: target.status,
        allowed: allowedMoves(target.status),
      })
    }
    // An answer's evidence must be this assessment's own complete files, or a made-up id would meet a document
    // criterion. The phone has no copy of the files' state: the server decides it (certification absent there).
    const attached = certification?.attachments
    if (attached) {
      for (const [code, answer] of Object.entries(input.answers ?? {})) {
        if (answer?.attachmentIds?.some((id) => !attached.includes(id)))
          return invalidField(`json.answers.${code}.attachmentIds`, 'names a file not attached to this assessment')
      }
    }
    const answers: Answers = { ...target.answers, ...(input.answers ?? {}) }
    const set: Partial<AssessmentRecord> = {
      police: { ...target.police, ...prune(input.police ?? {}) },
      answers,
      ...(input.drugRoute !== undefined ? { drugRoute: input.drugRoute } : {}),
      ...changed(target.version, ctx),
    }
    return decided(ref, {
      updates: [{ collection: 'assessments', id: target.id, set }],
      event: { action: 'assessment.update', entityType: 'assessment', entityId: target.id, details: { commune: target.communeCode, year: target.year } },
    })
  },
}
