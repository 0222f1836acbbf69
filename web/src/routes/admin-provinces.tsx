import { useState } from 'preact/hooks'
import { endpoint, sendJson } from '../api.ts'
import { useActor } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { ProvinceAdminView, ProvinceSummary } from '../../../kernel/contract/platform.ts'
import { useResource } from '../lib/use-resource.ts'

/** All 34 provinces with their onboarding state; central admins onboard, suspend and resume from here. */
export default function AdminProvinces() {
  const { t } = useI18n()
  const isAdmin = can(useActor(), 'province:onboard')
  const [list, reload] = useResource(isAdmin ? endpoint('GET /api/admin/provinces') : endpoint('GET /api/provinces'))
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const run = async (province: ProvinceSummary, action: 'onboard' | 'suspend' | 'resume') => {
    if (action === 'suspend' && !confirm(t('provinces.confirmSuspend', { name: province.name }))) return
    setBusy(province.code)
    setFailure(null)
    setNotice(null)
    try {
      if (action === 'onboard') {
        await sendJson(endpoint('POST /api/admin/provinces'), { province: province.code })
        setNotice(t('provinces.onboarded', { name: province.name }))
      } else {
        await sendJson(endpoint(`POST /api/admin/provinces/:province/${action}`, { province: province.code }))
      }
      reload()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section>
      <h1>{t('provinces.title')}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {failure !== null && <ErrorState error={failure} />}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={reload} />}
      {list.status === 'ready' && list.data.data.length === 0 && <Empty>{t('common.none')}</Empty>}
      {list.status === 'ready' && list.data.data.length > 0 && (
        <div class="table-wrap" role="region" aria-label={t('provinces.title')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('provinces.code')}</th>
                <th scope="col">{t('provinces.name')}</th>
                <th scope="col">{t('provinces.status')}</th>
                <th scope="col">{t('provinces.communes')}</th>
                {isAdmin && <th scope="col">{t('provinces.database')}</th>}
                {isAdmin && <th scope="col">{t('users.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((p) => (
                <tr key={p.code}>
                  <td>{p.code}</td>
                  <td>{p.name}</td>
                  <td>
                    <span class={`badge badge--${p.status}`}>{t(`tenant.${p.status}` as MessageKey)}</span>
                  </td>
                  <td>{p.communeCount === null ? '—' : formatNumber(p.communeCount)}</td>
                  {isAdmin && (
                    <td>
                      <DatabaseState database={'database' in p ? p.database : undefined} />
                    </td>
                  )}
                  {isAdmin && (
                    <td class="actions">
                      {p.status === 'active' && (
                        <>
                          <a class="button" href={`/admin/provinces/${p.code}`}>
                            {t('provinces.open')}
                          </a>
                          <button type="button" class="danger" disabled={busy !== null} onClick={() => void run(p, 'suspend')}>
                            {t('provinces.suspend')}
                          </button>
                        </>
                      )}
                      {p.status === 'suspended' && (
                        <button type="button" disabled={busy !== null} onClick={() => void run(p, 'resume')}>
                          {t('provinces.resume')}
                        </button>
                      )}
                      {p.status !== 'active' && p.status !== 'suspended' && (
                        <button type="button" class="primary" disabled={busy !== null} onClick={() => void run(p, 'onboard')}>
                          {busy === p.code ? t('provinces.onboarding') : t('provinces.onboard')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** A province whose database is missing, foreign or damaged answers 503 everywhere: say so, and why, here. */
function DatabaseState({ database }: { database: ProvinceAdminView['database'] }) {
  const { t } = useI18n()
  if (!database) return <>—</>
  if (database.status === 'available') return <span class="badge badge--active">{t('provinces.dbAvailable')}</span>
  return (
    <span class="db-unavailable">
      <span class="badge badge--unavailable">{t('provinces.dbUnavailable')}</span> {t(`provinces.dbReason.${database.reason}` as MessageKey)}
      {database.since && <span class="muted"> · {t('provinces.dbSince', { time: formatDateTime(database.since) })}</span>}
    </span>
  )
}
