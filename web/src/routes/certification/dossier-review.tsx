import { useEffect, useState } from 'preact/hooks'
import type { StatusPeriodRecord } from '../../../../kernel/certification-records.ts'
import type { AssessmentView } from '../../../../kernel/contract/certification.ts'
import { vietnamToday } from '../../../../kernel/calendar.ts'
import { can } from '../../../../kernel/policy.ts'
import { endpoint, getJson, sendJson } from '../../api.ts'
import { useActor } from '../../auth.tsx'
import { ErrorState } from '../../components/states.tsx'
import { formatDateTime } from '../../i18n/i18n.tsx'
import { useCertI18n } from './messages.ts'

// The province's side of a dossier (decision 0037): return with comments per criterion, decide, revoke, and the
// moves so far. Nobody may return or decide what they submitted: the server answers 403, the screen shows it.

export function Review({ a, province, onDone }: { a: AssessmentView; province: string; onDone: () => void }) {
  const { c } = useCertI18n()
  const actor = useActor()
  const [reason, setReason] = useState('')
  const [comments, setComments] = useState<Record<string, string>>({})
  const [decision, setDecision] = useState({ number: '', date: vietnamToday(new Date()), signer: '', body: c('cert.decision.defaultBody') })
  const [error, setError] = useState<unknown>(null)
  if (!can(actor, 'certification:review') || a.status !== 'submitted') return null
  const path = (move: 'return' | 'decide') =>
    endpoint(`POST /api/p/:province/communes/:code/assessments/:id/${move}`, { province, code: a.communeCode, id: a.id })
  async function act(move: 'return' | 'decide', body: Record<string, unknown>) {
    setError(null)
    try {
      await sendJson(path(move), { version: a.version, reason, ...body })
      onDone()
    } catch (e) {
      setError(e)
    }
  }
  const filled = Object.fromEntries(Object.entries(comments).filter(([, v]) => v.trim() !== ''))
  return (
    <fieldset class="no-print">
      <label>
        {c('cert.reasonField')} <textarea name="reason" value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </label>
      {a.checklist.criteria.criteria
        .filter((x) => x.group === 'drug_free')
        .map((x) => (
          <label key={x.code}>
            {c('cert.comment')} {x.code}{' '}
            <input
              name={`comment-${x.code}`}
              value={comments[x.code] ?? ''}
              onInput={(e) => setComments({ ...comments, [x.code]: (e.target as HTMLInputElement).value })}
            />
          </label>
        ))}
      <p>
        <button type="button" onClick={() => void act('return', { comments: filled })}>
          {c('cert.return')}
        </button>{' '}
        <button type="button" onClick={() => void act('decide', { outcome: 'not_recognised' })}>
          {c('cert.notRecognise')}
        </button>
      </p>
      {(['number', 'date', 'signer', 'body'] as const).map((k) => (
        <label key={k}>
          {c(`cert.decision.${k}`)}{' '}
          <input
            name={`decision-${k}`}
            {...(k === 'date' ? { type: 'date' as const } : {})}
            value={decision[k]}
            onInput={(e) => setDecision({ ...decision, [k]: (e.target as HTMLInputElement).value })}
          />
        </label>
      ))}
      <button
        type="button"
        class="primary"
        onClick={() => void act('decide', { outcome: 'recognised', decision: { ...decision, signerRole: 'provincial_chair' } })}
      >
        {c('cert.recognise')}
      </button>
      {error !== null && <ErrorState error={error} />}
    </fieldset>
  )
}

export function History({ a }: { a: AssessmentView }) {
  const { c } = useCertI18n()
  if (a.transitions.length === 0) return null
  return (
    <>
      <h2>{c('cert.history')}</h2>
      <ol>
        {a.transitions.map((x) => (
          <li key={x.id}>
            {formatDateTime(x.at)} — {c(`cert.move.${x.move}`)}
            {x.reason && `: ${x.reason}`}
          </li>
        ))}
      </ol>
    </>
  )
}

/** The reviewer revokes the commune's drug-free status this dossier opened or renewed (reason and decision). */
export function Revoke({ a, province }: { a: AssessmentView; province: string }) {
  const { c } = useCertI18n()
  const actor = useActor()
  const [periods, setPeriods] = useState<StatusPeriodRecord[] | null>(null)
  const [reason, setReason] = useState('')
  const [number, setNumber] = useState('')
  const [error, setError] = useState<unknown>(null)
  const mayRevoke = can(actor, 'certification:review')
  useEffect(() => {
    if (mayRevoke) void getJson(endpoint('GET /api/p/:province/certification/status-periods', { province })).then((res) => setPeriods(res.data), setError)
  }, [a.id, mayRevoke])
  const period = periods?.find((p) => p.status === 'open' && p.lastAssessmentId === a.id)
  if (!mayRevoke || !period) return null
  async function revoke() {
    if (!period) return
    setError(null)
    try {
      const decision = {
        number,
        date: vietnamToday(new Date()),
        signer: a.decision?.signer ?? '',
        signerRole: 'provincial_chair',
        body: a.decision?.body ?? c('cert.decision.defaultBody'),
      }
      const res = await sendJson(endpoint('POST /api/p/:province/certification/status-periods/:id/revoke', { province, id: period.id }), {
        version: period.version,
        reason,
        decision,
      })
      setPeriods((periods ?? []).map((p) => (p.id === res.data.id ? res.data : p)))
    } catch (e) {
      setError(e)
    }
  }
  return (
    <fieldset class="no-print">
      <label>
        {c('cert.reasonField')} <textarea name="revoke-reason" value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label>
        {c('cert.decision.number')} <input name="revoke-number" value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
      </label>
      <button type="button" onClick={() => void revoke()}>
        {c('cert.revoke')}
      </button>
      {error !== null && <ErrorState error={error} />}
    </fieldset>
  )
}
