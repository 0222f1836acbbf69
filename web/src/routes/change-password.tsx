import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { Field } from '../components/field.tsx'
import { ErrorState } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'

export default function ChangePassword() {
  const { t, locale } = useI18n()
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value })

  const submit = async (event: Event) => {
    event.preventDefault()
    setDone(false)
    setFailure(null)
    if (form.newPassword !== form.confirm) return setErrors({ confirm: t('account.mismatch') })
    setBusy(true)
    try {
      await sendJson(endpoint('POST /api/auth/password'), { currentPassword: form.currentPassword, newPassword: form.newPassword })
      setErrors({})
      setForm({ currentPassword: '', newPassword: '', confirm: '' })
      setDone(true)
    } catch (err) {
      const fields = fieldErrors(err, t, locale)
      if (fields.currentPassword) fields.currentPassword = t('account.wrongCurrent')
      setErrors(fields)
      if (Object.keys(fields).length === 0) setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card narrow">
      <h1>{t('account.title')}</h1>
      <p class="muted">{t('account.rules')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('account.current')} type="password" autoComplete="current-password" required value={form.currentPassword} onInput={set('currentPassword')} error={errors.currentPassword} />
        <Field label={t('account.new')} type="password" autoComplete="new-password" required minLength={12} value={form.newPassword} onInput={set('newPassword')} error={errors.newPassword} />
        <Field label={t('account.confirm')} type="password" autoComplete="new-password" required value={form.confirm} onInput={set('confirm')} error={errors.confirm} />
        {failure !== null && <ErrorState error={failure} />}
        {done && (
          <p class="notice" role="status">
            {t('account.done')}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  )
}
