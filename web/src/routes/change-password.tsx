import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { Field } from '../components/field.tsx'
import { ErrorState } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'
import { InvalidFields, useForm } from '../lib/use-form.ts'

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' }

export default function ChangePassword() {
  const { t, locale } = useI18n()
  const form = useForm(EMPTY)
  const [done, setDone] = useState(false)
  const { values, errors, set } = form

  const onSubmit = (event: Event) => {
    event.preventDefault()
    setDone(false)
    void form.submit(async () => {
      if (values.newPassword !== values.confirm) throw new InvalidFields({ confirm: t('account.mismatch') })
      try {
        await sendJson(endpoint('POST /api/auth/password'), { currentPassword: values.currentPassword, newPassword: values.newPassword })
      } catch (err) {
        // Whatever the server says about the current password, the person needs to hear only that it is wrong.
        const fields = fieldErrors(err, t, locale)
        throw fields.currentPassword ? new InvalidFields({ ...fields, currentPassword: t('account.wrongCurrent') }) : err
      }
      form.setValues(EMPTY)
      setDone(true)
    })
  }

  return (
    <section class="card narrow">
      <h1>{t('account.title')}</h1>
      <p class="muted">{t('account.rules')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={t('account.current')}
          type="password"
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onInput={set('currentPassword')}
          error={errors.currentPassword}
        />
        <Field
          label={t('account.new')}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={values.newPassword}
          onInput={set('newPassword')}
          error={errors.newPassword}
        />
        <Field
          label={t('account.confirm')}
          type="password"
          autoComplete="new-password"
          required
          value={values.confirm}
          onInput={set('confirm')}
          error={errors.confirm}
        />
        {form.failure !== null && <ErrorState error={form.failure} />}
        {done && (
          <p class="notice" role="status">
            {t('account.done')}
          </p>
        )}
        <button type="submit" class="primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  )
}
