import { useRoute } from 'preact-iso'
import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { Dialog } from '../components/dialog.tsx'
import { InviteForm } from '../components/invite-form.tsx'
import { IssuedLinkView } from '../components/issued-link.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { UserCard } from '../components/user-card.tsx'
import type { IssuedLink, UserView } from '../../../kernel/contract/identity.ts'
import { useResource } from '../lib/use-resource.ts'

/** One province for central admins: its administrators, inviting one (the last onboarding step). */
export default function AdminProvince() {
  const { params } = useRoute()
  const code = /^\d{2}$/.test(params.code ?? '') ? params.code! : '00'
  const { t } = useI18n()
  const [admins, reload] = useResource(endpoint('GET /api/admin/provinces/:province/admins', { province: code }))
  const [panel, setPanel] = useState<{ kind: 'invite' } | { kind: 'link'; issued: IssuedLink } | null>(null)
  const [failure, setFailure] = useState<unknown>(null)

  const act = async (user: UserView, action: 'disable' | 'enable' | 'reset') => {
    if (action === 'disable' && !confirm(t('users.confirmDisable', { name: user.displayName }))) return
    setFailure(null)
    try {
      const { data } = await sendJson(endpoint(`POST /api/admin/provinces/:province/admins/:userId/${action}`, { province: code, userId: user.id }))
      if ('link' in data) setPanel({ kind: 'link', issued: data })
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
          onIssued={(issued) => {
            setPanel({ kind: 'link', issued })
            reload()
          }}
        />
      </Dialog>
      <Dialog title={t('users.linkTitle')} open={panel?.kind === 'link'} onClose={() => setPanel(null)}>
        {panel?.kind === 'link' && <IssuedLinkView issued={panel.issued} />}
      </Dialog>
    </section>
  )
}
