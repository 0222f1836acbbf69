import { useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useMe } from '../auth.tsx'
import { Field, SelectField } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'

interface Filters {
  trail: 'records' | 'users'
  action: string
  outcome: '' | 'success' | 'failure'
  from: string
  to: string
}

/** The province trail (province admins) or the platform trail (central admins), filtered, newest first, paged. */
export default function AuditTrail({ scope }: { scope: 'province' | 'platform' }) {
  const me = useMe()
  const { t } = useI18n()
  const [filters, setFilters] = useState<Filters>({ trail: 'users', action: '', outcome: '', from: '', to: '' })
  const [cursors, setCursors] = useState<number[]>([])
  const query = {
    limit: 50,
    trail: scope === 'province' ? filters.trail : undefined,
    action: /^[a-z_]+\.[a-z_]+$/.test(filters.action) ? filters.action : undefined,
    outcome: filters.outcome,
    // Dates are local days; the API takes instants (from inclusive, to exclusive).
    from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : undefined,
    to: filters.to ? new Date(new Date(`${filters.to}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined,
    before: cursors.at(-1),
  }
  const [page, reload] = useResource(scope === 'province' ? endpoint('GET /api/p/:province/audit', { province: me.province?.code ?? '' }, query) : endpoint('GET /api/admin/audit', {}, query))
  const update = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch })
    setCursors([])
  }

  return (
    <section>
      <h1>{scope === 'province' ? t('audit.title') : t('audit.platformTitle')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {scope === 'province' && (
          <SelectField
            label={t('audit.trail')}
            value={filters.trail}
            onChange={(e) => update({ trail: e.currentTarget.value as Filters['trail'] })}
            options={[
              { value: 'users', label: t('audit.trail.users') },
              { value: 'records', label: t('audit.trail.records') },
            ]}
          />
        )}
        <Field label={t('audit.action')} placeholder="user.invite" value={filters.action} onChange={(e) => update({ action: e.currentTarget.value.trim() })} />
        <SelectField
          label={t('audit.outcome')}
          value={filters.outcome}
          onChange={(e) => update({ outcome: e.currentTarget.value as Filters['outcome'] })}
          options={[
            { value: '', label: t('users.all') },
            { value: 'success', label: t('audit.outcome.success') },
            { value: 'failure', label: t('audit.outcome.failure') },
          ]}
        />
        <Field label={t('audit.from')} type="date" value={filters.from} onChange={(e) => update({ from: e.currentTarget.value })} />
        <Field label={t('audit.to')} type="date" value={filters.to} onChange={(e) => update({ to: e.currentTarget.value })} />
      </form>
      {page.status === 'loading' && <Loading />}
      {page.status === 'error' && <ErrorState error={page.error} onRetry={reload} />}
      {page.status === 'ready' && page.data.data.length === 0 && <Empty>{t('audit.empty')}</Empty>}
      {page.status === 'ready' && page.data.data.length > 0 && (
        <div class="table-wrap" role="region" aria-label={scope === 'province' ? t('audit.title') : t('audit.platformTitle')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((entry) => (
                <tr key={entry.seq}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.actorRole ? t(`role.${entry.actorRole}` as MessageKey) : t('audit.system')}</td>
                  <td>
                    {entry.entityType}
                    {entry.provinceCode ? ` · ${entry.provinceCode}` : ''}
                  </td>
                  <td>{t(`audit.outcome.${entry.outcome}`)}</td>
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
