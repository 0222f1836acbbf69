import { registrationDueOn } from '../domain/determination.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, decided, invalidField, invalidFields, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/**
 * The health facility's result (POST /determinations/:id/result, sync determination.conclude), with its decision.
 * Dependence makes the person drug-dependent, starts the 5-working-day registration deadline and ends an active
 * management period early (DOMAIN.md §3: determined dependent); no dependence leaves the category as it was.
 */
export const determinationConclude: Command<'determination.conclude', 'determinations'> = {
  type: 'determination.conclude',
  action: 'person:write',
  target: { collection: 'determinations', id: (_input, entityId) => entityId },
  check(input, today) {
    if (input.resultOn > today) return invalidField('json.resultOn', 'must not be in the future')
    const problem = decisionDateProblem(input.decision, today)
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ target: record, person, activeManagement }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'determinations', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.result !== null) return ruleBroken('This determination already has its result')
    if (input.resultOn < record.dossierOn) return invalidField('json.resultOn', 'must not be before the dossier date')
    const dependent = input.result === 'dependent'
    const updates: Update[] = [
      {
        collection: 'determinations',
        id: record.id,
        set: {
          resultOn: input.resultOn,
          result: input.result,
          decision: input.decision,
          registrationDueOn: dependent ? registrationDueOn(input.resultOn, ctx.rules) : null,
          ...changed(record.version, ctx),
        },
      },
    ]
    if (dependent && person) {
      updates.push({
        collection: 'persons',
        id: person.id,
        set: { category: 'dependent', addictionDeterminedOn: input.resultOn, addictionDeterminedBy: input.decision.body, ...changed(person.version, ctx) },
      })
      for (const period of activeManagement)
        updates.push({
          collection: 'managementPeriods',
          id: period.id,
          set: { status: 'ended', endReason: 'determined_dependent', endedOn: input.resultOn, endDecision: input.decision, ...changed(period.version, ctx) },
        })
    }
    return decided(
      { collection: 'determinations', id: record.id },
      { updates, event: { action: 'determination.conclude', entityType: 'determination', entityId: record.id, details: { result: input.result } } },
    )
  },
}
