import { useRoute } from 'preact-iso'
import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { Dialog } from '../components/dialog.tsx'
import { InviteForm } from '../components/invite-form.tsx'
import { LinkSentView } from '../components/issued-link.tsx'
import { SendLinkForm } from '../components/send-link-form.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { UserCard } from '../components/user-card.tsx'
import type { LinkSent, UserView } from '../../../kernel/contract/identity.ts'
import { useResource } from '../lib/use-resource.ts'

/** One province for central admins: its administrators, inviting one (the last onboarding step). */
export default function AdminProvince() {
  const { params } = useRoute()
  const code = /^\d{2}$/.test(params.code ?? '') ? params.code! : '00'
  const { t } = useI18n()
  const [admins, reload] = useResource(endpoint('GET /api/admin/provinces/:province/admins', { province: code }))
  const [panel, setPanel] = useState<{ kind: 'invite' } | { kind: 'send'; user: UserView } | { kind: 'sent'; sent: LinkSent } | null>(null)
  const [failure, setFailure] = useState<unknown>(null)

  const act = async (user: UserView, action: 'disable' | 'enable' | 'reset') => {
    if (action === 'reset') return setPanel({ kind: 'send', user })
    if (action === 'disable' && !confirm(t('users.confirmDisable', { name: user.displayName }))) return
    setFailure(null)
    try {
      await sendJson(endpoint(`POST /api/admin/provinces/:province/admins/:userId/${action}`, { province: code, userId: user.id }))
      reload()
    } catch (err) {
      setFailure(err)
    }
  }

  return (
    <section>
      <p>
        <a href="/admin/provinces">← {t('provinces.back')}</a>
      </p>
      <div class="page-head">
        <h1>
          {t('provinces.admins')} · {code}
        </h1>
        <button type="button" class="primary" onClick={() => setPanel({ kind: 'invite' })}>
          {t('provinces.inviteAdmin')}
        </button>
      </div>
      {failure !== null && <ErrorState error={failure} />}
      {admins.status === 'loading' && <Loading />}
      {admins.status === 'error' && <ErrorState error={admins.error} onRetry={reload} />}
      {admins.status === 'ready' && admins.data.data.length === 0 && <Empty>{t('provinces.noAdmins')}</Empty>}
      {admins.status === 'ready' && admins.data.data.length > 0 && (
        <ul class="cards">
          {admins.data.data.map((user) => (
            <UserCard key={user.id} user={user} onAction={(action) => void act(user, action)} />
          ))}
        </ul>
      )}
      <Dialog title={t('provinces.inviteAdmin')} open={panel?.kind === 'invite'} onClose={() => setPanel(null)}>
        <InviteForm
          endpoint={endpoint('POST /api/admin/provinces/:province/admins', { province: code })}
          onSent={(sent) => {
            setPanel({ kind: 'sent', sent })
            reload()
          }}
        />
      </Dialog>
      <Dialog
        title={panel?.kind === 'send' ? t('users.sendTitle', { name: panel.user.displayName }) : t('users.send')}
        open={panel?.kind === 'send'}
        onClose={() => setPanel(null)}
      >
        {panel?.kind === 'send' && (
          <SendLinkForm
            endpoint={endpoint('POST /api/admin/provinces/:province/admins/:userId/reset', { province: code, userId: panel.user.id })}
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
    </section>
  )
}
