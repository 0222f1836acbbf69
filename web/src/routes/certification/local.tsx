import { useEffect, useState } from 'preact/hooks'
import type { AssessmentView, OverviewRow } from '../../../../kernel/contract/certification.ts'
import type { PulledCertification } from '../../../../kernel/contract/sync.ts'
import { assessmentView, checklistOf, type CommuneFigures } from '../../../../kernel/domain/certification/checklist.ts'
import { endpoint, getJson } from '../../api.ts'
import { discard, resend } from '../../offline/session.ts'
import type { OutboxEntry } from '../../offline/types.ts'
import { useLocalData } from '../../offline/use-local.ts'
import { useCertI18n } from './messages.ts'

// A commune officer's drug-free dossiers from the phone's store (decision 0044): the assessments as last pulled
// with the queued changes laid over them, judged by the criteria and figures the pull brought, so starting,
// answering and submitting work offline; the server decides each change at sync.

const NO_FIGURES: CommuneFigures = { managedPeople: 0, population: null }

/** The pulled figures of the commune, when they are the assessment year's (another year's population is not this one's). */
function figuresOf(pulled: PulledCertification | null, code: string, year: number): CommuneFigures {
  const f = pulled?.figures[code]
  if (!f) return NO_FIGURES
  return pulled.year === year ? f : { managedPeople: f.managedPeople, population: null }
}

export type LocalDossier = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; data: AssessmentView; pending: boolean; refused: OutboxEntry[] }

export function useLocalDossier(province: string, code: string, id: string): LocalDossier {
  const local = useLocalData()
  const [transitions, setTransitions] = useState<AssessmentView['transitions']>([])
  // The moves are the server's (the phone keeps only the dossier): shown when online, absent offline.
  useEffect(() => {
    if (!navigator.onLine) return
    getJson(endpoint('GET /api/p/:province/communes/:code/assessments/:id', { province, code, id })).then(
      (res) => setTransitions(res.data.transitions),
      () => undefined,
    )
  }, [id, local.status === 'ready' ? local.lastSyncedAt : null])
  if (local.status === 'loading') return local
  const a = local.view.assessments?.find((x) => x.id === id)
  if (!a) return { status: 'missing' }
  const data = assessmentView(a, local.certification?.sets ?? [], figuresOf(local.certification, a.communeCode, a.year), transitions)
  const refused = local.entries.filter((e) => e.entityId === id && e.state !== 'pending')
  return { status: 'ready', data, pending: local.view.pending.has(id), refused }
}

/** The officer's communes for a year with their dossiers, as the province's list presents them (its columns). */
export function useLocalOverview(year: number): { status: 'loading' } | { status: 'ready'; rows: OverviewRow[]; confirmed: boolean } {
  const local = useLocalData()
  if (local.status === 'loading') return local
  const sets = local.certification?.sets ?? []
  const rows = local.communes.map(({ code, name }): OverviewRow => {
    const a = local.view.assessments?.find((x) => x.communeCode === code && x.year === year)
    const evaluation = a && checklistOf(a, sets, figuresOf(local.certification, code, year)).evaluation
    return {
      code,
      name,
      assessmentId: a?.id ?? null,
      status: a?.status ?? null,
      communeType: a?.communeType ?? evaluation?.type ?? null,
      blocking: evaluation?.blocking ?? [],
      // Flags and status periods are the province's: the phone does not hold them.
      openFlags: 0,
      drugFree: false,
      drugFreeLastYear: false,
      decision: a?.decision ?? null,
    }
  })
  return { status: 'ready', rows, confirmed: sets.length > 0 }
}

/** A change in conflict is sent again on the server's current version (the officer saw it: "keep mine"). */
const basedOnServer = (e: OutboxEntry) =>
  e.state === 'conflict' && typeof e.server?.version === 'number' ? { ...e.data, version: e.server.version } : undefined

/** A queued change of the dossier the server refused or found in conflict: why, and what the officer can do. */
export function Refusals({ entries }: { entries: OutboxEntry[] }) {
  const { c } = useCertI18n()
  if (entries.length === 0) return null
  return (
    <div class="no-print">
      {entries.map((e) => (
        <p key={e.seq} role="alert" class="banner" data-testid="dossier-refused" data-code={e.error?.code ?? e.state}>
          {e.error?.code === 'criteria_unconfirmed' ? c('cert.refused.criteria_unconfirmed') : c('cert.refused', { message: e.error?.message ?? e.state })}{' '}
          <button type="button" onClick={() => void resend(e.seq, basedOnServer(e))}>
            {c('cert.resend')}
          </button>{' '}
          <button type="button" onClick={() => void discard(e.seq)}>
            {c('cert.discard')}
          </button>
        </p>
      ))}
    </div>
  )
}
