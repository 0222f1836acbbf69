// A commune's yearly assessment as a state machine (decision 0037): draft → submitted → returned ⇄ submitted →
// recognised | not_recognised. Pure: the commands, the screens' buttons and the property tests read this table.

export const assessmentStatuses = ['draft', 'submitted', 'returned', 'recognised', 'not_recognised'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]

export const assessmentMoves = ['submit', 'return', 'recognise', 'not_recognise'] as const
export type AssessmentMove = (typeof assessmentMoves)[number]

const TABLE: Readonly<Record<AssessmentStatus, Partial<Record<AssessmentMove, AssessmentStatus>>>> = {
  draft: { submit: 'submitted' },
  returned: { submit: 'submitted' },
  submitted: { return: 'returned', recognise: 'recognised', not_recognise: 'not_recognised' },
  recognised: {},
  not_recognised: {},
}

/** Who makes a move: the commune prepares and submits; the province's reviewer returns and decides. */
export const MOVE_SIDE: Readonly<Record<AssessmentMove, 'commune' | 'province'>> = {
  submit: 'commune',
  return: 'province',
  recognise: 'province',
  not_recognise: 'province',
}

export function allowedMoves(status: AssessmentStatus): AssessmentMove[] {
  return assessmentMoves.filter((move) => TABLE[status][move] !== undefined)
}

export type MoveOutcome = { ok: true; to: AssessmentStatus } | { ok: false; allowed: AssessmentMove[] }

export function move(status: AssessmentStatus, what: AssessmentMove): MoveOutcome {
  const to = TABLE[status][what]
  return to ? { ok: true, to } : { ok: false, allowed: allowedMoves(status) }
}

/** The commune may still change its answers and figures. */
export function isEditable(status: AssessmentStatus): boolean {
  return status === 'draft' || status === 'returned'
}

export function isFinal(status: AssessmentStatus): boolean {
  return allowedMoves(status).length === 0
}
