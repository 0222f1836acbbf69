// The screens' read side for commune officers: the store, with the queued changes laid over it, re-read whenever
// it changes (a sync, a queued change, another tab).
import { useEffect, useState } from 'preact/hooks'
import type { PulledCertification } from '../../../kernel/contract/sync.ts'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import type { ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import { openedStore, syncNow } from './session.ts'
import { caseRulesOfMeta, reviewPolicyOf } from './settings.ts'
import { useSyncStatus } from './status.ts'
import type { CommuneRecord, OutboxEntry } from './types.ts'
import type { View } from './view.ts'

export type LocalData =
  | { status: 'loading' }
  | {
      status: 'ready'
      view: View
      entries: OutboxEntry[]
      communes: CommuneRecord[]
      complete: boolean
      lastSyncedAt: string | null
      reviewPolicy: ReviewPolicy
      /** The province's case rules as last pulled (the defaults before any were). */
      caseRules: CaseRules
      /** The drug-free criteria and figures as last pulled (decision 0044); null before the first pull ends. */
      certification: PulledCertification | null
    }

export function useLocalData(): LocalData {
  const { revision } = useSyncStatus()
  const [state, setState] = useState<LocalData>({ status: 'loading' })
  // Opening a screen online also asks for what changed on the server (an incremental pull is one small request).
  useEffect(() => {
    if (navigator.onLine) void syncNow()
  }, [])
  useEffect(() => {
    let live = true
    void (async () => {
      const s = await openedStore()
      const [records, entries, communes, meta, { overlayWith }, { offlineCommands }] = await Promise.all([
        s.records(),
        s.entries(),
        s.communes(),
        s.meta(),
        import('./overlay-core.ts'),
        import('../../../kernel/commands/index.ts'),
      ])
      const caseRules = caseRulesOfMeta(meta)
      if (live)
        setState({
          status: 'ready',
          view: overlayWith(offlineCommands, records, entries, caseRules, meta.certification),
          certification: meta.certification ?? null,
          caseRules,
          entries,
          communes,
          complete: meta.complete,
          lastSyncedAt: meta.lastSyncedAt,
          reviewPolicy: reviewPolicyOf(meta),
        })
    })()
    return () => {
      live = false
    }
  }, [revision])
  return state
}
