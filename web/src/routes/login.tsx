import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { useAuth } from '../auth.tsx'
import { Field } from '../components/field.tsx'
import { type MessageKey, useI18n } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** What to tell the person when signing in failed. */
function signInFailure(err: unknown, t: T): string {
  if (err instanceof ApiError && err.code === 'too_many_requests') {
    const seconds = typeof err.details === 'object' && err.details && 'retryAfterSeconds' in err.details ? Number(err.details.retryAfterSeconds) : 60
    return t('login.throttled', { seconds })
  }
  if (err instanceof ApiError && (err.code === 'invalid_credentials' || err.status === 400)) return t('login.invalid')
  if (err instanceof ApiError && err.code === 'network') return t('error.network')
  return t('error.generic')
}

/** The sign-in form; also shown in the "session expired" dialog with the username filled in. */
export function LoginForm({ username: knownUsername }: { username?: string }) {
  const { signIn } = useAuth()
  const { t } = useI18n()
  const form = useForm({ username: knownUsername ?? '', password: '' })
  const [error, setError] = useState<string | null>(null)
  const { username, password } = form.values

  // A wrong password answers 401, which for every other form means "session expired": this form handles its
  // own failures, so useForm only runs the submission (busy state, one request at a time).
  const onSubmit = (event: Event) => {
    event.preventDefault()
    setError(null)
    void form.submit(async () => {
      try {
        await signIn(username.trim(), password)
      } catch (err) {
        form.setValues((v) => ({ ...v, password: '' }))
        setError(signInFailure(err, t))
      }
    })
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field
        label={t('login.username')}
        name="username"
        autoComplete="username"
        required
        value={username}
        onInput={form.set('username')}
        autoCapitalize="none"
        spellcheck={false}
      />
      <Field
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onInput={form.set('password')}
      />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={form.busy || !username || !password}>
        {form.busy ? t('login.submitting') : t('login.submit')}
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
