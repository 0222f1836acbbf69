import { useState } from 'preact/hooks'
import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import type { IssuedLink } from '../../../kernel/contract/identity.ts'
import { IconCopy } from './icons.tsx'

/** The one-time link, shown once, with a copy button (no e-mail is assumed: the admin hands it over). */
export function IssuedLinkView({ issued }: { issued: IssuedLink }) {
  const { t } = useI18n()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.link.url)
      setCopied(true)
    } catch {
      // Clipboard refused (insecure context): the text field below stays selectable.
    }
  }
  return (
    <div class="issued-link">
      <p>{t('users.linkBody', { name: issued.user.displayName, date: formatDateTime(issued.link.expiresAt) })}</p>
      <label for="issued-link">{t('users.linkTitle')}</label>
      <input id="issued-link" readOnly value={issued.link.url} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => void copy()}>
        <IconCopy /> {t('users.copy')}
      </button>
      {copied && <span role="status"> {t('users.copied')}</span>}
    </div>
  )
}
