// The overlay with every offline command bound. The app loads the two apart (use-local.ts): the commands are the
// larger half, and loading them as their own chunk keeps each lazily loaded unit within the web budget.
import { offlineCommands } from '../../../kernel/commands/index.ts'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import type { PulledCertification } from '../../../kernel/contract/sync.ts'
import { overlayWith } from './overlay-core.ts'
import type { OutboxEntry, Records } from './types.ts'
import type { View } from './view.ts'

export function overlay(records: Records, entries: readonly OutboxEntry[], rules?: CaseRules, certification?: PulledCertification): View {
  return overlayWith(offlineCommands, records, entries, rules, certification)
}
