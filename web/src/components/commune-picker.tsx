import { useMemo, useState } from 'preact/hooks'
import { foldDiacritics } from '../../../kernel/text-fold.ts'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import type { Commune } from '../../../kernel/contract/platform.ts'

/**
 * Checkboxes for a province's communes with a diacritic-insensitive filter ("viet hung" finds "Việt Hưng"). The
 * chosen ones show above the list as chips (each removes its commune) and come first in it: with 102 communes,
 * a scope is seen at a glance. The order is the one the dialog opened with, so a box does not jump when ticked.
 */
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
  const [openedWith] = useState(() => new Set(value))
  const ordered = useMemo(() => [...communes.filter((c) => openedWith.has(c.code)), ...communes.filter((c) => !openedWith.has(c.code))], [communes, openedWith])
  const shown = useMemo(() => {
    const needle = foldDiacritics(query)
    return needle ? ordered.filter((c) => foldDiacritics(c.name).includes(needle) || c.code.includes(needle)) : ordered
  }, [ordered, query])
  const chosen = new Set(value)
  const byCode = new Map(communes.map((c) => [c.code, c]))
  const toggle = (code: string) => onChange(chosen.has(code) ? value.filter((c) => c !== code) : [...value, code])
  return (
    <fieldset class={`picker${error ? ' field--error' : ''}`}>
      <legend>
        {t('users.communes')} · {t('users.scopeChosen', { count: formatNumber(value.length) })}
      </legend>
      {value.length > 0 && (
        <ul class="chips" aria-label={t('users.scopeChosenList')}>
          {value.map((code) => (
            <li key={code}>
              <button type="button" class="chip" onClick={() => toggle(code)} aria-label={t('users.scopeRemove', { name: byCode.get(code)?.name ?? code })}>
                {byCode.get(code)?.name ?? code} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
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
