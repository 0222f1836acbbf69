// The schema of a legal decision as a command's body carries it (kernel/domain/legal-decision.ts has the shape),
// and the reading of a stored one: the server's and the commands' (valibot), not the screens', which only show them.
import * as v from 'valibot'
import { TextField } from '../text-hygiene.ts'
import { signerRoles, type LegalDecision } from './legal-decision.ts'

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
