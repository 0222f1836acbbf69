// Monitoring a recognised commune (decision 0037): a case write that contradicts a drug-free criterion raises
// a flag for the province to review. Never a revocation: a flag is a question, the reviewer answers it.
import type { Decision, PersonFacts } from '../../commands/command.ts'
import type { FlagKind } from '../../certification-records.ts'
import type { PersonStatus } from '../../vocabulary.ts'

/**
 * The statuses counted as "under management as users or dependent" in the commune: the figure criterion DF.1
 * and KC*.1 read (worker/repo/certification-figures.ts counts the same list) and what a new flag looks for.
 * Post-rehab, compulsory rehab (at a facility), transferred and closed are not in the commune's count.
 */
export const MANAGED_STATUSES: readonly PersonStatus[] = [
  'under_management',
  'awaiting_determination',
  'awaiting_registration',
  'in_rehab',
  'substitution_treatment',
]

export interface FlagToRaise {
  kind: FlagKind
  criterionCode: string
  communeCode: string
  personId: string
}

const isManaged = (status: PersonStatus | undefined) => status !== undefined && MANAGED_STATUSES.includes(status)

/**
 * The flags a decision raises, given the person before it. Only communes in `recognised` are watched; a person
 * already counted before the decision raises none (they were in the figures the recognition read, or flagged).
 */
export function flagsFor(decision: Decision, before: PersonFacts | undefined, recognised: ReadonlySet<string>): FlagToRaise[] {
  const flags: FlagToRaise[] = []
  for (const insert of decision.inserts) {
    if (insert.collection !== 'persons') continue
    const { id, communeCode, status } = insert.record
    if (recognised.has(communeCode) && isManaged(status)) flags.push({ kind: 'newly_managed', criterionCode: 'DF.1', communeCode, personId: id })
  }
  if (!before) return flags
  for (const update of decision.updates) {
    if (update.collection === 'persons' && update.id === before.id) {
      const set = update.set as { status?: PersonStatus; communeCode?: string }
      const commune = set.communeCode ?? before.communeCode
      const status = set.status ?? before.status
      const wasCounted = isManaged(before.status) && before.communeCode === commune
      if (recognised.has(commune) && isManaged(status) && !wasCounted)
        flags.push({ kind: 'newly_managed', criterionCode: 'DF.1', communeCode: commune, personId: before.id })
    }
    if (update.collection === 'postRehab' && (update.set as { status?: string }).status === 'relapsed' && recognised.has(before.communeCode)) {
      flags.push({ kind: 'relapse', criterionCode: 'DF.1', communeCode: before.communeCode, personId: before.id })
    }
  }
  return flags
}
