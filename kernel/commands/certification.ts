// The drug-free commune writes (decision 0037). The commune's preparing and its submission are offline-capable
// (merged into offlineCommands; decision 0044): a queued submission is decided by the server at sync, on the
// server's figures, and a refusal (criteria_unconfirmed, a stale version) comes back to the phone. Criteria,
// populations and the province's moves are online only: the province works online (decision 0041).
import type { AnyCommand } from './command.ts'
import { assessmentCreate, assessmentUpdate } from './assessment-prepare.ts'
import { assessmentSubmit } from './assessment-review.ts'

export const certificationOfflineCommands = {
  'assessment.create': assessmentCreate,
  'assessment.update': assessmentUpdate,
  'assessment.submit': assessmentSubmit,
} as const satisfies Record<string, AnyCommand>
