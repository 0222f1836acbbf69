import { useEffect, useState } from 'preact/hooks'
import type { AssessmentView } from '../../../../kernel/contract/certification.ts'
import { policeMetrics, type Criterion, type CriterionGroup } from '../../../../kernel/domain/certification/criteria.ts'
import type { CriterionAnswer, CriterionResult } from '../../../../kernel/domain/certification/evaluate.ts'
import { can } from '../../../../kernel/policy.ts'
import { endpoint, getJson } from '../../api.ts'
import { useActor, useMe } from '../../auth.tsx'
import { ErrorState, Loading } from '../../components/states.tsx'
import { worksOffline } from '../../lib/actor.ts'
import { useOnline } from '../../lib/use-online.ts'
import { openedStore, submit } from '../../offline/session.ts'
import type { OutboxEntry } from '../../offline/types.ts'
import { LazyEvidenceField } from '../../components/evidence-field-lazy.tsx'
import { Refusals, useLocalDossier } from './local.tsx'
import { History, Review, Revoke } from './dossier-review.tsx'
import { useCertI18n, type CertKey } from './messages.ts'

// A commune's dossier for a year (decision 0037): the checklist pre-filled from its own data, saying which
// criterion fails and why; the commune prepares it (offline too: the outbox), the province returns or decides.
// Printable: the print stylesheet below keeps the dossier and drops the controls.
const PRINT_CSS = `@media print { header, nav, .no-print, button, input, select, textarea { display: none !important } .dossier { font-size: 11pt } .dossier table { border-collapse: collapse; width: 100% } .dossier td, .dossier th { border: 1px solid #000; padding: 2pt 4pt } }`
const GROUPS: CriterionGroup[] = ['drug_free', 'key_complex_1', 'key_complex_2', 'key_complex_3']
type Load =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'offline' }
  | { status: 'ready'; data: AssessmentView; pending: boolean; refused: OutboxEntry[] }

/** A province officer's dossier, read online only (decision 0041): offline they are told so, not kept waiting. */
function useServerDossier(province: string, code: string, id: string): [Load, () => void] {
  const online = useOnline()
  const [state, setState] = useState<Load>({ status: 'loading' })
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
    if (!online) return setState({ status: 'offline' })
    let live = true
    getJson(endpoint('GET /api/p/:province/communes/:code/assessments/:id', { province, code, id })).then(
      (res) => live && setState({ status: 'ready', data: res.data, pending: false, refused: [] }),
      (error: unknown) => live && setState({ status: 'error', error }),
    )
    return () => {
      live = false
    }
  }, [id, nonce, online])
  return [state, () => setNonce((n) => n + 1)]
}

/** A commune officer's dossier is the phone's (decision 0044): offline as online, re-read on every change. */
function LocalDossier({ province, code, id }: { province: string; code: string; id: string }) {
  const local = useLocalDossier(province, code, id)
  // A dossier the phone does not hold (yet): before the pull that brings it ends.
  return <DossierBody load={local.status === 'missing' ? { status: 'loading' } : local} reload={() => undefined} province={province} />
}

function ServerDossier({ province, code, id }: { province: string; code: string; id: string }) {
  const [load, reload] = useServerDossier(province, code, id)
  return <DossierBody load={load} reload={reload} province={province} />
}

export default function Dossier({ code, id }: { code: string; id: string }) {
  const province = useMe().province?.code ?? ''
  const Page = worksOffline(useActor()) ? LocalDossier : ServerDossier
  return <Page province={province} code={code} id={id} />
}

