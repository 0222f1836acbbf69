import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { communeScope } from '../../../kernel/policy.ts'
import { ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { FileField } from '../import/file-field.tsx'
import { ImportHistory } from '../import/history.tsx'
import { ImportPreview } from '../import/preview.tsx'
import { ImportResult } from '../import/result.tsx'
import { useImport } from '../import/use-import.ts'
import { useResource } from '../lib/use-resource.ts'

/**
 * Legacy-list import: choose a CSV/XLSX file → preview (a dry run: counts, every problem row with its column
 * and reason, a sample of what would be imported) → choose communes for split old addresses → import.
 * The parts are in web/src/import/: the state and the requests (use-import.ts), the file field, the preview,
 * the result and the history of earlier imports.
 */
export default function ImportPage() {
  const me = useMe()
  const { t } = useI18n()
  const actor = useActor()
  const province = me.province?.code ?? ''
  const [history, reloadHistory] = useResource(endpoint('GET /api/p/:province/imports', { province }))
  const state = useImport(province, reloadHistory)

  return (
    <section>
      <div class="page-head">
        <h1>{t('import.title')}</h1>
        <a class="button" href={endpoint('GET /api/p/:province/imports/template.xlsx', { province }).url} download>
          {t('import.template')}
        </a>
      </div>
      <p class="muted">{t(communeScope(actor) !== null ? 'import.introCommune' : 'import.introProvince')}</p>

      <FileField error={state.fileError} onChoose={state.choose} />
      <div class="actions">
        <button type="button" class="primary" disabled={!state.file || state.busy !== null} onClick={() => void state.run('preview')}>
          {state.busy === 'preview' ? t('import.previewing') : t('import.preview')}
        </button>
      </div>
      {state.busy === 'commit' && <Loading />}
      {state.failure !== null && <ErrorState error={state.failure} />}
      {state.result && <ImportResult result={state.result} state={state} />}
      {state.preview && <ImportPreview preview={state.preview} state={state} />}

      <ImportHistory province={province} history={history} reload={reloadHistory} />
    </section>
  )
}
