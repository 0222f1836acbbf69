import { useState } from 'preact/hooks'
import { sendJson, type ApiRequest } from '../api.ts'
import { hasCommuneScope } from '../../../kernel/policy.ts'
import { useI18n } from '../i18n/i18n.tsx'
import type { LinkSent } from '../../../kernel/contract/identity.ts'
import type { Commune } from '../../../kernel/contract/platform.ts'
import type { Role } from '../../../kernel/roles.ts'
import { useForm } from '../lib/use-form.ts'
import { CommunePicker } from './commune-picker.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/**
 * Invites a user through `endpoint`; the server e-mails the link. With `communes` it is the province admin's
 * form (officer roles and a commune scope); without, the central admin's form for a province administrator.
 */
export function InviteForm({
  endpoint,
  communes,
  onSent,
}: {
  endpoint: ApiRequest<'POST /api/p/:province/users' | 'POST /api/admin/provinces/:province/admins'>
  communes?: Commune[]
  onSent: (sent: LinkSent) => void
}) {
  const { t } = useI18n()
  const form = useForm({ username: '', displayName: '', email: '', role: 'commune_officer' })
  // A list, which useForm's string and boolean values do not hold.
  const [scope, setScope] = useState<string[]>([])
  const { values, errors } = form
  const role = values.role as Role

  const submit = (event: Event) => {
    event.preventDefault()
    void form.submit(async () => {
      const person = { username: values.username, displayName: values.displayName, email: values.email }
      const body = communes ? { ...person, role, communes: hasCommuneScope(role) ? scope : [] } : person
      const { data } = await sendJson(endpoint, body)
      onSent(data)
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t('users.username')}
        hint={t('users.usernameHint')}
        required
        autoCapitalize="none"
        spellcheck={false}
        value={values.username}
        onInput={form.set('username')}
        error={errors.username}
      />
      <Field label={t('users.displayName')} required value={values.displayName} onInput={form.set('displayName')} error={errors.displayName} />
      <Field
        label={t('users.email')}
        hint={t('users.emailHint')}
        type="email"
        required
        autoCapitalize="none"
        spellcheck={false}
        autoComplete="off"
        value={values.email}
        onInput={form.set('email')}
        error={errors.email}
      />
      {communes && (
        <>
          <SelectField
            label={t('users.role')}
            value={role}
            onChange={form.set('role')}
            error={errors.role}
            options={[
              { value: 'commune_officer', label: t('role.commune_officer') },
              { value: 'province_officer', label: t('role.province_officer') },
            ]}
          />
          {hasCommuneScope(role) && <CommunePicker communes={communes} value={scope} onChange={setScope} error={errors.communes} />}
        </>
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <button type="submit" class="primary" disabled={form.busy}>
        {t('users.invite')}
      </button>
    </form>
  )
}
