import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import type { ProvinceSettings } from '../../../kernel/contract/platform.ts'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import { TextArea } from '../components/case-forms.tsx'
import { Field } from '../components/field.tsx'
import { ErrorState } from '../components/states.tsx'
import { useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'

/** The numeric rules, with the bounds the server enforces (kernel/domain/case-rules.ts) for the hint and error. */
const NUMBERS = [
  ['minRehabMonths', 6, 12],
  ['postRehabMonths', 6, 24],
  ['userManagementMonths', 6, 24],
  ['postRehabContactDays', 7, 92],
  ['handoverAcceptHours', 1, 72],
] as const satisfies readonly (readonly [keyof CaseRules, number, number])[]

/** A whole number as typed goes to the server as a number; anything else as typed, for the server to name. */
const asNumber = (value: string): number | string => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : value.trim())

/** One day per line, typed dd/mm/yyyy (as the screens show dates) or yyyy-mm-dd; sent as YYYY-MM-DD. */
function asDays(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(line)
      return vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : line
    })
}
const showDays = (days: readonly string[]) => days.map((day) => day.split('-').reverse().join('/')).join('\n')

/**
 * The province's case rules (decision 0025): what the law leaves to be confirmed, with the law's defaults.
 * Only a province admin reaches this screen; the server refuses a value out of bounds naming the field.
 */
export function CaseRulesForm({ province, settings }: { province: string; settings: ProvinceSettings }) {
  const { t } = useI18n()
  const [isDefault, setIsDefault] = useState(settings.caseRulesDefault)
  const [saved, setSaved] = useState(false)
  const rules = settings.caseRules
  const form = useForm({
    ...(Object.fromEntries(NUMBERS.map(([key]) => [key, String(rules[key])])) as Record<(typeof NUMBERS)[number][0], string>),
    postRehabAfterVoluntary: rules.postRehabAfterVoluntary,
    extraHolidays: showDays(rules.extraHolidays),
    workingHolidays: showDays(rules.workingHolidays),
  })
  const v = form.values
  const onSubmit = (event: Event) => {
    event.preventDefault()
    setSaved(false)
    void form.submit(async () => {
      const caseRules = {
        ...Object.fromEntries(NUMBERS.map(([key]) => [key, asNumber(v[key])])),
        postRehabAfterVoluntary: v.postRehabAfterVoluntary,
        extraHolidays: asDays(v.extraHolidays),
        workingHolidays: asDays(v.workingHolidays),
      }
      await sendJson(endpoint('PUT /api/p/:province/settings', { province }), { caseRules })
      setIsDefault(false)
      setSaved(true)
    })
  }
  const daysError = (key: 'extraHolidays' | 'workingHolidays') =>
    Object.keys(form.errors).some((field) => field.startsWith(`caseRules.${key}`)) ? t('settings.rules.daysError') : undefined
  return (
    <form onSubmit={onSubmit} noValidate>
      <h2>{t('settings.rules')}</h2>
      <p class="muted">{t('settings.rules.help')}</p>
      <p class="muted">{isDefault ? t('settings.rules.usingDefault') : t('settings.rules.set')}</p>
      {NUMBERS.map(([key, min, max]) => (
        <Field
          key={key}
          label={t(`settings.rules.${key}` as MessageKey)}
          hint={t('settings.rules.bounds', { min, max })}
          inputMode="numeric"
          required
          value={v[key]}
          onInput={form.set(key)}
          error={form.errors[`caseRules.${key}`] ? t('settings.rules.boundsError', { min, max }) : undefined}
        />
      ))}
      <label class="check">
        <input type="checkbox" checked={v.postRehabAfterVoluntary} onChange={form.set('postRehabAfterVoluntary')} />{' '}
        {t('settings.rules.postRehabAfterVoluntary')}
      </label>
      <TextArea label={t('settings.rules.extraHolidays')} value={v.extraHolidays} onInput={form.set('extraHolidays')} error={daysError('extraHolidays')} />
      <TextArea
        label={t('settings.rules.workingHolidays')}
        value={v.workingHolidays}
        onInput={form.set('workingHolidays')}
        error={daysError('workingHolidays')}
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
