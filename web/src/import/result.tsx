import { formatDateTime, formatNumber, useI18n } from '../i18n/i18n.tsx'
import type { ImportState } from './use-import.ts'
import type { Preview } from './types.ts'

/** What the commit did: imported (how many, how many not), or nothing new because the file came before. */
export function ImportResult({ result, state }: { result: Preview; state: ImportState }) {
  const { t } = useI18n()
  return (
    <div class="card" role="status">
      <h2>{result.alreadyImported ? t('import.alreadyTitle') : t('import.doneTitle')}</h2>
      <p>
        {result.alreadyImported
          ? t('import.alreadyText', { date: formatDateTime(result.import!.createdAt) })
          : t('import.doneText', { imported: formatNumber(result.import!.imported), rejected: formatNumber(result.import!.rejected) })}
      </p>
      <div class="actions">
        <a class="button" href="/persons">
          {t('import.seePeople')}
        </a>
        {result.counts.rejected > 0 && (
          <button type="button" disabled={state.busy !== null} onClick={() => void state.downloadRejected()}>
            {t('import.downloadRejected')}
          </button>
        )}
      </div>
    </div>
  )
}
