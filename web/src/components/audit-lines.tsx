import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import { actionLabel, entityLabel } from '../lib/audit-labels.ts'
import type { AuditLine } from '../../../kernel/contract/platform.ts'

export type AuditScope = 'province' | 'platform'

/** Ids are UUIDs; eight characters tell records apart on a screen (the full id is in the link and the title). */
export const shortId = (id: string) => (/^[0-9a-f-]{36}$/.test(id) ? id.slice(0, 8) : id)

/**
 * Where a line's record is shown: a person's records on the person's page, an account in the users screen
 * (province) or its province's admins (platform), a province on its page. Null when there is no such page.
 */
export function recordHref(line: Pick<AuditLine, 'entityType' | 'entityId' | 'personId' | 'provinceCode'>, scope: AuditScope): string | null {
  if (line.entityId === null) return null
  if (scope === 'province') {
    if (line.personId) return `/persons/${line.personId}`
    if (line.entityType === 'user') return `/province/users?user=${encodeURIComponent(line.entityId)}`
    return null
  }
  if (line.entityType === 'province') return `/admin/provinces/${encodeURIComponent(line.entityId)}`
  if (line.entityType === 'user' && line.provinceCode) return `/admin/provinces/${encodeURIComponent(line.provinceCode)}`
  return null
}

interface Props {
  lines: AuditLine[]
  scope: AuditScope
  /** The table's region name. */
  label: string
  onActor?: (actor: { id: string; name: string }) => void
  onRecord?: (record: { type: string; id: string }) => void
}

/** A page of the trail: when, what (in words), who (by name), to what (a link), outcome. */
export function AuditLines({ lines, scope, label, onActor, onRecord }: Props) {
  const { t } = useI18n()
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
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
          {lines.map((line) => (
            <tr key={line.seq}>
              <td>
                {formatDateTime(line.at)}
                {line.count > 1 && <span class="audit-since muted">{t('audit.since', { first: formatDateTime(line.firstAt) })}</span>}
              </td>
              <td>
                {actionLabel(t, line.action)}
                {line.count > 1 && (
                  <>
                    {' '}
                    <span class="badge">{t('audit.times', { count: line.count })}</span>
                  </>
                )}
              </td>
              <td>
                <ActorCell line={line} onActor={onActor} />
              </td>
              <td>
                <RecordCell line={line} scope={scope} onRecord={onRecord} />
              </td>
              <td>{t(`audit.outcome.${line.outcome}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ActorCell({ line, onActor }: { line: AuditLine; onActor: Props['onActor'] }) {
  const { t } = useI18n()
  if (line.actorId === null) return <>{t('audit.system')}</>
  const name = line.actorName ?? t('audit.unknownActor')
  const actorId = line.actorId
  return (
    <>
      <span class="audit-name">{name}</span>
      {line.actorRole && <span class="muted"> · {t(`role.${line.actorRole}`)}</span>}
      {onActor && <FilterButton what={t('audit.onlyActor', { name })} onClick={() => onActor({ id: actorId, name })} />}
    </>
  )
}

function RecordCell({ line, scope, onRecord }: { line: AuditLine; scope: AuditScope; onRecord: Props['onRecord'] }) {
  const { t } = useI18n()
  const type = entityLabel(t, line.entityType)
  // The platform trail spans provinces: say which one an entry concerns.
  const province = scope === 'platform' && line.provinceCode && line.entityType !== 'province' ? ` · ${line.provinceCode}` : ''
  if (line.entityId === null) return <>{type + province}</>
  const entityId = line.entityId
  const text = t('audit.record', { type, id: shortId(entityId) })
  const href = recordHref(line, scope)
  return (
    <>
      {href ? (
        <a href={href} title={entityId}>
          {text}
        </a>
      ) : (
        <span title={entityId}>{text}</span>
      )}
      {province}
      {scope === 'province' && line.entityType === 'person' && (
        <>
          {' · '}
          <a href={`/persons/${encodeURIComponent(entityId)}/access`}>{t('audit.whoSaw')}</a>
        </>
      )}
      {onRecord && <FilterButton what={`${t('audit.onlyRecord')}: ${text}`} onClick={() => onRecord({ type: line.entityType, id: entityId })} />}
    </>
  )
}

/** "Lọc", named by what it keeps; the visible word starts the accessible name (WCAG 2.5.3 "label in name"). */
function FilterButton({ what, onClick }: { what: string; onClick: () => void }) {
  const { t } = useI18n()
  return (
    <button type="button" class="link audit-filter" title={what} onClick={onClick}>
      {t('common.filter')}
      <span class="visually-hidden"> ({what})</span>
    </button>
  )
}
