import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { fieldErrors } from './form-errors.ts'

/** Thrown by a submit action to show messages next to fields without a request (e.g. passwords that differ). */
export class InvalidFields extends Error {
  readonly fields: Record<string, string>
  constructor(fields: Record<string, string>) {
    super('invalid fields')
    this.fields = fields
  }
}

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
  // The form whose submission just failed on fields: its first invalid field gets the focus once rendered, so
  // "Lưu" at the bottom of a long form on a phone does not leave the message out of sight.
  const refocus = useRef<HTMLFormElement | null>(null)
  useEffect(() => {
    const form = refocus.current
    refocus.current = null
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [errors])

  const set = (key: keyof T) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
    const value = target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value
    setValues((v) => ({ ...v, [key]: value }))
  }

  const submit = async (action: () => Promise<void>) => {
    // Submitted by its button or Enter in a field: the focus is in the form.
    const form = document.activeElement instanceof HTMLElement ? document.activeElement.closest('form') : null
    setBusy(true)
    setFailure(null)
    try {
      await action()
      setErrors({})
    } catch (err) {
      const fields = err instanceof InvalidFields ? err.fields : fieldErrors(err, t, locale)
      refocus.current = Object.keys(fields).length > 0 ? form : null
      setErrors(fields)
      if (Object.keys(fields).length === 0 && !(err instanceof ApiError && err.status === 401)) setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  return { values, setValues, set, errors, failure, busy, submit }
}
