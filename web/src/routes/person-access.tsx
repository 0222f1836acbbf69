import { useRoute } from 'preact-iso'
import { useState } from 'preact/hooks'
import { useMe } from '../auth.tsx'
import { shortId } from '../components/audit-lines.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import { actionLabel } from '../lib/audit-labels.ts'
import { endpoint } from '../api.ts'
import { useResource } from '../lib/use-resource.ts'

/**
 * "Who saw this record", for province admins: every server-side read of one person's record and plans with
 * the reader's name and role. Names the person by id only: this screen reads the audit trail, not the record.
 */
export default function PersonAccess() {
  const me = useMe()
  const { t } = useI18n()
  const { params } = useRoute()
  const id = params.id ?? ''
  const [cursors, setCursors] = useState<number[]>([])
  const before = cursors.at(-1)
  const [page, reload] = useResource(
    endpoint('GET /api/p/:province/persons/:personId/access-log', { province: me.province?.code ?? '', personId: id }, { limit: 50, before }),
  )
  return (
    <section>
      <h1>{t('access.title')}</h1>
      <p>
        <a href={`/persons/${encodeURIComponent(id)}`}>
          {t('access.back')} ({shortId(id)})
        </a>
      </p>
      <p class="muted">{t('access.intro')}</p>
      {page.status === 'loading' && <Loading />}
      {page.status === 'error' && <ErrorState error={page.error} onRetry={reload} />}
      {page.status === 'ready' && page.data.data.length === 0 && <Empty>{t('access.empty')}</Empty>}
      {page.status === 'ready' && page.data.data.length > 0 && (
        <div class="table-wrap" role="region" aria-label={t('access.title')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('access.reader')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('audit.action')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((line) => (
                <tr key={line.seq}>
                  <td>{formatDateTime(line.at)}</td>
                  <td>{line.actorId === null ? t('audit.system') : (line.actorName ?? t('audit.unknownActor'))}</td>
                  <td>{line.actorRole ? t(`role.${line.actorRole}`) : ''}</td>
                  <td>{actionLabel(t, line.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.status === 'ready' && (
        <div class="pager">
          {cursors.length > 0 && (
            <button type="button" onClick={() => setCursors([])}>
              {t('common.first')}
            </button>
          )}
          {page.data.next !== null && (
            <button type="button" onClick={() => setCursors([...cursors, page.data.next!])}>
              {t('common.next')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
