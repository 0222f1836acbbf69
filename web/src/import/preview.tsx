import { formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { serverMessage } from '../lib/form-errors.ts'
import type { ImportState } from './use-import.ts'
import type { Preview } from './types.ts'

/** The dry run's answer: counts, the actions, every problem row, cells that look like formulas, a sample. */
export function ImportPreview({ preview, state }: { preview: Preview; state: ImportState }) {
  const { t } = useI18n()
  return (
    <div>
      <h2>{t('import.previewTitle')}</h2>
      {preview.previousImports.length > 0 && (
        <p class="banner" role="note">
          {t('import.seenBefore', { date: formatDateTime(preview.previousImports[0]!.createdAt) })}
        </p>
      )}
      <PreviewCounts preview={preview} />
      <PreviewActions preview={preview} state={state} />
      {preview.problems.length > 0 && <ProblemRows preview={preview} state={state} />}
      {preview.counts.formulaCells > 0 && <FormulaCells preview={preview} />}
      {preview.accepted.length > 0 && <AcceptedSample preview={preview} />}
    </div>
  )
}

function PreviewCounts({ preview }: { preview: Preview }) {
  const { t } = useI18n()
  return (
    <>
      <dl class="summary">
        <dt>{t('import.rows')}</dt>
        <dd>{formatNumber(preview.counts.rows)}</dd>
        <dt>{t('import.accepted')}</dt>
        <dd>{formatNumber(preview.counts.accepted)}</dd>
        <dt>{t('import.rejected')}</dt>
        <dd>{formatNumber(preview.counts.rejected)}</dd>
        <dt>{t('import.mappedOld')}</dt>
        <dd>{formatNumber(preview.counts.mappedFromOldAddress)}</dd>
      </dl>
      {Object.keys(preview.counts.byReason).length > 0 && (
        <ul>
          {Object.entries(preview.counts.byReason).map(([reason, n]) => (
            <li key={reason}>
              {t(`import.reason.${reason}` as MessageKey)}: {formatNumber(n ?? 0)}
            </li>
          ))}
        </ul>
      )}
      {preview.ignoredColumns.length > 0 && <p class="muted">{t('import.ignored', { columns: preview.ignoredColumns.join(', ') })}</p>}
    </>
  )
}

function PreviewActions({ preview, state }: { preview: Preview; state: ImportState }) {
  const { t } = useI18n()
  const { busy, pendingChoices } = state
  return (
    <div class="actions">
      <button
        type="button"
        class="primary"
        disabled={busy !== null || (preview.counts.accepted === 0 && pendingChoices === 0)}
        onClick={() => void state.run('commit')}
      >
        {t('import.commit', { n: formatNumber(preview.counts.accepted + pendingChoices) })}
      </button>
      {pendingChoices > 0 && (
        <button type="button" disabled={busy !== null} onClick={() => void state.run('preview')}>
          {t('import.applyChoices')}
        </button>
      )}
      {preview.counts.rejected > 0 && (
        <button type="button" disabled={busy !== null} onClick={() => void state.downloadRejected()}>
          {t('import.downloadRejected')}
        </button>
      )}
    </div>
  )
}

/** Each problem with its row, column and reason; a split old address offers its new communes to choose from. */
function ProblemRows({ preview, state }: { preview: Preview; state: ImportState }) {
  const { t, locale } = useI18n()
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('import.problemRows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.reasonCol')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.problems.flatMap((row) =>
            row.problems.map((p, i) => (
              <tr key={`${row.rowNumber}-${i}`}>
                <td>{i === 0 ? row.rowNumber : ''}</td>
                <td>{p.column ?? '—'}</td>
                <td>
                  {t(`import.reason.${p.reason}` as MessageKey)}
                  {p.reason === 'invalid_value' && <span class="muted"> ({serverMessage(p.message, locale) ?? p.message})</span>}
                  {p.candidates && (
                    <label class="inline-choice">
                      <span>{t('import.chooseCommune')}</span>
                      <select value={state.choices[row.rowNumber] ?? ''} onChange={(e) => state.choice(row.rowNumber, e.currentTarget.value)}>
                        <option value="">—</option>
                        {p.candidates.map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {preview.problemsTruncated && <p class="muted">{t('import.truncated')}</p>}
    </div>
  )
}

/** Cells beginning with = + - @: said plainly (imported and downloaded as text), listed on demand. */
function FormulaCells({ preview }: { preview: Preview }) {
  const { t } = useI18n()
  return (
    <div class="card" role="note">
      <p>{t('import.formulaCells', { n: formatNumber(preview.counts.formulaCells) })}</p>
      <details>
        <summary>{t('import.formulaCellsList')}</summary>
        <ul>
          {preview.formulaCells.map((cell, i) => (
            <li key={i}>{t('import.formulaCell', { row: cell.rowNumber, column: cell.column || '—' })}</li>
          ))}
        </ul>
        {preview.formulaCellsTruncated && <p class="muted">{t('import.formulaCellsTruncated')}</p>}
      </details>
    </div>
  )
}

function AcceptedSample({ preview }: { preview: Preview }) {
  const { t } = useI18n()
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('import.acceptedRows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.name')}</th>
            <th scope="col">{t('import.commune')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.accepted.map((r) => (
            <tr key={r.rowNumber}>
              <td>{r.rowNumber}</td>
              <td>{r.fullName}</td>
              <td>
                {r.communeName}
                {r.communeVia === 'old' && <span class="muted"> ({t('import.fromOld')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
