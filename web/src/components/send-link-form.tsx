import { sendJson, type ApiRequest } from '../api.ts'
import { useI18n } from '../i18n/i18n.tsx'
import type { LinkSent, UserView } from '../../../kernel/contract/identity.ts'
import { useForm } from '../lib/use-form.ts'
import { Field } from './field.tsx'
import { ErrorState } from './states.tsx'

/**
 * A new invite or reset link for `user`, e-mailed by the server to the address on file. An address can be
 * given only where the server takes one (services/user-admin.ts): none on file yet, or a never-activated
 * account whose invite went to a mistyped address.
 */
export function SendLinkForm({
  endpoint,
  user,
  onSent,
}: {
  endpoint: ApiRequest<'POST /api/p/:province/users/:userId/reset' | 'POST /api/admin/provinces/:province/admins/:userId/reset'>
  user: UserView
  onSent: (sent: LinkSent) => void
}) {
  const { t } = useI18n()
  const form = useForm({ email: '' })
  const needsEmail = user.maskedEmail === null
  const mayFix = !needsEmail && user.status === 'invited'

  const submit = (event: Event) => {
    event.preventDefault()
    void form.submit(async () => {
      const email = form.values.email.trim()
      const { data } = await sendJson(endpoint, email ? { email } : {})
      onSent(data)
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{needsEmail ? t('users.sendNeedsEmail') : t('users.sendTo', { address: user.maskedEmail ?? '' })}</p>
      {(needsEmail || mayFix) && (
        <Field
          label={needsEmail ? t('users.email') : t('users.emailFix')}
          type="email"
          required={needsEmail}
          autoCapitalize="none"
          spellcheck={false}
          autoComplete="off"
          value={form.values.email}
          onInput={form.set('email')}
          error={form.errors.email}
        />
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <button type="submit" class="primary" disabled={form.busy}>
        {t('users.send')}
      </button>
    </form>
  )
}
