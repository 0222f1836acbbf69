// The province's yearly plan and its targets (PUT /api/p/:p/targets/:year, decision 0036): the whole plan at
// once, based on the version the admin saw. Achievement is never part of it: it is counted from the records.
import * as v from 'valibot'
import type { FieldIssue } from '../issues.ts'
import { indicatorOf, targetIndicators, type TargetIndicator } from '../domain/target-indicators.ts'
import { TextField } from '../text-hygiene.ts'
import { invalidFields, type Rejection } from './command.ts'
import type { ProvinceCommand, ProvinceDecision } from './province-command.ts'

export interface TargetValue {
  indicator: TargetIndicator
  /** Null: the target of the province as a whole. */
  communeCode: string | null
  value: number
}

export interface TargetPlanRecord {
  year: number
  /** As printed: "75/KH-UBND". */
  number: string
  issuedOn: string
  /** Who signed it (name, or role and name: "KT. Chủ tịch — Phó Chủ tịch Nguyễn Văn A"). */
  signer: string
  title: string
  targets: TargetValue[]
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

/** A plan's year: the path's `:year`. */
export const PlanYear = v.pipe(
  v.string(),
  v.regex(/^\d{4}$/, 'must be a year YYYY'),
  v.transform(Number),
  v.minValue(2000, 'must be 2000 or later'),
  v.maxValue(2100, 'must be 2100 or earlier'),
)

const Line = (max: number) => v.pipe(TextField('line', 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const DAY = /^\d{4}-\d{2}-\d{2}$/
const IsoDate = v.pipe(
  v.string('must be a date YYYY-MM-DD'),
  v.regex(DAY, 'must be a date YYYY-MM-DD'),
  v.check((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a real calendar date'),
)

export const TargetPlanInput = v.object({
  /** The version the admin saw; left out only when the year has no plan yet. */
  version: v.optional(v.pipe(v.number('must be the plan version (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
  number: Line(50),
  issuedOn: IsoDate,
  signer: Line(150),
  title: Line(300),
  targets: v.pipe(
    v.array(
      v.object({
        indicator: v.picklist(targetIndicators, `must be one of ${targetIndicators.join(', ')}`),
        communeCode: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a five-digit commune code'))), null),
        value: v.pipe(
          v.number('must be a number'),
          v.integer('must be a whole number'),
          v.minValue(0, 'must not be negative'),
          v.maxValue(10_000_000, 'is implausibly large'),
        ),
      }),
      'must be a list of { indicator, communeCode, value }',
    ),
    v.maxLength(20_000, 'must list at most 20000 targets'),
  ),
})
export type TargetPlanInput = v.InferOutput<typeof TargetPlanInput>

/** The rules across targets: one target per indicator and place; a province-only indicator has no commune's. */
export function targetProblems(input: Pick<TargetPlanInput, 'targets' | 'issuedOn'>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (input.issuedOn > today) issues.push({ field: 'json.issuedOn', message: 'must not be in the future' })
  const seen = new Map<string, number>()
  input.targets.forEach((target, i) => {
    if (target.communeCode !== null && indicatorOf(target.indicator).provinceOnly)
      issues.push({ field: `json.targets.${i}.communeCode`, message: `must be left out for ${target.indicator} (a target of the province only)` })
    const key = `${target.indicator}/${target.communeCode ?? ''}`
    const first = seen.get(key)
    if (first === undefined) seen.set(key, i)
    else issues.push({ field: `json.targets.${i}`, message: `repeats the target of json.targets.${first}` })
  })
  return issues
}

/** 409: the runner answers it with the plan as it is now. */
const stale = (message: string): Rejection => ({ rejected: true, kind: 'conflict', code: 'conflict', message })

export const targetPlanPut: ProvinceCommand<typeof TargetPlanInput, TargetPlanRecord> = {
  type: 'target_plan.put',
  action: 'target:write',
  input: TargetPlanInput,
  check(input, today): Rejection | undefined {
    const problems = targetProblems(input, today)
    return problems.length > 0 ? invalidFields(problems) : undefined
  },
  decide(current, input, key, ctx): ProvinceDecision<TargetPlanRecord> | Rejection {
    if (current && input.version !== current.version)
      return stale(`This year's plan was changed meanwhile (now version ${current.version}); review the current plan and apply your change again`)
    if (!current && input.version !== undefined) return stale('This year has no plan yet: leave the version out to create it')
    const at = ctx.now.toISOString()
    const record: TargetPlanRecord = {
      year: Number(key),
      number: input.number,
      issuedOn: input.issuedOn,
      signer: input.signer,
      title: input.title,
      targets: input.targets.map((t) => ({ indicator: t.indicator, communeCode: t.communeCode, value: t.value })),
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? at,
      createdBy: current ? current.createdBy : ctx.actorId,
      updatedAt: at,
      updatedBy: ctx.actorId,
    }
    return {
      rejected: false,
      record,
      previous: current,
      event: {
        action: 'target_plan.put',
        entityType: 'target_plan',
        entityId: key,
        details: { number: record.number.slice(0, 50), version: record.version, targets: record.targets.length },
      },
    }
  },
}
