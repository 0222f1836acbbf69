// The decision a step of the law rests on (DOMAIN.md §3: "each change cites a decision"). Every record the law
// ties to a decision carries one of these — a plan's start, suspension, termination, transfer and completion
// certificate (on the plan transition), post-rehab opening and ending, management periods, the addiction
// determination, the compulsory-rehab referral — so the timeline can show each decision and who recorded it.

/** Who signs: the commune chair for most steps; a court, a health facility or the police for theirs. */
export const signerRoles = [
  'commune_chair',
  'commune_vice_chair',
  'commune_police_chief',
  'provincial_police',
  // The provincial People's Committee chair: signs a drug-free commune's recognition (decision 0037).
  'provincial_chair',
  'health_facility',
  'court',
  'rehab_facility',
  'other',
] as const
export type SignerRole = (typeof signerRoles)[number]

export interface LegalDecision {
  /** The decision's number as printed ("12/QĐ-UBND"). */
  number: string
  /** The day it was signed (YYYY-MM-DD, Vietnam). */
  date: string
  /** The signer's name. */
  signer: string
  signerRole: SignerRole
  /** The issuing body ("UBND xã Tân Hòa", "Tòa án nhân dân khu vực 2"). */
  body: string
}

/** The 400 issue of a decision dated in the future, or undefined. `field` is where the decision sits. */
export function decisionDateProblem(decision: Pick<LegalDecision, 'date'> | null | undefined, today: string, field = 'json.decision') {
  return decision && decision.date > today ? { field: `${field}.date`, message: 'must not be in the future' } : undefined
}

/** A decision as a timeline event's flat summary fields (none recorded: no fields), the server's and the phone's alike. */
export function decisionSummary(decision: LegalDecision | null | undefined): Record<string, string> {
  if (!decision) return {}
  return {
    decisionNumber: decision.number,
    decisionDate: decision.date,
    decisionSigner: decision.signer,
    decisionSignerRole: decision.signerRole,
    decisionBody: decision.body,
  }
}
