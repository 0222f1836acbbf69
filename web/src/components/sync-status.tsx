// The visible side of offline sync in the shell: the header's indicator, the sign-out warning when changes were
// not sent, and the question about another user's unsent changes. The engine itself is a lazy chunk.
import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { useAuth, type ForeignChanges } from '../auth.tsx'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import { loadOffline, useSyncStatus } from '../offline/status.ts'
import { Dialog } from './dialog.tsx'
import { IconLogout } from './icons.tsx'

/** "3 chờ gửi", "1 lỗi", "Đã đồng bộ"…: a link to the sync screen, for commune officers. */
export function SyncIndicator() {
  const status = useSyncStatus()
  const { t } = useI18n()
  if (!status.active) return null
  const [tone, text] =
    status.conflicts > 0
      ? ['alert', t('sync.chip.conflicts', { count: formatNumber(status.conflicts) })]
      : status.failed > 0
        ? ['alert', t('sync.chip.failed', { count: formatNumber(status.failed) })]
        : status.pending > 0
          ? ['pending', t('sync.chip.pending', { count: formatNumber(status.pending) })]
          : !status.complete
            ? ['pending', t('sync.chip.downloading')]
            : ['ok', t('sync.chip.synced')]
  return (
    <a href="/sync" class={`sync-chip sync-chip--${tone}`} data-testid="sync-status">
      <span class="visually-hidden">{t('sync.title')}: </span>
      {text}
    </a>
  )
}

/** Sign-out: with changes not sent yet, the officer chooses to sync first or to discard them, never silently. */
export function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { signOut } = useAuth()
  const status = useSyncStatus()
  const { t } = useI18n()
  const { route } = useLocation()
  const [asking, setAsking] = useState(false)
  const unsent = status.pending + status.failed + status.conflicts
  const leave = () => {
    setAsking(false)
    void signOut().finally(onSignedOut)
  }
  return (
    <>
      <button type="button" class="link" onClick={() => (status.active && unsent > 0 ? setAsking(true) : leave())}>
        <IconLogout /> {t('header.signOut')}
      </button>
      <Dialog title={t('signOut.unsentTitle')} open={asking} onClose={() => setAsking(false)}>
        <p>{t('signOut.unsentBody', { count: formatNumber(unsent) })}</p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => {
              setAsking(false)
              route('/sync')
              void loadOffline().then((offline) => offline.syncNow())
            }}
          >
            {t('signOut.syncFirst')}
          </button>
          <button type="button" class="danger" onClick={leave}>
            {t('signOut.discard')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  )
}

/** Signed in over another user's unsent changes: only that user can send them (the server checks who sends). */
export function ForeignChangesDialog({ foreign }: { foreign: ForeignChanges }) {
  const { signOut, discardForeign } = useAuth()
  const { t } = useI18n()
  const { route } = useLocation()
  const [confirming, setConfirming] = useState(false)
  return (
    <Dialog title={t('foreign.title')} open onClose={() => {}}>
      <p>{t('foreign.body', { count: formatNumber(foreign.pending), owner: foreign.owner })}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void signOut({ keepOffline: true }).finally(() => route('/login'))}>
          {t('foreign.signOut')}
        </button>
        {confirming ? (
          <button type="button" class="danger" onClick={() => void discardForeign()}>
            {t('foreign.confirmDiscard', { count: formatNumber(foreign.pending) })}
          </button>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            {t('foreign.discard')}
          </button>
        )}
      </div>
    </Dialog>
  )
}
