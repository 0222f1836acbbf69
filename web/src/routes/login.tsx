import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { useAuth } from '../auth.tsx'
import { Field } from '../components/field.tsx'
import { useI18n } from '../i18n/i18n.tsx'

/** The sign-in form; also shown in the "session expired" dialog with the username filled in. */
export function LoginForm({ username: knownUsername }: { username?: string }) {
  const { signIn } = useAuth()
  const { t } = useI18n()
  const [username, setUsername] = useState(knownUsername ?? '')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(username.trim(), password)
    } catch (err) {
      setPassword('')
      if (err instanceof ApiError && err.code === 'too_many_requests') {
        const seconds = typeof err.details === 'object' && err.details && 'retryAfterSeconds' in err.details ? Number(err.details.retryAfterSeconds) : 60
        setError(t('login.throttled', { seconds }))
      } else if (err instanceof ApiError && (err.code === 'invalid_credentials' || err.status === 400)) setError(t('login.invalid'))
      else if (err instanceof ApiError && err.code === 'network') setError(t('error.network'))
      else setError(t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('login.username')} name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} autoCapitalize="none" spellcheck={false} />
      <Field label={t('login.password')} name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !username || !password}>
        {busy ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  )
}

export function LoginPage() {
  const { t } = useI18n()
  const { query } = useLocation()
  return (
    <section class="card narrow">
      <h1>{t('app.name')}</h1>
      <p class="muted">{t('app.tagline')}</p>
      <h2>{t('login.title')}</h2>
      {query.expired && (
        <p class="notice" role="status">
          {t('login.expired')}
        </p>
      )}
      <LoginForm />
    </section>
  )
}
