import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'
import { onUpdateReady, applyUpdate } from '../sw-register.ts'
import { useOnline } from '../lib/use-online.ts'
import { IconOffline } from './icons.tsx'

/** Visible whenever the browser reports no network; the app keeps working from its cached shell. */
export function OfflineBanner() {
  const { t } = useI18n()
  const online = useOnline()
  if (online) return null
  return (
    <div class="banner banner--offline" role="status">
      <IconOffline /> {t('offline.banner')}
    </div>
  )
}

/** "A new version is available — reload": shown when a new service worker is waiting. */
export function UpdateBanner() {
  const { t } = useI18n()
  const [ready, setReady] = useState(false)
  useEffect(() => onUpdateReady(() => setReady(true)), [])
  if (!ready) return null
  return (
    <div class="banner banner--update" role="status">
      {t('update.banner')}{' '}
      <button type="button" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
    </div>
  )
}
