import { completionRefusal } from '../lib/completion-refusal.ts'
import '../i18n/certification-late.ts'
import { useState } from 'preact/hooks'
import { Dialog } from '../components/dialog.tsx'
import { Loading } from '../components/states.tsx'
import { formatDate, formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { serverMessage } from '../lib/form-errors.ts'
import { useOnline } from '../lib/use-online.ts'
import { canMerge, differingFields, keepMine, mergeChange, type Side } from '../offline/merge.ts'
import { waitingOn } from '../offline/outbox.ts'
import { discard, resend, syncNow } from '../offline/session.ts'
import { useSyncStatus } from '../offline/status.ts'
import type { OutboxEntry } from '../offline/types.ts'
import { useLocalData } from '../offline/use-local.ts'
import type { View } from '../offline/view.ts'

/** Field names in the server's issues (`json.x`) → the labels the forms use. */
const FIELD_LABEL: Record<string, MessageKey> = {
  fullName: 'person.fullName',
  birthDate: 'person.birthDate',
  sex: 'person.sex',
  citizenId: 'person.citizenId',
  communeCode: 'person.commune',
  addressDetail: 'person.address',
  phone: 'person.phone',
  notes: 'person.notes',
  addictionDeterminedOn: 'person.determinedOn',
  addictionDeterminedBy: 'person.determinedBy',
  category: 'persons.category',
  status: 'persons.status',
  registeredOn: 'plan.registeredOn',
  startOn: 'plan.startOn',
  plannedEndOn: 'plan.plannedEndOn',
  members: 'plan.member',
  'members.0.name': 'plan.member',
  'members.0.role': 'plan.memberRole',
  reason: 'plan.reason',
  note: 'plan.note',
  reviewedOn: 'review.date',
  substance: 'review.substance',
  counsellingNotes: 'review.notes',
  riskLevel: 'review.risk',
  drugTest: 'review.drugTest',
  contactedOn: 'followUp.date',
  method: 'followUp.method',
  completionNumber: 'plan.completionNumber',
  completionDate: 'plan.completionDate',
  signer: 'plan.signer',
  supportModel: 'plan.supportModel',
  supporterName: 'plan.supporter',
  relapseOn: 'postRehab.relapseOn',
  kind: 'support.kind',
  givenOn: 'support.givenOn',
  amountVnd: 'support.amount',
}

/** Pending changes, last sync, what the server refused and why, conflicts and their resolution (commune officers). */
export default function SyncPage() {
  // The router opens this screen only for roles with sync:push (web/src/lib/navigation.ts).
  return <OfficerSync />
}

function OfficerSync() {
  const { t } = useI18n()
  const status = useSyncStatus()
  const local = useLocalData()
  const online = useOnline()
  if (local.status === 'loading') return <Loading />
  const waiting = waitingOn(local.entries)
  const conflicts = local.entries.filter((e) => e.state === 'conflict')
  const failed = local.entries.filter((e) => e.state === 'failed')
  const pending = local.entries.filter((e) => e.state === 'pending')
  const phaseText: Record<string, MessageKey | null> = {
    syncing: 'sync.phase.syncing',
    offline: 'sync.phase.offline',
    retrying: 'sync.phase.retrying',
    paused: 'sync.phase.paused',
    idle: null,
  }
  const phase = online ? phaseText[status.phase] : 'sync.phase.offline'
  return (
    <section>
      <h1>{t('sync.title')}</h1>
      <div class="card">
        <dl class="summary">
          <dt>{t('sync.lastSynced')}</dt>
          <dd>{local.lastSyncedAt ? formatDateTime(local.lastSyncedAt) : t('sync.never')}</dd>
          <dt>{t('sync.pending')}</dt>
          <dd data-testid="sync-pending">{formatNumber(pending.length)}</dd>
          <dt>{t('sync.failed')}</dt>
          <dd>{formatNumber(failed.length)}</dd>
          <dt>{t('sync.conflicts')}</dt>
          <dd>{formatNumber(conflicts.length)}</dd>
        </dl>
        {phase && (
          <p role="status" class="muted">
            {t(phase)}
          </p>
        )}
        <button type="button" class="primary" disabled={!online || status.phase === 'syncing'} onClick={() => void syncNow()}>
          {t('sync.now')}
        </button>
      </div>
      {conflicts.length > 0 && <h2>{t('sync.conflicts')}</h2>}
      {conflicts.map((entry) => (
        <ConflictCard key={entry.seq} entry={entry} view={local.view} />
      ))}
      {failed.length > 0 && <h2>{t('sync.failed')}</h2>}
      {failed.map((entry) => (
        <EntryCard key={entry.seq} entry={entry} view={local.view} canRetry />
      ))}
      <h2>{t('sync.pending')}</h2>
      {pending.length === 0 ? (
        <p class="muted">{t('sync.nothingPending')}</p>
      ) : (
        <ul class="cards">
          {pending.map((entry) => (
            <li key={entry.seq}>
              <EntryCard entry={entry} view={local.view} waiting={waiting.has(entry.seq)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function useDescribe(view: View) {
  const { t } = useI18n()
  return (entry: OutboxEntry) => {
    // A change of the activity log or of a model names the model (decision 0033).
    const name = view.persons.find((p) => p.id === entry.personId)?.fullName ?? view.models?.find((m) => m.id === entry.personId)?.name ?? ''
    const d = entry.data
    const on = String(
      d.reviewedOn ??
        d.contactedOn ??
        d.completionDate ??
        d.relapseOn ??
        d.givenOn ??
        d.movedOn ??
        d.heldOn ??
        d.joinedOn ??
        d.leftOn ??
        d.resultOn ??
        d.dossierOn ??
        d.admittedOn ??
        d.returnedOn ??
        d.endedOn ??
        d.endOn ??
        d.startOn ??
        '',
    )
    const what = t(`sync.type.${entry.type}` as MessageKey, {
      to: entry.type === 'plan.transition' ? t(`plan.${String(entry.data.to)}` as MessageKey) : '',
      date: on ? formatDate(on) : '',
    })
    return `${what}: ${name}`
  }
}

/** The server's reason, field by field where it named fields. */
function Reason({ entry }: { entry: OutboxEntry }) {
  const { t, locale } = useI18n()
  const error = entry.error
  if (!error) return null
  const details = error.details as { issues?: { field?: unknown; message?: unknown }[] } | undefined
  const issues = (details?.issues ?? [])
    .filter((i) => typeof i.field === 'string')
    .map((i) => ({ field: String(i.field).replace(/^json\./, ''), message: String(i.message ?? '') }))
  const lead = completionRefusal(error.code, error.details, t) ?? t(`sync.reason.${error.status}` as MessageKey)
  return (
    <div class="form-error">
      <p>{lead}</p>
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue) => (
            <li key={issue.field}>
              {FIELD_LABEL[issue.field] ? t(FIELD_LABEL[issue.field]!) : issue.field}:{' '}
              {serverMessage(issue.message, locale) ?? `${t('error.invalidField')} (${issue.message})`}
            </li>
          ))}
        </ul>
      ) : (
        error.status !== 'not_found' && error.status !== 'forbidden' && <p lang="en">{error.message}</p>
      )}
    </div>
  )
}

function Discard({ entry }: { entry: OutboxEntry }) {
  const { t } = useI18n()
  const [asking, setAsking] = useState(false)
  return (
    <>
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('sync.discard')}
      </button>
      <Dialog title={t('sync.discardTitle')} open={asking} onClose={() => setAsking(false)}>
        <p>{t('sync.discardBody')}</p>
        <div class="actions">
          <button type="button" class="danger" onClick={() => void discard(entry.seq).then(() => setAsking(false))}>
            {t('sync.discardConfirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  )
}

function EntryCard({ entry, view, canRetry = false, waiting = false }: { entry: OutboxEntry; view: View; canRetry?: boolean; waiting?: boolean }) {
  const { t } = useI18n()
  const describe = useDescribe(view)
  return (
    <div class="card" data-testid="sync-entry">
      <p>
        <a href={`/persons/${entry.personId}`}>{describe(entry)}</a>
      </p>
      <p class="muted">{t('sync.queuedAt', { at: formatDateTime(entry.queuedAt) })}</p>
      {waiting && <p class="muted">{t('sync.waiting')}</p>}
      <Reason entry={entry} />
      {(canRetry || waiting) && (
        <div class="actions">
          {canRetry && (
            <button type="button" onClick={() => void resend(entry.seq)}>
              {t('sync.retry')}
            </button>
          )}
          <Discard entry={entry} />
        </div>
      )}
    </div>
  )
}

const shown = (value: unknown, empty: string) => (value === null || value === undefined || value === '' ? empty : String(value))

/** Both versions side by side; keep mine (re-sent on the server's version), keep theirs, or choose per field. */
function ConflictCard({ entry, view }: { entry: OutboxEntry; view: View }) {
  const { t } = useI18n()
  const describe = useDescribe(view)
  const theirs = entry.server ?? {}
  const fields = canMerge(entry) ? differingFields(entry.data, theirs) : []
  const [choices, setChoices] = useState<Record<string, Side>>({})
  const merged = mergeChange(entry, theirs, choices)
  const label = (field: string) => (FIELD_LABEL[field] ? t(FIELD_LABEL[field]!) : field)
  const value = (field: string, v: unknown) => (field === 'to' || field === 'status' ? t(`plan.${String(v)}` as MessageKey) : shown(v, t('sync.empty')))
  return (
    <div class="card" data-testid="sync-conflict">
      <p>
        <strong>{describe(entry)}</strong>
      </p>
      <p>{t('sync.conflictBody')}</p>
      {entry.type === 'plan.transition' || entry.type === 'plan.complete' ? (
        <p>
          {t('sync.mine')}: {value('to', entry.data.to ?? 'completed')} · {t('sync.theirs')}: {value('status', theirs.status)}
        </p>
      ) : fields.length <= 1 ? (
        fields.map((field) => (
          <p key={field}>
            {label(field)} — {t('sync.mine')}: {value(field, entry.data[field])} · {t('sync.theirs')}: {value(field, theirs[field])}
          </p>
        ))
      ) : (
        fields.map((field) => (
          <fieldset key={field} class="picker">
            <legend>{label(field)}</legend>
            {(['mine', 'theirs'] as const).map((side) => (
              <label key={side} class="check">
                <input
                  type="radio"
                  name={`${entry.seq}-${field}`}
                  checked={(choices[field] ?? 'mine') === side}
                  onChange={() => setChoices((c) => ({ ...c, [field]: side }))}
                />
                {t(side === 'mine' ? 'sync.mine' : 'sync.theirs')}: {value(field, side === 'mine' ? entry.data[field] : theirs[field])}
              </label>
            ))}
          </fieldset>
        ))
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={() => void resend(entry.seq, keepMine(entry, theirs))}>
          {t('sync.keepMine')}
        </button>
        <button type="button" onClick={() => void discard(entry.seq)}>
          {t('sync.keepTheirs')}
        </button>
        {fields.length > 1 && (
          <button type="button" onClick={() => void (merged ? resend(entry.seq, merged) : discard(entry.seq))}>
            {t('sync.merge')}
          </button>
        )}
      </div>
    </div>
  )
}
