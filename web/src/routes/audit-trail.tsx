import { useLocation } from 'preact-iso'
import { useMemo, useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useMe } from '../auth.tsx'
import { AuditLines, type AuditScope } from '../components/audit-lines.tsx'
import { Field, SelectField } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { actionLabel, AUDIT_ACTIONS, AUDIT_ENTITIES, entityLabel } from '../lib/audit-labels.ts'
import { useResource } from '../lib/use-resource.ts'

interface Filters {
  trail: 'records' | 'users'
  action: string
  actorId: string
  entityType: string
  entityId: string
  outcome: '' | 'success' | 'failure'
  from: string
  to: string
  grouped: boolean
}

const UUID = /^[0-9a-f-]{36}$/

/** Filters from the address, so other screens can link to a filtered trail (e.g. one record's entries). */
function initialFilters(query: Record<string, string>): Filters {
  const pick = (name: string, ok: (v: string) => boolean) => (query[name] !== undefined && ok(query[name]!) ? query[name]! : '')
  return {
    trail: query.trail === 'records' ? 'records' : 'users',
    action: pick('action', (v) => AUDIT_ACTIONS.includes(v)),
    actorId: pick('actorId', (v) => UUID.test(v)),
    entityType: pick('entityType', (v) => AUDIT_ENTITIES.includes(v)),
    entityId: pick('entityId', (v) => v.length <= 100),
    outcome: query.outcome === 'success' || query.outcome === 'failure' ? query.outcome : '',
    from: '',
    to: '',
    grouped: query.grouped !== 'false',
  }
}

function auditQuery(filters: Filters, scope: AuditScope, before: number | undefined): Record<string, string | number | boolean | undefined> {
  return {
    limit: 50,
    grouped: filters.grouped,
    trail: scope === 'province' ? filters.trail : undefined,
    action: filters.action,
    actorId: filters.actorId,
    entityType: filters.entityType,
    outcome: filters.outcome,
    entityId: filters.entityId.trim(),
    // Dates are local days; the API takes instants (from inclusive, to exclusive).
    from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : undefined,
    to: filters.to ? new Date(new Date(`${filters.to}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined,
    before,
  }
}

/** The province trail (province admins) or the platform trail (central admins): who did what to which record. */
export default function AuditTrail({ scope }: { scope: AuditScope }) {
  const me = useMe()
  const { t } = useI18n()
  const location = useLocation()
  const [filters, setFilters] = useState<Filters>(() => initialFilters(location.query))
  const [cursors, setCursors] = useState<number[]>([])
  const [actorNames, setActorNames] = useState<Record<string, string>>({})
  const province = me.province?.code ?? ''
  const query = auditQuery(filters, scope, cursors.at(-1))
  const [page, reload] = useResource(
    scope === 'province' ? endpoint('GET /api/p/:province/audit', { province }, query) : endpoint('GET /api/admin/audit', {}, query),
  )
  // The actor filter offers the province's accounts (first 100 by username) and anyone seen on a page.
  const [users] = useResource(scope === 'province' ? endpoint('GET /api/p/:province/users', { province }, { limit: 100 }) : null)
  const [entityIdDraft, setEntityIdDraft] = useState(filters.entityId)
  const update = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch })
    if (patch.entityId !== undefined) setEntityIdDraft(patch.entityId)
    setCursors([])
  }

  const actorOptions = useMemo(() => {
    const names = new Map<string, string>(Object.entries(actorNames))
    if (users.status === 'ready') for (const user of users.data.data) names.set(user.id, user.displayName)
    if (page.status === 'ready') for (const line of page.data.data) if (line.actorId && line.actorName) names.set(line.actorId, line.actorName)
    if (filters.actorId && !names.has(filters.actorId)) names.set(filters.actorId, t('audit.unknownActor'))
    return [
      { value: '', label: t('users.all') },
      ...[...names].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    ]
  }, [actorNames, users, page, filters.actorId, t])
  const actionOptions = [
    { value: '', label: t('users.all') },
    ...AUDIT_ACTIONS.map((code) => ({ value: code, label: actionLabel(t, code) })).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
  ]
  const entityOptions = [{ value: '', label: t('users.all') }, ...AUDIT_ENTITIES.map((type) => ({ value: type, label: entityLabel(t, type) }))]
  const title = scope === 'province' ? t('audit.title') : t('audit.platformTitle')

  return (
    <section>
      <h1>{title}</h1>
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
        <SelectField label={t('audit.action')} value={filters.action} onChange={(e) => update({ action: e.currentTarget.value })} options={actionOptions} />
        <SelectField label={t('audit.actor')} value={filters.actorId} onChange={(e) => update({ actorId: e.currentTarget.value })} options={actorOptions} />
        <SelectField
          label={t('audit.entityType')}
          value={filters.entityType}
          onChange={(e) => update({ entityType: e.currentTarget.value })}
          options={entityOptions}
        />
        {/* Typed text is kept as it is typed (a page arriving meanwhile re-renders); the filter applies on change. */}
        <Field
          label={t('audit.entityId')}
          value={entityIdDraft}
          onInput={(e) => setEntityIdDraft(e.currentTarget.value)}
          onChange={(e) => update({ entityId: e.currentTarget.value })}
        />
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
        <label class="check">
          <input type="checkbox" checked={filters.grouped} onChange={(e) => update({ grouped: e.currentTarget.checked })} />
          {t('audit.grouped')}
        </label>
      </form>
      {page.status === 'loading' && <Loading />}
      {page.status === 'error' && <ErrorState error={page.error} onRetry={reload} />}
      {page.status === 'ready' && page.data.data.length === 0 && <Empty>{t('audit.empty')}</Empty>}
      {page.status === 'ready' && page.data.data.length > 0 && (
        <AuditLines
          lines={page.data.data}
          scope={scope}
          label={title}
          onActor={({ id, name }) => {
            setActorNames({ ...actorNames, [id]: name })
            update({ actorId: id })
          }}
          onRecord={({ type, id }) => update({ entityType: type, entityId: id })}
        />
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
