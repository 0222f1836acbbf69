import { useLocation } from 'preact-iso'
import { useMemo } from 'preact/hooks'
import { useMe } from '../auth.tsx'
import { Field, SelectField } from '../components/field.tsx'
import { ErrorState } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'
import { registerPerson } from '../offline/writes.ts'
import { isMinorOn } from '../../../kernel/domain/minor.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { normalizePhone } from '../../../kernel/domain/phone.ts'

/**
 * Registering a person (commune officers only), through the offline outbox: offline it is queued and the person
 * page opens at once. The id is made here, once: a retry after a dropped connection cannot register twice.
 */
export default function RegisterPerson() {
  const me = useMe()
  const { t } = useI18n()
  const { route } = useLocation()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({
    fullName: '',
    birthDate: '',
    sex: 'male',
    citizenId: '',
    communeCode: me.communes[0]?.code ?? '',
    category: 'dependent',
    addressDetail: '',
    phone: '',
    addictionDeterminedOn: '',
    addictionDeterminedBy: '',
    notes: '',
    repName: '',
    repRelation: '',
    repPhone: '',
  })
  const v = form.values
  // Under 18 on the registration day: the legal representative's fields appear, required (decision 0029).
  const minor = /^\d{4}-\d{2}-\d{2}$/.test(v.birthDate) && isMinorOn(v.birthDate, vietnamToday(new Date()))
  const optional = (value: string) => (value.trim() ? value.trim() : undefined)

  const onSubmit = (event: Event) => {
    event.preventDefault()
    void form.submit(async () => {
      const personId = await registerPerson({
        id,
        fullName: v.fullName,
        birthDate: v.birthDate,
        sex: v.sex,
        citizenId: v.citizenId.trim(),
        communeCode: v.communeCode,
        category: v.category,
        addressDetail: optional(v.addressDetail),
        // Stored as the server stores it ("0912 345 678" → 0912345678), so the phone's copy matches at once.
        phone: v.phone.trim() ? normalizePhone(v.phone) : undefined,
        notes: optional(v.notes),
        ...(minor ? { legalRepresentative: { name: v.repName.trim(), relation: v.repRelation.trim(), phone: v.repPhone.trim() } } : {}),
        ...(v.category === 'dependent'
          ? { addictionDeterminedOn: optional(v.addictionDeterminedOn), addictionDeterminedBy: optional(v.addictionDeterminedBy) }
          : {}),
      })
      route(`/persons/${personId}`)
    })
  }

  return (
    <section class="card narrow">
      <h1>{t('persons.register')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <Field label={t('person.fullName')} required value={v.fullName} onInput={form.set('fullName')} error={form.errors.fullName} />
        <Field label={t('person.birthDate')} type="date" required value={v.birthDate} onInput={form.set('birthDate')} error={form.errors.birthDate} />
        <SelectField
          label={t('person.sex')}
          value={v.sex}
          onChange={form.set('sex')}
          error={form.errors.sex}
          options={[
            { value: 'male', label: t('person.male') },
            { value: 'female', label: t('person.female') },
          ]}
        />
        {minor && (
          <fieldset>
            <legend>{t('person.legalRepresentative')}</legend>
            <p class="muted">{t('person.minorHint')}</p>
            <Field label={t('person.repName')} required value={v.repName} onInput={form.set('repName')} error={form.errors['legalRepresentative.name']} />
            <Field
              label={t('person.repRelation')}
              required
              value={v.repRelation}
              onInput={form.set('repRelation')}
              error={form.errors['legalRepresentative.relation']}
            />
            <Field label={t('person.repPhone')} required value={v.repPhone} onInput={form.set('repPhone')} error={form.errors['legalRepresentative.phone']} />
          </fieldset>
        )}
        <Field label={t('person.citizenId')} required value={v.citizenId} onInput={form.set('citizenId')} error={form.errors.citizenId} />
        <SelectField
          label={t('person.commune')}
          value={v.communeCode}
          onChange={form.set('communeCode')}
          error={form.errors.communeCode}
          options={me.communes.map((c) => ({ value: c.code, label: c.name }))}
        />
        <SelectField
          label={t('persons.category')}
          value={v.category}
          onChange={form.set('category')}
          error={form.errors.category}
          options={(['dependent', 'drug_user', 'post_rehab'] as const).map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        {v.category === 'dependent' && (
          <>
            <Field
              label={t('person.determinedOn')}
              type="date"
              required
              hint={t('person.requiredForDependent')}
              value={v.addictionDeterminedOn}
              onInput={form.set('addictionDeterminedOn')}
              error={form.errors.addictionDeterminedOn}
            />
            <Field
              label={t('person.determinedBy')}
              required
              hint={t('person.requiredForDependent')}
              value={v.addictionDeterminedBy}
              onInput={form.set('addictionDeterminedBy')}
              error={form.errors.addictionDeterminedBy}
            />
          </>
        )}
        <Field
          label={`${t('person.address')} ${t('common.optional')}`}
          value={v.addressDetail}
          onInput={form.set('addressDetail')}
          error={form.errors.addressDetail}
        />
        <Field label={`${t('person.phone')} ${t('common.optional')}`} value={v.phone} onInput={form.set('phone')} error={form.errors.phone} />
        <Field label={`${t('person.notes')} ${t('common.optional')}`} value={v.notes} onInput={form.set('notes')} error={form.errors.notes} />
        {form.failure !== null && <ErrorState error={form.failure} />}
        <button type="submit" class="primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  )
}
