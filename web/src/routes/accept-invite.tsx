import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { ApiError, endpoint, sendJson } from '../api.ts'
import { Field } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'
import { useResource } from '../lib/use-resource.ts'


export default function AcceptInvite() {
  const { t, locale } = useI18n()
  const { query } = useLocation()
  const token = /^[a-z2-7]{40}$/.test(query.token ?? '') ? query.token! : null
  const [info] = useResource(token ? endpoint('GET /api/auth/links/:token', { token }) : null)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)

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

  const submit = async (event: Event) => {
    event.preventDefault()
    if (password !== confirm) return setErrors({ confirm: t('account.mismatch') })
    setBusy(true)
    setFailure(null)
    try {
      await sendJson(endpoint('POST /api/auth/accept-invite'), { token, password })
      setDone(true)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'token_invalid') return setFailure('invalid')
      const fields = fieldErrors(err, t, locale)
      setErrors(fields)
      if (Object.keys(fields).length === 0) setFailure(err)
    } finally {
      setBusy(false)
    }
  }

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
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p class="muted">{t('account.rules')}</p>
          <input type="text" name="username" autoComplete="username" value={link.username} hidden readOnly />
          <Field label={t('account.new')} type="password" autoComplete="new-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} error={errors.password} />
          <Field label={t('account.confirm')} type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} error={errors.confirm} />
          {failure === 'invalid' && (
            <p class="form-error" role="alert">
              {t('invite.invalid')}
            </p>
          )}
          {failure !== null && failure !== 'invalid' && <ErrorState error={failure} />}
          <button type="submit" class="primary" disabled={busy || !password}>
            {t('invite.submit')}
          </button>
        </form>
      )}
    </section>
  )
}
