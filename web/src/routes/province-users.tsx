import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { administers } from '../../../kernel/policy.ts'
import { AccessForm } from '../components/access-form.tsx'
import { Dialog } from '../components/dialog.tsx'
import { SelectField } from '../components/field.tsx'
import { InviteForm } from '../components/invite-form.tsx'
import { LinkSentView } from '../components/issued-link.tsx'
import { SendLinkForm } from '../components/send-link-form.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { UserCard } from '../components/user-card.tsx'
import type { LinkSent, UserView } from '../../../kernel/contract/identity.ts'
import { useResource } from '../lib/use-resource.ts'

type Panel = { kind: 'invite' } | { kind: 'send'; user: UserView } | { kind: 'sent'; sent: LinkSent } | { kind: 'access'; user: UserView } | null

export default function ProvinceUsers() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const location = useLocation()
  const province = me.province?.code ?? ''
  // An account linked from the audit trail (?user=ID) is shown first, whatever page of the list it is on.
  const focusId = /^[0-9a-f-]{36}$/.test(location.query.user ?? '') ? location.query.user! : null
  const [focused] = useResource(focusId ? endpoint('GET /api/p/:province/users/:userId', { province, userId: focusId }) : null)
  const [status, setStatus] = useState('')
  const [after, setAfter] = useState<string | null>(null)
  const [users, reload] = useResource(endpoint('GET /api/p/:province/users', { province }, { limit: 25, status, after: after ?? undefined }))
  const [communes] = useResource(endpoint('GET /api/p/:province/communes', { province }))
  const [panel, setPanel] = useState<Panel>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const communeName = new Map(communes.status === 'ready' ? communes.data.data.map((c) => [c.code, c.name]) : [])

  const act = async (user: UserView, action: 'disable' | 'enable' | 'reset') => {
    if (action === 'reset') return setPanel({ kind: 'send', user })
    if (action === 'disable' && !confirm(t('users.confirmDisable', { name: user.displayName }))) return
    setActionError(null)
    try {
      await sendJson(endpoint(`POST /api/p/:province/users/:userId/${action}`, { province, userId: user.id }))
      reload()
    } catch (err) {
      setActionError(err)
    }
  }

  return (
    <section>
      <div class="page-head">
        <h1>{t('users.title')}</h1>
        <button type="button" class="primary" onClick={() => setPanel({ kind: 'invite' })} disabled={communes.status !== 'ready'}>
          {t('users.invite')}
        </button>
      </div>
      <div class="filters">
        <SelectField
          label={t('users.filterStatus')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value)
            setAfter(null)
          }}
          options={[
            { value: '', label: t('users.all') },
            { value: 'active', label: t('status.active') },
            { value: 'invited', label: t('status.invited') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
        />
      </div>
      {focusId && (
        <section aria-label={t('audit.focusedUser')}>
          <h2>{t('audit.focusedUser')}</h2>
          {focused.status === 'loading' && <Loading />}
          {focused.status === 'error' && <ErrorState error={focused.error} />}
          {focused.status === 'ready' && (
            <ul class="cards">
              <UserCard user={focused.data.data} communeNames={communeName} onAction={() => {}} readOnly />
            </ul>
          )}
        </section>
      )}
      {actionError !== null && <ErrorState error={actionError} />}
      {users.status === 'loading' && <Loading />}
      {users.status === 'error' && <ErrorState error={users.error} onRetry={reload} />}
      {users.status === 'ready' && users.data.data.length === 0 && <Empty>{t('users.empty')}</Empty>}
      {users.status === 'ready' && users.data.data.length > 0 && (
        <ul class="cards">
          {users.data.data.map((user) =>
            !administers(actor, user.role) ? (
              <UserCard key={user.id} user={user} communeNames={communeName} onAction={() => {}} readOnly />
            ) : (
              <UserCard
                key={user.id}
                user={user}
                communeNames={communeName}
                onAction={(action) => void act(user, action)}
                onAccess={communes.status === 'ready' ? () => setPanel({ kind: 'access', user }) : undefined}
              />
            ),
          )}
        </ul>
      )}
      {users.status === 'ready' && (
        <div class="pager">
          {after && (
            <button type="button" onClick={() => setAfter(null)}>
              {t('common.first')}
            </button>
          )}
          {users.data.next && (
            <button type="button" onClick={() => setAfter(users.data.next)}>
              {t('common.next')}
            </button>
          )}
        </div>
      )}
      <Dialog title={t('users.invite')} open={panel?.kind === 'invite'} onClose={() => setPanel(null)}>
        {communes.status === 'ready' && (
          <InviteForm
            endpoint={endpoint('POST /api/p/:province/users', { province })}
            communes={communes.data.data}
            onSent={(sent) => {
              setPanel({ kind: 'sent', sent })
              reload()
            }}
          />
        )}
      </Dialog>
      <Dialog
        title={panel?.kind === 'send' ? t('users.sendTitle', { name: panel.user.displayName }) : t('users.send')}
        open={panel?.kind === 'send'}
        onClose={() => setPanel(null)}
      >
        {panel?.kind === 'send' && (
          <SendLinkForm
            endpoint={endpoint('POST /api/p/:province/users/:userId/reset', { province, userId: panel.user.id })}
            user={panel.user}
            onSent={(sent) => {
              setPanel({ kind: 'sent', sent })
              reload()
            }}
          />
        )}
      </Dialog>
      <Dialog title={t('users.linkTitle')} open={panel?.kind === 'sent'} onClose={() => setPanel(null)}>
        {panel?.kind === 'sent' && <LinkSentView sent={panel.sent} />}
      </Dialog>
      <Dialog
        title={panel?.kind === 'access' ? t('users.scopeTitle', { name: panel.user.displayName }) : t('users.scope')}
        open={panel?.kind === 'access'}
        onClose={() => setPanel(null)}
      >
        {panel?.kind === 'access' && communes.status === 'ready' && (
          <AccessForm
            province={province}
            user={panel.user}
            communes={communes.data.data}
            onSaved={() => {
              setPanel(null)
              reload()
            }}
          />
        )}
      </Dialog>
    </section>
  )
}
