import { useState } from 'preact/hooks'
import { sendJson, type ApiRequest } from '../api.ts'
import { hasCommuneScope } from '../../../kernel/policy.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from '../lib/form-errors.ts'
import type { IssuedLink } from '../../../kernel/contract/identity.ts'
import type { Commune } from '../../../kernel/contract/platform.ts'
import type { Role } from '../../../kernel/roles.ts'
import { CommunePicker } from './commune-picker.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/**
 * Invites a user through `endpoint`. With `communes` it is the province admin's form (officer roles and a
 * commune scope); without, the central admin's form for a province administrator.
 */
export function InviteForm({ endpoint, communes, onIssued }: { endpoint: ApiRequest<'POST /api/p/:province/users' | 'POST /api/admin/provinces/:province/admins'>; communes?: Commune[]; onIssued: (issued: IssuedLink) => void }) {
  const { t, locale } = useI18n()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<Role>('commune_officer')
  const [scope, setScope] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setFailure(null)
    try {
      const body = communes ? { username, displayName, role, communes: hasCommuneScope(role) ? scope : [] } : { username, displayName }
      const { data } = await sendJson(endpoint, body)
      onIssued(data)
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
      <Field label={t('users.username')} hint={t('users.usernameHint')} required autoCapitalize="none" spellcheck={false} value={username} onInput={(e) => setUsername(e.currentTarget.value)} error={errors.username} />
      <Field label={t('users.displayName')} required value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} />
      {communes && (
        <>
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
        </>
      )}
      {failure !== null && <ErrorState error={failure} />}
      <button type="submit" class="primary" disabled={busy}>
        {t('users.invite')}
      </button>
    </form>
  )
}
