// A person's one current status, derived from their records (DOMAIN.md §3; docs/decisions/0028). No write sets
// a status by hand: every command's decision is settled by `settleStatus` (kernel/commands/decide.ts), on the
// server and on the phone alike, and the daily jobs recompute it for the records they end.
import type { DeterminationResult, MethadoneEndReason, PersonCategory, PersonStatus, PlanStatus, ReferralStatus } from '../vocabulary.ts'

/** What of a person's records the status follows from: every record of these kinds, any status. */
export interface StatusFacts {
  category: PersonCategory
  plans: readonly { id: string; status: PlanStatus; registeredOn: string }[]
  postRehab: readonly { id: string; status: 'active' | 'ended' | 'relapsed'; relapseOn: string | null }[]
  managementPeriods: readonly { id: string; status: 'active' | 'ended' }[]
  determinations: readonly { id: string; resultOn: string | null; result: DeterminationResult | null }[]
  referrals: readonly { id: string; status: ReferralStatus; dossierOn: string }[]
  methadone: readonly { id: string; status: 'active' | 'ended'; startOn: string; endReason: MethadoneEndReason | null }[]
}

/** The facts kept of each kind of record, by the collection names of kernel/records.ts. */
export const FACT_FIELDS = {
  plans: ['id', 'status', 'registeredOn'],
  postRehab: ['id', 'status', 'relapseOn'],
  managementPeriods: ['id', 'status'],
  determinations: ['id', 'resultOn', 'result'],
  referrals: ['id', 'status', 'dossierOn'],
  methadone: ['id', 'status', 'startOn', 'endReason'],
} as const

export const emptyFacts = (category: PersonCategory): StatusFacts => ({
  category,
  plans: [],
  postRehab: [],
  managementPeriods: [],
  determinations: [],
  referrals: [],
  methadone: [],
})

const OPEN_PLAN: readonly PlanStatus[] = ['draft', 'active', 'suspended']

/**
 * The status, first rule that holds:
 * 1. compulsory_rehab: a referral not yet returned;
 * 2. in_rehab: an open voluntary plan (draft, active, suspended);
 * 3. awaiting_determination: a determination without result, or a post-rehab relapse no result followed;
 * 4. post_rehab: active post-rehab management;
 * 5. awaiting_registration: dependence found (the latest result, or the registration's category when no
 *    determination is recorded) and not yet answered by a plan, methadone or a referral (`unregisteredSince`);
 * 6. substitution_treatment: on methadone and nothing above;
 * 7. under_management: an active management period of an illegal drug user;
 * 8. transferred: the latest plan ended as transferred;
 * 9. none of the person's records at all: what the registration's category says (a drug user on the list is
 *    under management, a dependent person must register, a post-rehab person from an old list is post-rehab);
 * 10. closed.
 */
export function deriveStatus(facts: StatusFacts): PersonStatus {
  if (facts.referrals.some((r) => isOpenReferral(r.status))) return 'compulsory_rehab'
  if (facts.plans.some((p) => OPEN_PLAN.includes(p.status))) return 'in_rehab'
  if (awaitingDetermination(facts)) return 'awaiting_determination'
  if (facts.postRehab.some((r) => r.status === 'active')) return 'post_rehab'
  const onMethadone = facts.methadone.some((m) => m.status === 'active')
  if (!onMethadone && unregisteredSince(facts) !== undefined) return 'awaiting_registration'
  if (onMethadone) return 'substitution_treatment'
  if (facts.managementPeriods.some((m) => m.status === 'active')) return 'under_management'
  const latest = [...facts.plans].sort((a, b) => a.registeredOn.localeCompare(b.registeredOn)).at(-1)
  if (latest?.status === 'transferred') return 'transferred'
  if (hasNoRecords(facts)) return facts.category === 'drug_user' ? 'under_management' : facts.category === 'dependent' ? 'awaiting_registration' : 'post_rehab'
  return 'closed'
}

/**
 * A referral still on the court's path: referred (the dossier is with the court) or admitted. Returned and refused
 * ones are history; a refused one answers nothing (decision 0039): the person is where their other records put them.
 */
export const isOpenReferral = (status: ReferralStatus): boolean => status === 'referred' || status === 'admitted'
const answers = (r: { status: ReferralStatus }) => r.status !== 'refused'

function hasNoRecords(f: StatusFacts): boolean {
  return !f.plans.length && !f.postRehab.length && !f.managementPeriods.length && !f.determinations.length && !f.referrals.length && !f.methadone.length
}

/** The latest concluded determination (by result day). */
function latestResult(facts: StatusFacts) {
  let latest: { resultOn: string; result: DeterminationResult } | undefined
  for (const d of facts.determinations)
    if (d.resultOn && d.result && (!latest || d.resultOn >= latest.resultOn)) latest = { resultOn: d.resultOn, result: d.result }
  return latest
}

/** A determination is pending, or a post-rehab relapse has had no result since (DOMAIN.md §5: test → determination). */
export function awaitingDetermination(facts: StatusFacts): boolean {
  if (facts.determinations.some((d) => d.result === null)) return true
  const relapse = facts.postRehab.reduce<string | undefined>((at, r) => (r.relapseOn && (!at || r.relapseOn > at) ? r.relapseOn : at), undefined)
  if (relapse === undefined) return false
  // Referred straight on the relapse (a ground of its own): the court's path answers it.
  if (facts.referrals.some((r) => answers(r) && r.dossierOn >= relapse)) return false
  const result = latestResult(facts)
  return !result || result.resultOn < relapse
}

/**
 * The day dependence was found and not yet answered: the latest result of dependence (or, with no result at
 * all, the registration as dependent: '' stands for "before any record"), when no plan registered since (that
 * did not end terminated), no methadone started since (still on it, or completed) and no referral since.
 * Undefined: nothing is waiting. A relapse awaiting determination is not this (the result comes first).
 */
export function unregisteredSince(facts: StatusFacts): string | undefined {
  const result = latestResult(facts)
  let since: string
  if (result) {
    if (result.result !== 'dependent') return undefined
    since = result.resultOn
  } else {
    if (facts.category !== 'dependent') return undefined
    since = ''
  }
  if (facts.plans.some((p) => p.registeredOn >= since && p.status !== 'terminated')) return undefined
  if (facts.methadone.some((m) => m.startOn >= since && (m.status === 'active' || m.endReason === 'completed'))) return undefined
  if (facts.referrals.some((r) => answers(r) && r.dossierOn >= since)) return undefined
  return since
}
