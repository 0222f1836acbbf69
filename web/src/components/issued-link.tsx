import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import type { LinkSent } from '../../../kernel/contract/identity.ts'

/**
 * Where the one-time link was e-mailed and until when it works. The link itself never reaches the admin's
 * screen (decision 0018): only its owner, through the mailbox, can use it.
 */
export function LinkSentView({ sent }: { sent: LinkSent }) {
  const { t } = useI18n()
  const params = { name: sent.user.displayName, address: sent.delivery.sentTo }
  return (
    <div class="issued-link" role="status">
      <p>{sent.delivery.purpose === 'invite' ? t('users.sentInvite', params) : t('users.sentReset', params)}</p>
      <p>{t('users.sentExpiry', { date: formatDateTime(sent.delivery.expiresAt) })}</p>
    </div>
  )
}
