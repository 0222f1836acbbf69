import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { hasCommuneScope } from '../../../kernel/policy.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'
import type { UserView } from '../../../kernel/contract/identity.ts'
import type { Commune } from '../../../kernel/contract/platform.ts'
import type { Role } from '../../../kernel/roles.ts'
import { CommunePicker } from './commune-picker.tsx'
import { SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/** Role and commune scope of an officer; saving ends that user's sessions (server side). */
export function AccessForm({ province, user, communes, onSaved }: { province: string; user: UserView; communes: Commune[]; onSaved: (user: UserView) => void }) {
  const { t, locale } = useI18n()
  const [role, setRole] = useState<Role>(user.role)
  const [scope, setScope] = useState<string[]>(user.communes)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setFailure(null)
    try {
      const { data } = await sendJson(endpoint('PUT /api/p/:province/users/:userId/access', { province, userId: user.id }), { role, communes: hasCommuneScope(role) ? scope : [] })
      onSaved(data)
    } catch (err) {
      const fields = fieldErrors(err, t, locale)
      setErrors(fields)
      if (Object.keys(fields).length === 0) setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <SelectField
        label={t('users.role')}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as Role)}
        error={errors.role}
        options={[
          { value: 'commune_officer', label: t('role.commune_officer') },
          { value: 'province_officer', label: t('role.province_officer') },
        ]}
      />
      {hasCommuneScope(role) && <CommunePicker communes={communes} value={scope} onChange={setScope} error={errors.communes} />}
      {failure !== null && <ErrorState error={failure} />}
      <button type="submit" class="primary" disabled={busy}>
        {t('common.save')}
      </button>
    </form>
  )
}
