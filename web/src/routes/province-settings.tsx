import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import type { ProvinceSettings as ProvinceSettingsData } from '../../../kernel/contract/platform.ts'
import { useMe } from '../auth.tsx'
import { Field } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'
import { useResource } from '../lib/use-resource.ts'
import { CaseRulesForm } from './case-rules-form.tsx'

/** A whole number as typed goes to the server as a number; anything else as typed, for the server to name. */
const asNumber = (value: string): number | string => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : value.trim())

/** The province admin's settings of the province (PUT /api/p/:province/settings): the review policy and the case rules. */
export default function ProvinceSettings() {
  const me = useMe()
  const { t } = useI18n()
  const province = me.province?.code ?? ''
  const [settings, reload] = useResource(endpoint('GET /api/p/:province/settings', { province }))
  return (
    <section class="card narrow">
      <h1>{t('settings.title')}</h1>
      {settings.status === 'loading' && <Loading />}
      {settings.status === 'error' && <ErrorState error={settings.error} onRetry={reload} />}
      {settings.status === 'ready' && (
        <>
          <ReviewPolicyForm province={province} settings={settings.data.data} />
          <CaseRulesForm province={province} settings={settings.data.data} />
        </>
      )}
    </section>
  )
}

/**
 * The server refuses these two fields only for being out of their bounds (worker/schemas/settings.ts): the
 * message next to the field says the bounds in the user's language.
 */
function ReviewPolicyForm({ province, settings }: { province: string; settings: ProvinceSettingsData }) {
  const { t } = useI18n()
  const [current, setCurrent] = useState(settings)
  const [saved, setSaved] = useState(false)
  const form = useForm({ intervalMonths: String(settings.reviewPolicy.intervalMonths), graceDays: String(settings.reviewPolicy.graceDays) })
  const onSubmit = (event: Event) => {
    event.preventDefault()
    setSaved(false)
    void form.submit(async () => {
      const body = { reviewPolicy: { intervalMonths: asNumber(form.values.intervalMonths), graceDays: asNumber(form.values.graceDays) } }
      const { data } = await sendJson(endpoint('PUT /api/p/:province/settings', { province }), body)
      setCurrent(data)
      setSaved(true)
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <h2>{t('settings.reviewPolicy')}</h2>
      <p class="muted">{t('settings.reviewPolicyHelp')}</p>
      <p class="muted">
        {current.isDefault
          ? t('settings.usingDefault')
          : t('settings.current', { months: current.reviewPolicy.intervalMonths, days: current.reviewPolicy.graceDays })}
      </p>
      <Field
        label={t('settings.intervalMonths')}
        hint={t('settings.intervalMonthsHint')}
        inputMode="numeric"
        required
        value={form.values.intervalMonths}
        onInput={form.set('intervalMonths')}
        error={form.errors['reviewPolicy.intervalMonths'] ? t('settings.intervalMonthsError') : form.errors.reviewPolicy}
      />
      <Field
        label={t('settings.graceDays')}
        hint={t('settings.graceDaysHint')}
        inputMode="numeric"
        required
        value={form.values.graceDays}
        onInput={form.set('graceDays')}
        error={form.errors['reviewPolicy.graceDays'] ? t('settings.graceDaysError') : undefined}
      />
      {form.failure !== null && <ErrorState error={form.failure} />}
      {saved && (
        <p class="notice" role="status">
          {t('settings.saved')}
        </p>
      )}
      <button type="submit" class="primary" disabled={form.busy}>
        {t('common.save')}
      </button>
    </form>
  )
}
