import { useId } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'

/** The file input with its hint and, when the server or the size check refused the file, why. */
export function FileField({ error, onChoose }: { error: string | null; onChoose: (event: Event) => void }) {
  const { t } = useI18n()
  const id = useId()
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{t('import.file')}</label>
      <input
        id={id}
        type="file"
        accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={onChoose}
      />
      <p class="field__hint" id={`${id}-hint`}>
        {t('import.fileHint')}
      </p>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}
