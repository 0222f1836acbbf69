import { useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from './form-errors.ts'

/**
 * Form state, submission and the server's field errors next to their fields. `submit` keeps the values on
 * failure (including a session expiry: the sign-in dialog opens over the form and the values stay).
 */
export function useForm<T extends Record<string, string | boolean>>(initial: T) {
  const { t, locale } = useI18n()
  const [values, setValues] = useState<T>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const set = (key: keyof T) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
    const value = target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value
    setValues((v) => ({ ...v, [key]: value }))
  }

  const submit = async (action: () => Promise<void>) => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
      setErrors({})
    } catch (err) {
      const fields = fieldErrors(err, t, locale)
      setErrors(fields)
      if (Object.keys(fields).length === 0 && !(err instanceof ApiError && err.status === 401)) setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  return { values, setValues, set, errors, failure, busy, submit }
}
