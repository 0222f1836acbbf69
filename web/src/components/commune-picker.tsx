import { useMemo, useState } from 'preact/hooks'
import { foldDiacritics } from '../../../kernel/text-fold.ts'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import type { Commune } from '../../../kernel/contract/platform.ts'

/** Checkboxes for a province's communes with a diacritic-insensitive filter ("viet hung" finds "Việt Hưng"). */
export function CommunePicker({
  communes,
  value,
  onChange,
  error,
}: {
  communes: Commune[]
  value: string[]
  onChange: (codes: string[]) => void
  error?: string | undefined
}) {
  const { t } = useI18n()
  const [query, setQuery] = useState('')
  const shown = useMemo(() => {
    const needle = foldDiacritics(query)
    return needle ? communes.filter((c) => foldDiacritics(c.name).includes(needle) || c.code.includes(needle)) : communes
  }, [communes, query])
  const chosen = new Set(value)
  const toggle = (code: string) => onChange(chosen.has(code) ? value.filter((c) => c !== code) : [...value, code])
  return (
    <fieldset class={`picker${error ? ' field--error' : ''}`}>
      <legend>
        {t('users.communes')} · {t('users.scopeChosen', { count: formatNumber(value.length) })}
      </legend>
      <label class="visually-hidden" for="commune-search">
        {t('users.scopeSearch')}
      </label>
      <input id="commune-search" type="search" placeholder={t('users.scopeSearch')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <ul class="picker__list">
        {shown.map((c) => (
          <li key={c.code}>
            <label>
              <input type="checkbox" checked={chosen.has(c.code)} onChange={() => toggle(c.code)} /> {c.name} <span class="muted">({c.code})</span>
            </label>
          </li>
        ))}
      </ul>
      {error && <p class="field__error">{error}</p>}
    </fieldset>
  )
}
