import * as v from 'valibot'
import { planStatuses } from '../../db/tenant/schema/index.ts'
import { TextField } from '../../kernel/text-hygiene.ts'
import { IsoDate, PersonId } from './persons.ts'

export const planStages = ['withdrawal_detox', 'counselling_education', 'vocational_support', 'reintegration'] as const

const Text = (max: number) => v.pipe(TextField('line'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))

export const CreatePlanBody = v.object({
  id: v.optional(PersonId),
  form: v.picklist(['family', 'community'], 'must be family or community'),
  registeredOn: IsoDate,
  startOn: IsoDate,
  plannedEndOn: IsoDate,
  members: v.pipe(
    v.array(v.object({ name: Text(100), role: Text(100) }), 'must be a list of { name, role }'),
    v.minLength(1, 'must name at least one working-group member'),
    v.maxLength(20, 'must list at most 20 members'),
  ),
  stages: v.pipe(
    v.array(v.object({ stage: v.picklist(planStages, `must be one of ${planStages.join(', ')}`), activities: v.pipe(v.array(Text(300)), v.maxLength(30, 'must list at most 30 activities')) })),
    v.check((stages) => new Set(stages.map((s) => s.stage)).size === stages.length, 'must not repeat a stage'),
  ),
})
export type CreatePlanInput = v.InferOutput<typeof CreatePlanBody>

export const PlanParams = v.object({ province: v.string(), planId: PersonId })

export const TransitionBody = v.object({
  to: v.picklist(planStatuses, `must be one of ${planStatuses.join(', ')}`),
  /** The plan version this decision was based on. */
  version: v.pipe(v.number('must be the plan version (a number)'), v.integer(), v.minValue(1)),
  reason: v.optional(v.pipe(TextField('line'), v.maxLength(40))),
  note: v.optional(v.pipe(TextField('multiline'), v.maxLength(1000, 'must be at most 1000 characters'))),
})
export type TransitionInput = v.InferOutput<typeof TransitionBody>
