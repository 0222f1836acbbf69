import { useState } from 'preact/hooks'
import type { TargetsView } from '../../../kernel/contract/targets.ts'
import { ApiError, endpoint, sendJson } from '../api.ts'
import { Field, SelectField } from '../components/field.tsx'
import { ErrorState } from '../components/states.tsx'
import { useTargetsText } from '../components/targets-text.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'

const keyOf = (indicator: string, commune: string | null) => `${indicator}/${commune ?? ''}`

/** The targets as typed, by indicator/commune; a cell left empty sets no target. */
function typedTargets(view: TargetsView): Record<string, string> {
  const values: Record<string, string> = {}
  for (const place of view.places)
    for (const cell of place.cells) if (cell.target !== null) values[keyOf(cell.indicator, place.communeCode)] = String(cell.target)
  return values
}

/**
 * The whole plan at once (PUT /targets/:year, based on the version shown): the document's fields, and a target
 * per indicator for the province and for the commune picked. A stale version (409) asks to review the current plan.
 */
export function PlanEditor({
  province,
  view,
  onSaved,
  onCancel,
  onReload,
}: {
  province: string
  view: TargetsView
  onSaved: (view: TargetsView) => void
  onCancel: () => void
  onReload: () => void
}) {
  const { tt, locale } = useTargetsText()
  const { t } = useI18n()
  const [doc, setDoc] = useState({
    number: view.plan?.number ?? '',
    issuedOn: view.plan?.issuedOn ?? '',
    signer: view.plan?.signer ?? '',
    title: view.plan?.title ?? '',
  })
  const [values, setValues] = useState(() => typedTargets(view))
  const [place, setPlace] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [stale, setStale] = useState<number | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const commune = place === '' ? null : place
  const shown = view.indicators.filter((i) => commune === null || !i.provinceOnly)
  const onSubmit = async (event: Event) => {
    event.preventDefault()
    const order = Object.keys(values).filter((k) => values[k]!.trim() !== '')
    const targets = order.map((k) => {
      const [indicator, code] = k.split('/')
      const typed = values[k]!.trim()
      return { indicator, communeCode: code ? code : null, value: /^\d+$/.test(typed) ? Number(typed) : typed }
    })
    setBusy(true)
    setFailure(null)
    try {
      const body = { ...doc, targets, ...(view.plan ? { version: view.plan.version } : {}) }
      const { data } = await sendJson(endpoint('PUT /api/p/:province/targets/:year', { province, year: String(view.year) }), body)
      onSaved(data)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') return setStale(currentVersion(err.details))
      const fields = fieldErrors(err, t, locale)
      // targets.3.value → the input of the 4th target sent.
      const named: Record<string, string> = {}
      for (const [field, message] of Object.entries(fields)) {
        const at = /^targets\.(\d+)/.exec(field)
        named[at ? (order[Number(at[1])] ?? field) : field] = message
      }
      setErrors(named)
      if (Object.keys(named).length === 0) setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const placeName = (code: string | null) => view.places.find((p) => p.communeCode === code)?.communeName ?? tt('province')
  const elsewhere = Object.entries(errors).filter(([k]) => k.includes('/') && !shown.some((i) => keyOf(i.code, commune) === k))
  const setField = (name: keyof typeof doc) => (e: Event) => setDoc({ ...doc, [name]: (e.currentTarget as HTMLInputElement).value })
  return (
    <form class="card" onSubmit={onSubmit} noValidate>
      {stale !== null && (
        <div class="banner banner--update" role="alert">
          <p>{tt('stale', { version: stale })}</p>
          <button type="button" class="button" onClick={onReload}>
            {tt('reload')}
          </button>
        </div>
      )}
      <Field label={tt('number')} hint={tt('numberHint')} required value={doc.number} onInput={setField('number')} error={errors.number} />
      <Field label={tt('issuedOn')} type="date" required value={doc.issuedOn} onInput={setField('issuedOn')} error={errors.issuedOn} />
      <Field label={tt('signerField')} required value={doc.signer} onInput={setField('signer')} error={errors.signer} />
      <Field label={tt('titleField')} required value={doc.title} onInput={setField('title')} error={errors.title} />
      <SelectField
        label={tt('place')}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        options={view.places.map((p) => ({ value: p.communeCode ?? '', label: p.communeName ?? tt('province') }))}
      />
      <h2>{tt('targetsFor', { place: placeName(commune) })}</h2>
      <p class="muted">{tt('targetsHelp')}</p>
      {shown.map((i) => {
        const key = keyOf(i.code, commune)
        const label = `${locale === 'vi' ? i.labelVi : i.labelEn} (${locale === 'vi' ? i.unitVi : i.unitEn})${i.provinceOnly ? ` · ${tt('provinceOnly')}` : ''}`
        return (
          <Field
            key={key}
            label={label}
            inputMode="numeric"
            value={values[key] ?? ''}
            onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
            error={errors[key] ? tt('mustBeCount') : undefined}
          />
        )
      })}
      {elsewhere.length > 0 && (
        <ul class="field__error" role="alert">
          {elsewhere.map(([k, message]) => (
            <li key={k}>
              {placeName(k.split('/')[1] || null)} · {view.indicators.find((i) => i.code === k.split('/')[0])?.[locale === 'vi' ? 'labelVi' : 'labelEn']}:{' '}
              {message}
            </li>
          ))}
        </ul>
      )}
      {failure !== null && <ErrorState error={failure} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {tt('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {tt('cancel')}
        </button>
      </div>
    </form>
  )
}

/** The version of the plan as it is now, from a 409's `details.current`. */
function currentVersion(details: unknown): number {
  if (typeof details !== 'object' || details === null || !('current' in details)) return 0
  const current = details.current
  return typeof current === 'object' && current !== null && 'version' in current && typeof current.version === 'number' ? current.version : 0
}
