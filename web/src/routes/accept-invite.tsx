import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { ApiError, endpoint, sendJson } from '../api.ts'
import { Field } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import { InvalidFields, useForm } from '../lib/use-form.ts'
import { useResource } from '../lib/use-resource.ts'

export default function AcceptInvite() {
  const { t } = useI18n()
  const { query } = useLocation()
  const token = /^[a-z2-7]{40}$/.test(query.token ?? '') ? query.token! : null
  const [info] = useResource(token ? endpoint('GET /api/auth/links/:token', { token }) : null)
  const form = useForm({ password: '', confirm: '' })
  const [done, setDone] = useState(false)
  const { values, errors, failure } = form

  if (!token || info.status === 'error') {
    return (
      <section class="card narrow">
        <h1>{t('invite.title')}</h1>
        <p class="form-error" role="alert">
          {t('invite.invalid')}
        </p>
      </section>
    )
  }
  if (info.status === 'loading') return <Loading />
  const link = info.data.data

  const onSubmit = (event: Event) => {
    event.preventDefault()
    void form.submit(async () => {
      if (values.password !== values.confirm) throw new InvalidFields({ confirm: t('account.mismatch') })
      await sendJson(endpoint('POST /api/auth/accept-invite'), { token, password: values.password })
      setDone(true)
    })
  }
  // Used, expired or replaced meanwhile: said plainly, as when the page opened on such a link.
  const linkGone = failure instanceof ApiError && failure.code === 'token_invalid'

  return (
    <section class="card narrow">
      <h1>{link.purpose === 'invite' ? t('invite.title') : t('invite.resetTitle')}</h1>
      <p>{t('invite.for', { username: link.username, name: link.displayName })}</p>
      <p class="muted">{t('invite.expires', { date: formatDateTime(link.expiresAt) })}</p>
      {done ? (
        <>
          <p class="notice" role="status">
            {t('invite.done')}
          </p>
          <a class="button primary" href="/login">
            {t('invite.goLogin')}
          </a>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p class="muted">{t('account.rules')}</p>
          <input type="text" name="username" autoComplete="username" value={link.username} hidden readOnly />
          <Field
            label={t('account.new')}
            type="password"
            autoComplete="new-password"
            required
            value={values.password}
            onInput={form.set('password')}
            error={errors.password}
          />
          <Field
            label={t('account.confirm')}
            type="password"
            autoComplete="new-password"
            required
            value={values.confirm}
            onInput={form.set('confirm')}
            error={errors.confirm}
          />
          {linkGone && (
            <p class="form-error" role="alert">
              {t('invite.invalid')}
            </p>
          )}
          {failure !== null && !linkGone && <ErrorState error={failure} />}
          <button type="submit" class="primary" disabled={form.busy || !values.password}>
            {t('invite.submit')}
          </button>
        </form>
      )}
    </section>
  )
}
