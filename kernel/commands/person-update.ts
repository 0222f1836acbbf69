import { vietnamToday } from '../calendar.ts'
import { legalRepresentativeProblems } from '../domain/minor.ts'
import { personProblems } from '../domain/person-rules.ts'
import type { PersonRecord } from '../records.ts'
import { changed, decided, invalidFields, ruleBroken, staleVersion, type Command, type Update } from './command.ts'
import type { UpdatePersonInput } from './inputs.ts'

/** Changing a person's details (PATCH /persons/:id, sync person.update), based on the version the officer saw. */
export const personUpdate: Command<'person.update', 'persons'> = {
  type: 'person.update',
  action: 'person:write',
  target: { collection: 'persons', id: (_input, entityId) => entityId },
  communes: (input) => (input.communeCode ? [input.communeCode] : []),
  decide({ target: person, openPlans, activePostRehab, activeManagement }, input, _entityId, ctx) {
    const { version, ...fields } = input
    // A stale version is not applied: 409 with the current record, so the officer can compare and decide.
    if (version !== person.version) {
      return staleVersion(
        { collection: 'persons', id: person.id },
        version,
        person.version,
        `This record was changed meanwhile (now version ${person.version}); review the current record and apply your change again`,
      )
    }
    const changes = definedOnly(fields)
    const today = vietnamToday(ctx.now)
    const problems = personProblems({ ...person, ...changes }, today)
    // A minor's legal representative may be changed, never removed while they are under 18 (decision 0029).
    if (changes.legalRepresentative === null) problems.push(...legalRepresentativeProblems({ birthDate: changes.birthDate ?? person.birthDate }, today))
    if (problems.length > 0) return invalidFields(problems)
    const updates: Update[] = [{ collection: 'persons', id: person.id, set: { ...changes, ...changed(person.version, ctx) } }]
    if (changes.communeCode !== undefined && changes.communeCode !== person.communeCode) {
      // A person who moves is managed by the new commune from now on. An open rehab plan must first end as
      // `transferred` (DOMAIN.md: the new commune opens its own); an active post-rehab record and management
      // period move with the person. Past plans, reviews, follow-ups and support stay where they happened.
      const open = openPlans[0]
      if (open) {
        return ruleBroken('Invalid json.communeCode: this person has an open rehab plan; end it as transferred before moving the person to another commune', {
          issues: [{ field: 'json.communeCode', message: 'end the open rehab plan as transferred first' }],
          openPlanId: open.id,
        })
      }
      const communeCode = changes.communeCode
      for (const record of activePostRehab) updates.push({ collection: 'postRehab', id: record.id, set: { communeCode } })
      for (const period of activeManagement) updates.push({ collection: 'managementPeriods', id: period.id, set: { communeCode } })
    }
    const before: Record<string, unknown> = { ...person }
    const fieldsChanged = Object.entries(changes)
      .filter(([key, value]) => value !== before[key])
      .map(([key]) => key)
    return decided(
      { collection: 'persons', id: person.id },
      {
        updates,
        event: { action: 'person.update', entityType: 'person', entityId: person.id, details: { fields: fieldsChanged.sort().join(',').slice(0, 200) } },
      },
    )
  },
}

type Changes = Partial<Omit<PersonRecord, 'id' | 'version'>>

function definedOnly(fields: Omit<UpdatePersonInput, 'version'>): Changes {
  const changes: Changes = {}
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(changes, { [key]: value })
  return changes
}
