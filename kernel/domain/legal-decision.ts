// The decision a step of the law rests on (DOMAIN.md §3: "each change cites a decision"). Every record the law
// ties to a decision carries one of these — a plan's start, suspension, termination, transfer and completion
// certificate (on the plan transition), post-rehab opening and ending, management periods, the addiction
// determination, the compulsory-rehab referral — so the timeline can show each decision and who recorded it.
import * as v from 'valibot'
import { TextField } from '../text-hygiene.ts'

/** Who signs: the commune chair for most steps; a court, a health facility or the police for theirs. */
export const signerRoles = [
  'commune_chair',
  'commune_vice_chair',
  'commune_police_chief',
  'provincial_police',
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

const text = (max: number) => v.pipe(TextField('line', 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))

/**
 * The input of a decision, nested under `decision` in a command's body: a missing number answers 400 naming
 * `json.decision.number`. A decision dated after today is refused by `decisionDateProblem` (the command's check).
 */
export const DecisionInput = v.object(
  {
    number: text(50),
    date: v.pipe(
      v.string('must be a date YYYY-MM-DD'),
      v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
      v.check((s) => {
        const d = new Date(`${s}T00:00:00Z`)
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
      }, 'is not a real calendar date'),
    ),
    signer: text(100),
    signerRole: v.picklist(signerRoles, `must be one of ${signerRoles.join(', ')}`),
    body: text(200),
  },
  'must be the decision: { number, date, signer, signerRole, body }',
)

/** The 400 issue of a decision dated in the future, or undefined. `field` is where the decision sits. */
export function decisionDateProblem(decision: Pick<LegalDecision, 'date'> | null | undefined, today: string, field = 'json.decision') {
  return decision && decision.date > today ? { field: `${field}.date`, message: 'must not be in the future' } : undefined
}

/** A stored decision (a JSON column) read back; anything unreadable counts as none. */
export function parseStoredDecision(value: string | null | undefined): LegalDecision | null {
  if (!value) return null
  try {
    const parsed = v.safeParse(DecisionInput, JSON.parse(value))
    return parsed.success ? parsed.output : null
  } catch {
    return null
  }
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