function DossierBody({ load, reload, province }: { load: Load; reload: () => void; province: string }) {
  const { c } = useCertI18n()
  if (load.status === 'loading') return <Loading />
  if (load.status === 'offline')
    return (
      <p class="notice" role="status">
        {c('cert.onlineOnly')}
      </p>
    )
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  const a = load.data
  return (
    <section class="dossier">
      <style>{PRINT_CSS}</style>
      <h1>{c('cert.dossier', { name: a.communeCode, year: a.year })}</h1>
      <p>
        <strong data-testid="dossier-status">{c(`cert.status.${a.status}`)}</strong> ·{' '}
        {c('cert.classified', { type: c(`cert.type.${a.checklist.evaluation.type}`) })}
        {load.pending && (
          <span class="badge" data-testid="dossier-pending">
            {' '}
            {c('cert.queued')}
          </span>
        )}
      </p>
      <Refusals entries={load.refused} />
      <p data-testid="dossier-blocking">
        {a.checklist.evaluation.blocking.length > 0 ? c('cert.blocking', { codes: a.checklist.evaluation.blocking.join(', ') }) : c('cert.allMet')}
      </p>
      {a.decision && <p>{c('cert.signed', { number: a.decision.number, date: a.decision.date, signer: a.decision.signer })}</p>}
      <button type="button" class="no-print" onClick={() => print()}>
        {c('cert.print')}
      </button>
      <Figures a={a} />
      <Checklist key={`${a.id}-${a.version}`} a={a} province={province} onDone={reload} pending={load.pending} />
      <Review a={a} province={province} onDone={reload} />
      {a.status === 'recognised' && <Revoke a={a} province={province} />}
      <History a={a} />
    </section>
  )
}

function Figures({ a }: { a: AssessmentView }) {
  const { c } = useCertI18n()
  const f = a.checklist.figures as { managedPeople: number; population: { count: number; source: string } | null }
  return (
    <p>
      {c('cert.figure.managed')}: <strong>{f.managedPeople}</strong> · {c('cert.figure.population')}:{' '}
      {f.population ? `${f.population.count} (${f.population.source})` : c('cert.figure.none')}
    </p>
  )
}

function resultText(c: (k: CertKey) => string, criterion: Criterion, r: CriterionResult | undefined): string {
  if (!r || r.holds === null) return `${c('cert.result.unknown')} — ${c(`cert.reason.${r?.reason ?? 'missing_figure'}`)}`
  if (criterion.group !== 'drug_free') return r.holds ? c('cert.result.holds') : c('cert.result.fails')
  return r.holds ? c('cert.result.met') : `${c('cert.result.notMet')} — ${c(`cert.reason.${r.reason}`)}`
}

