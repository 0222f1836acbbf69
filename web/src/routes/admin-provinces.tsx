import { useEffect, useState } from 'preact/hooks'
import { ApiError, endpoint, getJson, sendJson } from '../api.ts'
import { useActor } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { ProvinceAdminView, ProvinceSummary } from '../../../kernel/contract/platform.ts'
import { useResource } from '../lib/use-resource.ts'

/** The registry steps before `active`, in order: a province in one of them is still being onboarded. */
const ONBOARDING_STEPS = ['provisioning', 'provisioned', 'migrated', 'seeded'] as const
const POLL_MS = 2000

const inProgress = (p: ProvinceSummary) =>
  (ONBOARDING_STEPS as readonly string[]).includes(p.status) && !('onboardingError' in p && (p as ProvinceAdminView).onboardingError)

/** All 34 provinces with their onboarding state; central admins onboard, suspend and resume from here. */
export default function AdminProvinces() {
  const { t } = useI18n()
  const isAdmin = can(useActor(), 'province:onboard')
  const [list, reload] = useResource(isAdmin ? endpoint('GET /api/admin/provinces') : endpoint('GET /api/provinces'))
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // On Workers onboarding goes on after the request (a Workflow, decision 0031): the list is fetched again, quietly,
  // while a province is between steps, so each step shows as it is done.
  const [polled, setPolled] = useState<ProvinceAdminView[] | null>(null)
  const rows: (ProvinceSummary | ProvinceAdminView)[] = polled ?? (list.status === 'ready' ? list.data.data : [])
  const onboarding = isAdmin && rows.some(inProgress)
  useEffect(() => {
    if (list.status === 'ready') setPolled(null)
  }, [list])
  useEffect(() => {
    if (!onboarding) return
    const ctrl = new AbortController()
    const timer = setTimeout(() => {
      getJson(endpoint('GET /api/admin/provinces'), ctrl.signal).then(
        (fresh) => setPolled(fresh.data),
        () => undefined, // a missed poll is retried by the next render's timer
      )
    }, POLL_MS)
    return () => {
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [onboarding, rows])

  const run = async (province: ProvinceSummary, action: 'onboard' | 'suspend' | 'resume') => {
    if (action === 'suspend' && !confirm(t('provinces.confirmSuspend', { name: province.name }))) return
    setBusy(province.code)
    setFailure(null)
    setNotice(null)
    try {
      if (action === 'onboard') {
        const result = await sendJson(endpoint('POST /api/admin/provinces'), { province: province.code })
        setNotice(t(result.data.status === 'active' ? 'provinces.onboarded' : 'provinces.onboardStarted', { name: province.name }))
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

  /** The list answers what the registry records; this looks at one province's database now (its outcome is recorded), then lists again. */
  const check = async (province: ProvinceSummary) => {
    setBusy(province.code)
    setFailure(null)
    setNotice(null)
    try {
      const result = await getJson(endpoint('GET /api/p/:province/health', { province: province.code }))
      setNotice(t('provinces.checkedOk', { name: province.name, time: formatDateTime(result.data.checkedAt) }))
    } catch (err) {
      const reason = err instanceof ApiError && err.code === 'tenant_database_unavailable' ? reasonOf(err.details) : null
      if (reason) setNotice(t('provinces.checkedFailed', { name: province.name, reason: t(`provinces.dbReason.${reason}` as MessageKey) }))
      else setFailure(err)
    }
    // Fetched again quietly, as while onboarding: the table stays while the recorded state is read.
    try {
      setPolled((await getJson(endpoint('GET /api/admin/provinces'))).data)
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
      {list.status === 'ready' && rows.length === 0 && <Empty>{t('common.none')}</Empty>}
      {list.status === 'ready' && rows.length > 0 && (
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
              {rows.map((p) => (
                <tr key={p.code}>
                  <td>{p.code}</td>
                  <td>{p.name}</td>
                  <td>
                    <span class={`badge badge--${p.status}`}>{t(`tenant.${p.status}` as MessageKey)}</span>
                    {isAdmin && <OnboardingState province={p as ProvinceAdminView} />}
                  </td>
                  <td>{p.communeCount === null ? '—' : formatNumber(p.communeCount)}</td>
                  {isAdmin && (
                    <td>
                      <DatabaseState database={'database' in p ? (p as ProvinceAdminView).database : undefined} />
                      {/* A suspended province answers no route, its health neither: only an active one is checked now. */}
                      {p.status === 'active' && (
                        <>
                          {' '}
                          <button type="button" disabled={busy !== null} onClick={() => void check(p)}>
                            {busy === p.code ? t('provinces.checking') : t('provinces.checkNow')}
                          </button>
                        </>
                      )}
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
                        <button type="button" class="primary" disabled={busy !== null || inProgress(p)} onClick={() => void run(p, 'onboard')}>
                          {busy === p.code || inProgress(p)
                            ? t('provinces.onboarding')
                            : (p as ProvinceAdminView).onboardingError
                              ? t('provinces.onboardRetry')
                              : t('provinces.onboard')}
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
      {isAdmin && list.status === 'ready' && rows.length > 0 && <p class="muted">{t('provinces.dbRecorded')}</p>}
    </section>
  )
}

/** Which step an onboarding is at, or why it stopped (the server's reason, for the technical staff who fix it). */
function OnboardingState({ province }: { province: ProvinceAdminView }) {
  const { t } = useI18n()
  const step = (ONBOARDING_STEPS as readonly string[]).indexOf(province.status)
  if (province.onboardingError) {
    return (
      <span class="onboarding-failed" role="status">
        {' '}
        <span class="badge badge--unavailable">{t('provinces.onboardFailed')}</span>
        {province.onboardingErrorAt && <span class="muted"> · {t('provinces.dbSince', { time: formatDateTime(province.onboardingErrorAt) })}</span>}
        <br />
        <span class="muted" lang="en">
          {province.onboardingError}
        </span>
      </span>
    )
  }
  if (step < 0) return null
  const what = t(`provinces.step.${province.status}` as MessageKey)
  return (
    <span class="muted" role="status">
      {' '}
      {t('provinces.progress', { step: String(step + 1), total: String(ONBOARDING_STEPS.length), what })}
    </span>
  )
}

/** The `reason` of a tenant_database_unavailable answer's details, if it has one. */
function reasonOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return null
  return typeof details.reason === 'string' ? details.reason : null
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
