import { lazy, useLocation, useRoute } from 'preact-iso'
import { useState } from 'preact/hooks'
import type { OverviewRow } from '../../../kernel/contract/certification.ts'
import { can } from '../../../kernel/policy.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { endpoint, sendJson } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useResource } from '../lib/use-resource.ts'
import { worksOffline } from '../lib/actor.ts'
import { useOnline } from '../lib/use-online.ts'
import { submit } from '../offline/session.ts'
import { useLocalOverview } from './certification/local.tsx'
import { useCertI18n } from './certification/messages.ts'

// Drug-free communes (decision 0037): the province's list of communes for a year, or a commune officer's own
// communes; a dossier (`/certification/:code/:id`) and the criteria (`/certification/criteria`) load on demand.
const Dossier = lazy(() => import('./certification/dossier.tsx'))
const Criteria = lazy(() => import('./certification/criteria.tsx'))

export default function CertificationPage() {
  const { params } = useRoute()
  const [code, id] = (params.rest ?? '').split('/')
  if (code === 'criteria') return <Criteria />
  if (code && id) return <Dossier code={code} id={id} />
  return <Overview />
}

function Overview() {
  const { c } = useCertI18n()
  const me = useMe()
  const actor = useActor()
  const province = me.province?.code ?? ''
  const [year, setYear] = useState(Number(vietnamToday(new Date()).slice(0, 4)))
  const isLocal = worksOffline(actor)
  return (
    <section>
      <h1>{c('cert.title')}</h1>
      <div class="filters">
        <label>
          {c('cert.year')}{' '}
          <select value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
            {[year + 1, year, year - 1, year - 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>{' '}
        <a href="/certification/criteria">{c('cert.criteria')}</a>{' '}
        {!can(actor, 'certification:prepare') && (
          <a class="button" href={endpoint('GET /api/p/:province/certification/export.xlsx', { province }, { year: String(year) }).url} download>
            {c('cert.export')}
          </a>
        )}
      </div>
      {isLocal ? <LocalList year={year} province={province} /> : <ServerList year={year} province={province} />}
    </section>
  )
}

/** A commune officer's communes from the phone (decision 0044): starting a dossier works offline. */
function LocalList({ year, province }: { year: number; province: string }) {
  const { c } = useCertI18n()
  const load = useLocalOverview(year)
  if (load.status === 'loading') return <Loading />
  return (
    <>
      {!load.confirmed && <p class="banner">{c('cert.unconfirmed')}</p>}
      {load.rows.length === 0 ? (
        <Empty>{c('cert.empty')}</Empty>
      ) : (
        <CommuneTable rows={load.rows} year={year} province={province} onStarted={() => undefined} />
      )}
    </>
  )
}

/** The province's list, online only (decision 0041): offline it says so instead of waiting. */
function ServerList({ year, province }: { year: number; province: string }) {
  const { c } = useCertI18n()
  const actor = useActor()
  const online = useOnline()
  const [load, reload] = useResource(endpoint('GET /api/p/:province/certification/overview', { province }, { year: String(year) }))
  if (!online && load.status !== 'ready')
    return (
      <p class="notice" role="status" data-testid="cert-online-only">
        {c('cert.onlineOnly')}
      </p>
    )
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  return (
    <>
      {!online && (
        <p class="notice" role="status" data-testid="cert-online-only">
          {c('cert.onlineOnly')}
        </p>
      )}
      {!load.data.data.criteria.confirmed && <p class="banner">{c('cert.unconfirmed')}</p>}
      <Progress figures={load.data.data.figures} />
      {load.data.data.communes.length === 0 ? (
        <Empty>{c('cert.empty')}</Empty>
      ) : (
        <CommuneTable rows={load.data.data.communes} year={year} province={province} onStarted={reload} />
      )}
      {can(actor, 'certification:review') && <p>{c('cert.reviewer', { label: load.data.data.criteria.reviewerLabel })}</p>}
    </>
  )
}

function Progress({
  figures: f,
}: {
  figures: { recognised: number; target: number; targetSharePercent: number; progressPercent: number; kept: number; newlyRecognised: number; lost: number }
}) {
  const { c } = useCertI18n()
  return (
    <div class="card" data-testid="cert-progress">
      <p>
        <strong>{c('cert.progress', { recognised: f.recognised, target: f.target, share: f.targetSharePercent, percent: f.progressPercent })}</strong>
      </p>
      <progress max={100} value={Math.min(100, f.progressPercent)} />
      <p>
        {c('cert.kept')}: <span data-testid="cert-kept">{f.kept}</span> · {c('cert.new')}: <span data-testid="cert-new">{f.newlyRecognised}</span> ·{' '}
        {c('cert.lost')}: <span data-testid="cert-lost">{f.lost}</span>
      </p>
    </div>
  )
}

function CommuneTable({ rows, year, province, onStarted }: { rows: OverviewRow[]; year: number; province: string; onStarted: () => void }) {
  const { c } = useCertI18n()
  const actor = useActor()
  const { route } = useLocation()
  const [page, setPage] = useState(0)
  const PER_PAGE = 50
  const shown = rows.slice(page * PER_PAGE, (page + 1) * PER_PAGE)
  async function start(code: string) {
    const id = crypto.randomUUID()
    // Through the outbox, as every commune write: queued offline, sent when the connection allows.
    await submit({ type: 'assessment.create', entityId: id, personId: id, data: { communeCode: code, year } })
    onStarted()
    route(`/certification/${code}/${id}`)
  }
  return (
    <>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{c('cert.col.commune')}</th>
              <th>{c('cert.col.status')}</th>
              <th>{c('cert.col.type')}</th>
              <th>{c('cert.col.blocking')}</th>
              <th>{c('cert.col.flags')}</th>
              <th>{c('cert.col.drugFree')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.code} data-commune={r.code}>
                <td>
                  {r.assessmentId ? <a href={`/certification/${r.code}/${r.assessmentId}`}>{r.name}</a> : r.name}
                  {!r.assessmentId && can(actor, 'certification:prepare', { commune: r.code }) && (
                    <button type="button" onClick={() => void start(r.code)}>
                      {c('cert.start', { year })}
                    </button>
                  )}
                </td>
                <td data-testid="cert-status">{c(r.status ? `cert.status.${r.status}` : 'cert.status.none')}</td>
                <td>{r.communeType ? c(`cert.type.${r.communeType}`) : ''}</td>
                <td>{r.blocking.join(', ')}</td>
                <td>{r.openFlags > 0 ? <strong>{r.openFlags}</strong> : 0}</td>
                <td>{r.drugFree ? c('cert.yes') : c('cert.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > PER_PAGE && (
        <p class="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹
          </button>{' '}
          {page + 1}/{Math.ceil(rows.length / PER_PAGE)}{' '}
          <button type="button" disabled={(page + 1) * PER_PAGE >= rows.length} onClick={() => setPage(page + 1)}>
            ›
          </button>
        </p>
      )}
      {can(actor, 'certification:review') && <Flags province={province} />}
    </>
  )
}

function Flags({ province }: { province: string }) {
  const { c } = useCertI18n()
  const [load, reload] = useResource(endpoint('GET /api/p/:province/certification/flags', { province }, { status: 'open' }))
  const [notes, setNotes] = useState<Record<string, string>>({})
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  return (
    <section>
      <h2>{c('cert.flags.title')}</h2>
      {load.data.data.length === 0 && <p>{c('cert.flags.none')}</p>}
      <ul>
        {load.data.data.map((f) => (
          <li key={f.id}>
            {f.communeCode} — {c(`cert.flag.${f.kind}`)} ({f.criterionCode}, {f.raisedOn}){' '}
            <input
              aria-label={c('cert.flag.note')}
              value={notes[f.id] ?? ''}
              onInput={(e) => setNotes({ ...notes, [f.id]: (e.target as HTMLInputElement).value })}
            />{' '}
            <button
              type="button"
              disabled={!notes[f.id]}
              onClick={async () => {
                await sendJson(endpoint('POST /api/p/:province/certification/flags/:id/review', { province, id: f.id }), {
                  version: f.version,
                  note: notes[f.id],
                })
                reload()
              }}
            >
              {c('cert.flag.review')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
