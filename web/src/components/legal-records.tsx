// A person's legal path (docs/decisions/0028): addiction determinations, the compulsory-rehab referral and return,
// substitution treatment and management periods, each with its decision, and the forms that record the next step.
import { useMemo, useRef, useState } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import { referralGroundsOf, registrationDeadline } from '../../../kernel/domain/determination.ts'
import { signerRoles, type LegalDecision } from '../../../kernel/domain/legal-decision.ts'
import { isOpenReferral, type StatusFacts } from '../../../kernel/domain/person-status.ts'
import type { DeterminationRecord, ManagementPeriodRecord, MethadoneRecord, ReferralRecord } from '../../../kernel/records.ts'
import {
  determinationTriggers,
  managementEarlyEndReasons,
  methadoneEndReasons,
  referralGrounds,
  supportModels,
  type PersonStatus,
} from '../../../kernel/vocabulary.ts'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { PersonRecord } from '../offline/types.ts'
import { useForm } from '../lib/use-form.ts'
import { Submit, type Save } from './case-forms.tsx'
import { Dialog } from './dialog.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/** The timeline's events of these records (and moves, monitoring), loaded with this section: see person.tsx. */
export { legalEvents } from '../../../kernel/domain/legal-timeline.ts'

export interface LegalRecordsData {
  determinations: DeterminationRecord[]
  referrals: ReferralRecord[]
  methadone: MethadoneRecord[]
  managementPeriods: ManagementPeriodRecord[]
}

/** What a commune officer can record from here; absent for read-only roles. */
export interface LegalActions {
  requestDetermination: Save
  concludeDetermination(record: DeterminationRecord): Save
  refer: Save
  admit(record: ReferralRecord): Save
  returned(record: ReferralRecord): Save
  refuse(record: ReferralRecord): Save
  startMethadone: Save
  endMethadone(record: MethadoneRecord): Save
  endManagement(record: ManagementPeriodRecord): Save
}

type FieldSpec = { key: string; label: MessageKey; type?: 'date' | 'text'; options?: readonly string[]; optionLabel?: (value: string) => MessageKey }
type Panel = { title: MessageKey; fields: FieldSpec[]; decision?: LegalDecision['signerRole']; save: Save; initial?: Record<string, string> } | null

const DECISION_FIELDS = ['number', 'date', 'signer', 'signerRole', 'body'] as const
const NO_PROVINCE_DAYS = { extraHolidays: [], workingHolidays: [] }

/**
 * The queueing code and the commands' checks it runs (a chunk of their own, with the other offline writes'
 * shared parts) load with the first save: reading the legal section needs none of it (as the person page's writes).
 */
const legalWrites = () => import('../offline/legal-writes.ts')

function officerActions(person: PersonRecord): LegalActions {
  return {
    requestDetermination: async (body) => (await legalWrites()).requestDetermination(person, body),
    concludeDetermination: (record) => async (body) => (await legalWrites()).concludeDetermination(record, body),
    refer: async (body) => (await legalWrites()).referToCompulsoryRehab(person, body),
    admit: (record) => async (body) => (await legalWrites()).admitReferral(record, body),
    // The post-rehab record the return opens gets its id here, as a completion's does.
    returned: (record) => async (body) => (await legalWrites()).returnFromReferral(record, { ...body, postRehabId: crypto.randomUUID() }),
    startMethadone: async (body) => (await legalWrites()).startMethadone(person, body),
    endMethadone: (record) => async (body) => (await legalWrites()).endMethadone(record, body),
    refuse: (record) => async (body) => (await legalWrites()).refuseReferral(record, body),
    endManagement: (record) => async (body) => (await legalWrites()).endManagement(record, body),
  }
}

