import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { hasCommuneScope } from '../../../kernel/policy.ts'
import { useI18n } from '../i18n/i18n.tsx'
import type { UserView } from '../../../kernel/contract/identity.ts'
import type { Commune } from '../../../kernel/contract/platform.ts'
import type { Role } from '../../../kernel/roles.ts'
import { useForm } from '../lib/use-form.ts'
import { CommunePicker } from './commune-picker.tsx'
import { SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/** Role and commune scope of an officer; saving ends that user's sessions (server side). */
export function AccessForm({
  province,
  user,
  communes,
  onSaved,
}: {
  province: string
  user: UserView
  communes: Commune[]
  onSaved: (user: UserView) => void
}) {
  const { t } = useI18n()
  const form = useForm<{ role: Role }>({ role: user.role })
  const [scope, setScope] = useState<string[]>(user.communes)
  const { role } = form.values
  const { errors } = form

  const onSubmit = (event: Event) => {
    event.preventDefault()
    void form.submit(async () => {
      const { data } = await sendJson(endpoint('PUT /api/p/:province/users/:userId/access', { province, userId: user.id }), {
        role,
        communes: hasCommuneScope(role) ? scope : [],
      })
      onSaved(data)
    })
  }

  return (
    <form onSubmit={onSubmit} noValidate>
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
      {form.failure !== null && <ErrorState error={form.failure} />}
      <button type="submit" class="primary" disabled={form.busy}>
        {t('common.save')}
      </button>
    </form>
  )
}
