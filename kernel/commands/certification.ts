// The drug-free commune writes (decision 0037). The commune's preparing is offline-capable (merged into
// offlineCommands); criteria, populations, submission and the province's moves are online only: submission
// snapshots the server's figures, and the province works online.
import type { AnyCommand } from './command.ts'
import { assessmentCreate, assessmentUpdate } from './assessment-prepare.ts'

export const certificationOfflineCommands = {
  'assessment.create': assessmentCreate,
  'assessment.update': assessmentUpdate,
} as const satisfies Record<string, AnyCommand>