export function LegalRecords({
  status,
  category,
  data,
  officer,
  rules = NO_PROVINCE_DAYS,
  pending,
}: {
  status: PersonStatus
  category: StatusFacts['category']
  data: LegalRecordsData
  /** The person, when a commune officer records the steps (offline writes); absent for read-only roles. */
  officer?: PersonRecord | undefined
  rules?: Pick<CaseRules, 'extraHolidays' | 'workingHolidays'>
  pending?: ReadonlySet<string>
}) {
  const { t } = useI18n()
  const [panel, setPanel] = useState<Panel>(null)
  const actions = useMemo(() => (officer ? officerActions(officer) : null), [officer])
  // A step is based on the record as the screen holds it when the form is saved, not when it was opened: the
  // step before it (the admission, then the return) may have been answered meanwhile, moving its version.
  const held = useRef(data)
  held.current = data
  const atSave =
    <K extends keyof LegalRecordsData, R extends LegalRecordsData[K][number]>(kind: K, record: R, step: (current: R) => Save): Save =>
    (body) =>
      step(((held.current[kind] as readonly { id: string }[]).find((r) => r.id === record.id) as R | undefined) ?? record)(body)
  const today = vietnamToday(new Date())
  const facts: StatusFacts = {
    category,
    plans: [],
    postRehab: [],
    managementPeriods: data.managementPeriods,
    determinations: data.determinations,
    referrals: data.referrals,
    methadone: data.methadone,
  }
  const latest = [...data.determinations]
    .filter((d) => d.resultOn)
    .sort((a, b) => (a.resultOn! < b.resultOn! ? -1 : 1))
    .at(-1)
  // Plans are not in these facts: the screen asks only whether this result is still unanswered by the status.
  const deadline = status === 'awaiting_registration' ? registrationDeadline(facts, latest, today, rules) : undefined
  const grounds = referralGroundsOf(facts, today, deadline?.state === 'overdue' ? deadline.dueOn : undefined)
  const onMethadone = data.methadone.some((m) => m.status === 'active')
  const openReferral = data.referrals.find((r) => isOpenReferral(r.status))
  const pendingDetermination = data.determinations.find((d) => d.result === null)
  const hasAny = Object.values(data).some((list) => list.length > 0)
  if (!hasAny && !actions) return null

  const decisionLine = (d: LegalDecision | null) =>
    d ? t('legal.decisionLine', { number: d.number, date: formatDate(d.date), role: t(`legal.signer.${d.signerRole}` as MessageKey), body: d.body }) : null
  const queued = (id: string) => (pending?.has(id) ? <span class="badge badge--queued">{t('sync.queued')}</span> : null)
  const act = (p: NonNullable<Panel>) => () => setPanel(p)
  const dateField = (key: string, label: MessageKey): FieldSpec => ({ key, label, type: 'date' })

  return (
    <section aria-labelledby="legal-heading">
      <h2 id="legal-heading">{t('legal.title')}</h2>
      {onMethadone && <p class="badge">{t('legal.onMethadone')}</p>}
      {status === 'awaiting_determination' && <p class="notice">{t('legal.awaitingDetermination')}</p>}
      {deadline && (
        <p class={deadline.state === 'overdue' ? 'notice notice--error' : 'notice'}>
          {deadline.state === 'overdue'
            ? t('legal.registrationOverdue', { date: formatDate(deadline.dueOn), days: deadline.workingDaysOverdue })
            : t('legal.registrationDue', { date: formatDate(deadline.dueOn) })}
        </p>
      )}
      {actions && (
        <p class="actions">
          {!pendingDetermination && (
            <button
              type="button"
              onClick={act({
                title: 'legal.requestDetermination',
                fields: [
                  { key: 'trigger', label: 'legal.trigger', options: determinationTriggers, optionLabel: (v) => `legal.trigger.${v}` as MessageKey },
                  dateField('dossierOn', 'legal.dossierOn'),
                  { key: 'facility', label: 'legal.healthFacility' },
                ],
                initial: { trigger: status === 'awaiting_determination' ? 'post_rehab_use' : 'caught_again_while_managed' },
                save: actions.requestDetermination,
              })}
            >
              {t('legal.requestDetermination')}
            </button>
          )}
          {!openReferral && (
            <button
              type="button"
              onClick={act({
                title: 'legal.refer',
                fields: [
                  { key: 'ground', label: 'legal.ground', options: referralGrounds, optionLabel: (v) => `legal.ground.${v}` as MessageKey },
                  dateField('dossierOn', 'legal.dossierOn'),
                  dateField('submittedOn', 'legal.submittedOn'),
                ],
                initial: { ground: grounds[0] ?? 'not_registered_or_abandoned', submittedOn: '' },
                save: actions.refer,
              })}
            >
              {t('legal.refer')}
            </button>
          )}
          {!onMethadone && (
            <button
              type="button"
              onClick={act({
                title: 'legal.startMethadone',
                fields: [{ key: 'facility', label: 'legal.methadoneFacility' }, dateField('startOn', 'legal.startOn')],
                save: actions.startMethadone,
              })}
            >
              {t('legal.startMethadone')}
            </button>
          )}
        </p>
      )}
      {grounds.length > 0 && !openReferral && (
        <p>{t('legal.groundsShown', { grounds: grounds.map((g) => t(`legal.ground.${g}` as MessageKey)).join('; ') })}</p>
      )}

      <ul class="records">
        {data.determinations.map((d) => (
          <li key={d.id}>
            <strong>{t('legal.determination')}</strong> {queued(d.id)} — {t(`legal.trigger.${d.trigger}` as MessageKey)}; {t('legal.dossierOn')}{' '}
            {formatDate(d.dossierOn)}; {d.facility}
            {d.result ? (
              <>
                <br />
                {t(`legal.result.${d.result}` as MessageKey)} ({formatDate(d.resultOn!)}) {decisionLine(d.decision)}
                {d.registrationDueOn && ` — ${t('legal.registrationDueOn', { date: formatDate(d.registrationDueOn) })}`}
              </>
            ) : (
              actions && (
                <button
                  type="button"
                  class="link"
                  onClick={act({
                    title: 'legal.conclude',
                    fields: [
                      dateField('resultOn', 'legal.resultOn'),
                      { key: 'result', label: 'legal.result', options: ['dependent', 'not_dependent'], optionLabel: (v) => `legal.result.${v}` as MessageKey },
                    ],
                    decision: 'health_facility',
                    save: atSave('determinations', d, actions.concludeDetermination),
                  })}
                >
                  {t('legal.conclude')}
                </button>
              )
            )}
          </li>
        ))}
        {data.referrals.map((r) => (
          <li key={r.id}>
            <strong>{t('legal.referral')}</strong> {queued(r.id)} — {t(`legal.ground.${r.ground}` as MessageKey)};{' '}
            {t(`legal.referral.${r.status}` as MessageKey)}; {t('legal.dossierOn')} {formatDate(r.dossierOn)}
            {r.courtDecision && (
              <>
                <br />
                {t('legal.court')}: {decisionLine(r.courtDecision)}; {r.facility} {r.admittedOn && formatDate(r.admittedOn)}
              </>
            )}
            {r.returnedOn && (
              <>
                <br />
                {t('legal.returnedOn')} {formatDate(r.returnedOn)}: {decisionLine(r.returnDecision)}
              </>
            )}
            {actions && r.status === 'referred' && (
              <button
                type="button"
                class="link"
                onClick={act({
                  title: 'legal.admit',
                  fields: [{ key: 'facility', label: 'legal.rehabFacility' }, dateField('admittedOn', 'legal.admittedOn')],
                  decision: 'court',
                  save: atSave('referrals', r, actions.admit),
                })}
              >
                {t('legal.admit')}
              </button>
            )}
            {actions && r.status === 'referred' && (
              <button
                type="button"
                class="link"
                onClick={act({ title: 'legal.refuse', fields: [], decision: 'court', save: atSave('referrals', r, actions.refuse) })}
              >
                {t('legal.refuse')}
              </button>
            )}
            {actions && r.status === 'admitted' && (
              <button
                type="button"
                class="link"
                onClick={act({
                  title: 'legal.return',
                  fields: [
                    dateField('returnedOn', 'legal.returnedOn'),
                    { key: 'supportModel', label: 'plan.supportModel', options: supportModels, optionLabel: (v) => `plan.model.${v}` as MessageKey },
                    { key: 'supporterName', label: 'plan.supporter' },
                  ],
                  decision: 'commune_chair',
                  save: atSave('referrals', r, actions.returned),
                })}
              >
                {t('legal.return')}
              </button>
            )}
          </li>
        ))}
        {data.methadone.map((m) => (
          <li key={m.id}>
            <strong>{t('legal.methadone')}</strong> {queued(m.id)} — {m.facility}, {formatDate(m.startOn)}
            {m.endOn && ` – ${formatDate(m.endOn)} (${t(`legal.methadoneEnd.${m.endReason}` as MessageKey)})`}
            {actions && m.status === 'active' && (
              <button
                type="button"
                class="link"
                onClick={act({
                  title: 'legal.endMethadone',
                  fields: [
                    dateField('endOn', 'legal.endOn'),
                    { key: 'reason', label: 'legal.endReason', options: methadoneEndReasons, optionLabel: (v) => `legal.methadoneEnd.${v}` as MessageKey },
                  ],
                  save: atSave('methadone', m, actions.endMethadone),
                })}
              >
                {t('legal.endMethadone')}
              </button>
            )}
          </li>
        ))}
        {data.managementPeriods.map((p) => (
          <li key={p.id}>
            <strong>{t('legal.management')}</strong> {queued(p.id)} — {formatDate(p.startOn)} – {formatDate(p.endOn)} {decisionLine(p.decision)}
            {p.status === 'ended' && (
              <>
                <br />
                {t('legal.managementEnded', {
                  date: p.endedOn ? formatDate(p.endedOn) : '',
                  reason: t(`legal.managementEnd.${p.endReason ?? 'period_elapsed'}` as MessageKey),
                })}{' '}
                {decisionLine(p.endDecision)}
              </>
            )}
            {actions && p.status === 'active' && (
              <button
                type="button"
                class="link"
                onClick={act({
                  title: 'legal.endManagement',
                  fields: [
                    dateField('endedOn', 'legal.endedOn'),
                    {
                      key: 'reason',
                      label: 'legal.endReason',
                      options: managementEarlyEndReasons,
                      optionLabel: (v) => `legal.managementEnd.${v}` as MessageKey,
                    },
                  ],
                  decision: 'commune_chair',
                  save: atSave('managementPeriods', p, actions.endManagement),
                })}
              >
                {t('legal.endManagement')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog title={panel ? t(panel.title) : ''} open={panel !== null} onClose={() => setPanel(null)}>
        {panel && <RecordForm panel={panel} onDone={() => setPanel(null)} />}
      </Dialog>
    </section>
  )
}

/** One step's form: its fields, and the decision it rests on when it has one. */
function RecordForm({ panel, onDone }: { panel: NonNullable<Panel>; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const today = vietnamToday(new Date())
  const initial: Record<string, string> = {}
  for (const f of panel.fields) initial[f.key] = panel.initial?.[f.key] ?? (f.type === 'date' ? today : (f.options?.[0] ?? ''))
  if (panel.decision)
    Object.assign(initial, { 'decision.number': '', 'decision.date': today, 'decision.signer': '', 'decision.signerRole': panel.decision, 'decision.body': '' })
  const form = useForm(initial)
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      const body: Record<string, unknown> = { id }
      for (const f of panel.fields) if (form.values[f.key] !== '') body[f.key] = form.values[f.key]
      if (panel.decision) body.decision = Object.fromEntries(DECISION_FIELDS.map((k) => [k, String(form.values[`decision.${k}`] ?? '').trim()]))
      await panel.save(body)
      onDone()
    })
  }
  const field = (f: FieldSpec, key = f.key) =>
    f.options ? (
      <SelectField
        key={key}
        label={t(f.label)}
        value={String(form.values[key])}
        onChange={form.set(key)}
        error={form.errors[key]}
        options={f.options.map((o) => ({ value: o, label: f.optionLabel ? t(f.optionLabel(o)) : o }))}
      />
    ) : (
      <Field key={key} label={t(f.label)} type={f.type ?? 'text'} value={String(form.values[key])} onInput={form.set(key)} error={form.errors[key]} />
    )
  return (
    <form onSubmit={onSubmit} noValidate>
      {panel.fields.map((f) => field(f))}
      {panel.decision && (
        <fieldset>
          <legend>{t('legal.decision')}</legend>
          {field({ key: 'decision.number', label: 'legal.decision.number' })}
          {field({ key: 'decision.date', label: 'legal.decision.date', type: 'date' })}
          {field({ key: 'decision.signer', label: 'legal.decision.signer' })}
          {field({
            key: 'decision.signerRole',
            label: 'legal.decision.signerRole',
            options: signerRoles,
            optionLabel: (v) => `legal.signer.${v}` as MessageKey,
          })}
          {field({ key: 'decision.body', label: 'legal.decision.body' })}
        </fieldset>
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
