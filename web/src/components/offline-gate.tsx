import type { ComponentChildren } from 'preact'
import { useI18n } from '../i18n/i18n.tsx'
import type { SyncPhase } from '../offline/sync.ts'

/**
 * A commune officer's screen before the first download has finished: a loading state while it runs, otherwise
 * what the phone holds so far under a note saying that more needs a connection.
 */
export function OfflineGate({ complete, phase, children }: { complete: boolean; phase: SyncPhase; children: ComponentChildren }) {
  const { t } = useI18n()
  if (complete) return <>{children}</>
  if (phase === 'syncing' || phase === 'idle') {
    return (
      <p class="state" role="status">
        {t('sync.downloading')}
      </p>
    )
  }
  return (
    <>
      <p class="notice" role="status">
        {t('sync.incomplete')}
      </p>
      {children}
    </>
  )
}