function Checklist({ a, province, onDone, pending }: { a: AssessmentView; province: string; onDone: () => void; pending: boolean }) {
  const { c, locale } = useCertI18n()
  const actor = useActor()
  const editable = can(actor, 'certification:prepare', { commune: a.communeCode }) && (a.status === 'draft' || a.status === 'returned')
  const [police, setPolice] = useState(a.police)
  const [answers, setAnswers] = useState(a.answers)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const results = new Map(a.checklist.evaluation.results.map((r) => [r.code, r]))
  const answer = (code: string, patch: CriterionAnswer) => setAnswers({ ...answers, [code]: { ...answers[code], ...patch } })
  async function save() {
    setError(null)
    try {
      await submit({ type: 'assessment.update', entityId: a.id, personId: a.id, data: { version: a.version, police, answers } })
      setSaved(true)
      onDone()
    } catch (e) {
      setError(e)
    }
  }
  async function send() {
    setError(null)
    try {
      // Unsaved changes go first, through the outbox like a save; the submission then names the version they made.
      const dirty = JSON.stringify(police) !== JSON.stringify(a.police) || JSON.stringify(answers) !== JSON.stringify(a.answers)
      if (dirty) await submit({ type: 'assessment.update', entityId: a.id, personId: a.id, data: { version: a.version, police, answers } })
      // Through the outbox too (decision 0044): queued behind the save, sent on the version it makes, decided by the
      // server at sync on its own figures. A commune officer is always on this path.
      // On the version the phone holds now, not the one drawn: a save answered a moment ago moved it. Behind a save
      // still queued it is chained instead (sent on the version that save makes).
      const held = await (await openedStore()).version('assessments', a.id)
      await submit({ type: 'assessment.submit', entityId: a.id, personId: a.id, data: { version: held ?? a.version } })
      if (!navigator.onLine) setSaved(true)
      onDone()
    } catch (e) {
      setError(e)
    }
  }
  return (
    <>
      {editable && (
        <fieldset class="no-print">
          {policeMetrics.map((m) => (
            <div key={m} class="field">
              <label>
                {c(`cert.police.${m}`)}{' '}
                <input
                  type="number"
                  min={0}
                  name={`police-${m}`}
                  value={police[m]?.value ?? ''}
                  onInput={(e) => setPolice({ ...police, [m]: { value: Number((e.target as HTMLInputElement).value), source: police[m]?.source ?? '' } })}
                />
              </label>{' '}
              <input
                aria-label={`${c('cert.source')} — ${c(`cert.police.${m}`)}`}
                name={`source-${m}`}
                placeholder={c('cert.source')}
                value={police[m]?.source ?? ''}
                onInput={(e) => setPolice({ ...police, [m]: { value: police[m]?.value ?? 0, source: (e.target as HTMLInputElement).value } })}
              />
            </div>
          ))}
        </fieldset>
      )}
      {GROUPS.map((group) => (
        <div key={group}>
          <h2>{c(`cert.group.${group}`)}</h2>
          <table>
            <tbody>
              {a.checklist.criteria.criteria
                .filter((x) => x.group === group)
                .map((x) => (
                  <tr key={x.code} data-criterion={x.code}>
                    <td>{x.code}</td>
                    <td>
                      {locale === 'en' ? x.textEn : x.textVi}
                      {x.placeholder && <small> ({c('cert.placeholder')})</small>}
                      {x.evidenceRequired.length > 0 && (
                        <div>
                          <small>{c('cert.evidence', { types: x.evidenceRequired.map((e) => c(`cert.evidence.${e}`)).join(', ') })}</small>
                        </div>
                      )}
                      {a.returnComments?.[x.code] && (
                        <div class="banner" data-testid="return-comment">
                          {c('cert.returnComments')}: {a.returnComments[x.code]}
                        </div>
                      )}
                      {editable && x.metric === 'answer' && x.kind === 'boolean' && (
                        <select
                          name={`answer-${x.code}`}
                          value={answers[x.code]?.value === true ? 'yes' : answers[x.code]?.value === false ? 'no' : ''}
                          onChange={(e) =>
                            answer(x.code, {
                              value: (e.target as HTMLSelectElement).value === 'yes' ? true : (e.target as HTMLSelectElement).value === 'no' ? false : null,
                            })
                          }
                        >
                          <option value="" />
                          <option value="yes">{c('cert.yes')}</option>
                          <option value="no">{c('cert.no')}</option>
                        </select>
                      )}
                      {editable && x.kind === 'document' && (
                        <input
                          name={`document-${x.code}`}
                          placeholder={c('cert.documentRef')}
                          value={answers[x.code]?.documentRef ?? ''}
                          onInput={(e) => answer(x.code, { documentRef: (e.target as HTMLInputElement).value || null })}
                        />
                      )}
                      {!editable && (answers[x.code]?.documentRef || typeof answers[x.code]?.value === 'boolean') && (
                        <div data-testid="criterion-answer">{answers[x.code]?.documentRef ?? (answers[x.code]?.value ? c('cert.yes') : c('cert.no'))}</div>
                      )}
                      {x.kind === 'document' && (
                        // Photos of the signed papers, shrunk and queued on the phone (decision 0038). A dossier
                        // started offline exists on the server only once its start is synced: the field is drawn
                        // again then (key), and sends what waited.
                        <LazyEvidenceField
                          key={`${x.code}-${pending}`}
                          province={province}
                          ownerKind="assessment"
                          ownerId={a.id}
                          criterionCode={x.code}
                          canAttach={editable && can(actor, 'evidence:attach', { commune: a.communeCode })}
                        />
                      )}
                    </td>
                    <td data-testid="criterion-result">{resultText(c, x, results.get(x.code))}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
      {editable && (
        <p class="no-print">
          <button type="button" onClick={() => void save()}>
            {c('cert.save')}
          </button>{' '}
          {saved && <span role="status">{c('cert.saved')}</span>}{' '}
          {a.allowedMoves.includes('submit') && (
            <button type="button" class="primary" onClick={() => void send()}>
              {c('cert.submit')}
            </button>
          )}
        </p>
      )}
      {error !== null && <ErrorState error={error} />}
    </>
  )
}
