// The day a decision's change of a person's status takes effect in the status history (decision 0034): the date
// the deciding record itself carries — a plan's registration or start decision, a completion certificate, a
// relapse, an admission or return, a determination's result, a methadone or management start or end — not the
// day it was typed in. Pure: the runner stamps it on the person it changes (persons.status_since).
import type { Decision } from '../commands/command.ts'

/** Per collection, the record fields whose dates mark a status change: on a new record, and on a changed one. */
const DATED: Readonly<Record<string, { inserted: readonly string[]; changed: readonly string[] }>> = {
  plans: { inserted: ['registeredOn'], changed: ['startDecisionOn', 'completionDate'] },
  planTransitions: { inserted: ['decision.date'], changed: [] },
  postRehab: { inserted: ['startOn'], changed: ['relapseOn'] },
  managementPeriods: { inserted: ['startOn'], changed: ['endedOn'] },
  determinations: { inserted: ['dossierOn'], changed: ['resultOn'] },
  referrals: { inserted: ['dossierOn'], changed: ['admittedOn', 'returnedOn'] },
  methadone: { inserted: ['startOn'], changed: ['endOn'] },
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function dateAt(record: Record<string, unknown>, path: string): string | undefined {
  const [head, tail] = path.split('.') as [string, string | undefined]
  let value = record[head]
  if (tail !== undefined) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[tail] : undefined
  return typeof value === 'string' && ISO_DAY.test(value) ? value : undefined
}

/**
 * The latest date among the decision's dated facts, never after today; today when it has none (a registration:
 * a person's history starts the day Bình An learns of them, whatever registration date is given, so a later
 * registration never changes a past period's head-counts; a correction of a commune or category; a hand-over
 * answered). The history's triggers keep it no earlier than the
 * person's open span, so one person's spans never overlap.
 */
export function statusEffectiveOn(decision: Pick<Decision, 'inserts' | 'updates'>, today: string): string {
  let latest: string | undefined
  const consider = (day: string | undefined) => {
    if (day !== undefined && day <= today && (latest === undefined || day > latest)) latest = day
  }
  for (const insert of decision.inserts) {
    for (const path of DATED[insert.collection]?.inserted ?? []) consider(dateAt(insert.record as unknown as Record<string, unknown>, path))
  }
  for (const update of decision.updates) {
    for (const path of DATED[update.collection]?.changed ?? []) consider(dateAt(update.set as Record<string, unknown>, path))
  }
  return latest ?? today
}

/** Whether a change of a person touches what the history keeps (status, commune, category). */
export const changesHistory = (set: Record<string, unknown>): boolean => 'status' in set || 'communeCode' in set || 'category' in set
