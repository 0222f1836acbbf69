import { formatDate, useI18n } from '../i18n/i18n.tsx'
import type { UserView } from '../../../kernel/contract/identity.ts'

export type UserAction = 'disable' | 'enable' | 'reset'

/** One account in a list, with the actions an administrator has on it (province officers or province admins). */
export function UserCard({
  user,
  communeNames,
  onAction,
  onAccess,
  readOnly = false,
}: {
  user: UserView
  communeNames?: Map<string, string>
  onAction: (action: UserAction) => void
  onAccess?: (() => void) | undefined
  /** Province admins in a province admin's list: managed by central admins, so no actions here. */
  readOnly?: boolean
}) {
  const { t } = useI18n()
  return (
    <li class="card">
      <p>
        <strong>{user.displayName}</strong> <span class="muted">@{user.username}</span>
      </p>
      <p>
        {t(`role.${user.role}`)} · <span class={`badge badge--${user.status}`}>{t(`status.${user.status}`)}</span>
      </p>
      {user.communes.length > 0 && <p class="muted">{user.communes.map((c) => communeNames?.get(c) ?? c).join(', ')}</p>}
      <p class="muted">{user.maskedEmail ? t('users.emailOnFile', { address: user.maskedEmail }) : t('users.noEmail')}</p>
      <p class="muted">
        {t('users.lastLogin')}: {user.lastLoginAt ? formatDate(user.lastLoginAt) : t('users.never')}
      </p>
      {!readOnly && (
        <div class="actions" role="group" aria-label={`${t('users.actions')}: ${user.displayName}`}>
          {user.status === 'disabled' ? (
            <button type="button" onClick={() => onAction('enable')}>
              {t('users.enable')}
            </button>
          ) : (
            <>
              <button type="button" onClick={() => onAction('reset')}>
                {user.status === 'invited' ? t('users.resend') : t('users.reset')}
              </button>
              {onAccess && (
                <button type="button" onClick={onAccess}>
                  {t('users.scope')}
                </button>
              )}
              <button type="button" class="danger" onClick={() => onAction('disable')}>
                {t('users.disable')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  )
}
