import { signerRoles, type LegalDecision } from '../../../kernel/domain/legal-decision.ts'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { Field, SelectField } from './field.tsx'

type Values = Record<string, string | boolean>
type Setter = (key: string) => (event: Event) => void

/** A form's initial values of the decision under `prefix` (the commune chair's, dated today, by default). */
export function decisionDefaults(prefix: string, today: string): Record<string, string> {
  return { [`${prefix}.number`]: '', [`${prefix}.date`]: today, [`${prefix}.signer`]: '', [`${prefix}.signerRole`]: 'commune_chair', [`${prefix}.body`]: '' }
}

/** The decision as the API takes it, from the form's values under `prefix`. */
export function decisionOf(values: Values, prefix: string): Record<string, string> {
  const get = (key: string) => String(values[`${prefix}.${key}`] ?? '').trim()
  return { number: get('number'), date: get('date'), signer: get('signer'), signerRole: get('signerRole'), body: get('body') }
}

/** The fields of a decision { number, date, signer, signerRole, body }; the server's field errors land on each. */
export function DecisionFields({
  legend,
  prefix,
  values,
  set,
  errors,
}: {
  legend: string
  prefix: string
  values: Values
  set: Setter
  errors: Record<string, string>
}) {
  const { t } = useI18n()
  const key = (k: string) => `${prefix}.${k}`
  return (
    <fieldset class="picker">
      <legend>{legend}</legend>
      <Field label={t('decision.number')} value={String(values[key('number')])} onInput={set(key('number'))} error={errors[key('number')] ?? errors[prefix]} />
      <Field label={t('decision.date')} type="date" value={String(values[key('date')])} onInput={set(key('date'))} error={errors[key('date')]} />
      <Field label={t('decision.signer')} value={String(values[key('signer')])} onInput={set(key('signer'))} error={errors[key('signer')]} />
      <SelectField
        label={t('decision.signerRole')}
        value={String(values[key('signerRole')])}
        onChange={set(key('signerRole'))}
        error={errors[key('signerRole')]}
        options={signerRoles.map((r) => ({ value: r, label: t(`decision.role.${r}` as MessageKey) }))}
      />
      <Field label={t('decision.body')} value={String(values[key('body')])} onInput={set(key('body'))} error={errors[key('body')]} />
    </fieldset>
  )
}

/** A decision on one line: number, date, signer and role, issuing body. */
export function DecisionLine({ decision }: { decision: LegalDecision }) {
  const { t } = useI18n()
  return (
    <>
      {t('decision.summary', {
        number: decision.number,
        date: formatDate(decision.date),
        signer: decision.signer,
        role: t(`decision.role.${decision.signerRole}` as MessageKey),
        body: decision.body,
      })}
    </>
  )
}
