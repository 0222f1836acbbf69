import type { TargetedEvent } from 'preact'
import { useId } from 'preact/hooks'

type InputHandler = (event: TargetedEvent<HTMLInputElement, Event>) => void

/** The input attributes the screens use; listed rather than inherited so exactOptionalPropertyTypes stays happy. */
interface FieldProps {
  label: string
  value: string
  error?: string | undefined
  hint?: string | undefined
  name?: string
  type?: 'text' | 'password' | 'date' | 'email'
  inputMode?: 'numeric'
  required?: boolean
  autoComplete?: string
  autoCapitalize?: 'none' | 'off'
  spellcheck?: boolean
  minLength?: number
  placeholder?: string
  onInput?: InputHandler
  onChange?: InputHandler
}

/** A labelled input with its hint and error tied to it for screen readers; the error sits next to the field. */
export function Field({ label, error, hint, ...input }: FieldProps) {
  const id = useId()
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {/* Preact types <input> as a union keyed on `type`; our props are a safe subset of every member. */}
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={described} {...(input as Record<string, unknown>)} />
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

interface SelectProps {
  label: string
  value: string
  error?: string | undefined
  options: { value: string; label: string }[]
  /** An empty first choice ("— Chọn —"): the officer must pick one, nothing is chosen for them. */
  placeholder?: string
  required?: boolean
  onChange: (event: TargetedEvent<HTMLSelectElement, Event>) => void
}

export function SelectField({ label, error, options, placeholder, ...select }: SelectProps) {
  const id = useId()
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <select id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {placeholder !== undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}
