import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import {
  DRUG_FREE_AIM_2030,
  type CentralCell,
  type CentralIndicator,
  type CentralRow,
  type CentralSummary,
  type CentralTrendPoint,
  type SnapshotState,
} from '../../../kernel/contract/central.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { endpoint } from '../api.ts'
import { SelectField } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatNumber } from '../i18n/i18n.tsx'
import { useResource, type Resource } from '../lib/use-resource.ts'
import { useCentralText } from './text.ts'

// The central home (issue #18; decision 0042): the provinces × the main indicators of a chosen quarter from the
// snapshots, the national total, each province's snapshot age, and one province's trend as a plain SVG chart.
// Styles are inline: the shared stylesheet is part of the first load.

/** The columns on screen (the XLSX has every indicator). */
export const COLUMNS: readonly CentralIndicator[] = ['underManagement', 'dependent', 'drugUsers', 'newRegistrations', 'rehabStarted', 'referred', 'relapses']

/** The quarters a screen offers: this one and the seven before it, newest first. */
export function quarters(today: string): string[] {
  let year = Number(today.slice(0, 4))
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const out: string[] = []
  for (let i = 0; i < 8; i++) {
    out.push(`${year}-Q${q}`)
    q--
    if (q === 0) {
      q = 4
      year--
    }
  }
  return out
}

export const sticky = { position: 'sticky', left: 0, background: 'var(--paper)', textAlign: 'left' } as const
export const right = { textAlign: 'right', whiteSpace: 'nowrap' } as const

export function Overview() {
  const tc = useCentralText()
  const options = quarters(vietnamToday(new Date()))
  const [period, setPeriod] = useState(options[0]!)
  const [open, setOpen] = useState<string | null>(null)
  const [summary, reload] = useResource(endpoint('GET /api/central/summary', {}, { period }))
  return (
    <div>
      <div class="page-head">
        <h2>{tc('title')}</h2>
        <a class="button" href={endpoint('GET /api/central/summary/xlsx', {}, { period }).url} download>
          {tc('download')}
        </a>
      </div>
      <div class="filters">
        <SelectField
          label={tc('quarter')}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          options={options.map((p) => ({ value: p, label: p }))}
        />
      </div>
      {summary.status === 'loading' && <Loading />}
      {summary.status === 'error' && <ErrorState error={summary.error} onRetry={reload} />}
      {summary.status === 'ready' && <Table data={summary.data.data} open={open} onOpen={setOpen} />}
      {open && <Trend province={open} onClose={() => setOpen(null)} />}
    </div>
  )
}

function Table({ data, open, onOpen }: { data: CentralSummary; open: string | null; onOpen: (code: string) => void }) {
  const tc = useCentralText()
  if (data.total.provincesIncluded === 0) return <Empty>{tc('empty')}</Empty>
  return (
    <>
      <NationalCards row={data.total} included={data.total.provincesIncluded} all={data.provinces.length} />
      <div class="table-wrap" tabIndex={0} role="region" aria-label={tc('title')}>
        <table data-testid="central-table">
          <thead>
            <tr>
              <th scope="col" style={sticky}>
                {tc('province')}
              </th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c} style={right}>
                  {tc(`indicator.${c}`)}
                </th>
              ))}
              <th scope="col">{tc('minors')}</th>
              <th scope="col">{tc('drugFree')}</th>
              <th scope="col">{tc('achievement')}</th>
              <th scope="col">{tc('age')}</th>
            </tr>
          </thead>
          <tbody>
            {data.provinces.map((p) => (
              <tr key={p.code} aria-current={open === p.code ? 'true' : undefined}>
                <th scope="row" style={sticky}>
                  {p.snapshot ? (
                    <button type="button" class="link" style={{ padding: 0, textDecoration: 'underline', textAlign: 'left' }} onClick={() => onOpen(p.code)}>
                      {p.name}
                    </button>
                  ) : (
                    p.name
                  )}
                </th>
                <Cells row={p} />
                <td>
                  <Age snapshot={p.snapshot} />
                </td>
              </tr>
            ))}
            <tr style={{ fontWeight: 'bold' }}>
              <th scope="row" style={sticky}>
                {tc('national')}
              </th>
              <Cells row={data.total} />
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">{tc('suppressedNote', { max: data.k - 1 })}</p>
    </>
  )
}

function Cells({ row }: { row: CentralRow }) {
  const tc = useCentralText()
  // The yearly plan sets no target for new registrations (decision 0036): voluntary rehab started has one.
  const achieved = row.achievement?.rehabStarted?.percent
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c} style={right}>
          <Value cell={row.cells[c]} />
        </td>
      ))}
      <td style={right}>{row.minors ?? '—'}</td>
      <td style={right}>{row.drugFree ? `${formatNumber(row.drugFree.drugFree)} (${formatNumber(Math.round(row.drugFree.share * 1000) / 10)}%)` : '—'}</td>
      <td style={right}>{achieved === undefined || achieved === null ? <span class="muted">{tc('notYet')}</span> : `${formatNumber(achieved)}%`}</td>
    </>
  )
}

export function Value({ cell }: { cell: CentralCell }) {
  const tc = useCentralText()
  if (cell.suppressed) return <abbr title={tc('suppressed')}>*</abbr>
  return <>{cell.value === null ? '—' : formatNumber(cell.value)}</>
}

export function Age({ snapshot }: { snapshot: SnapshotState | null }) {
  const tc = useCentralText()
  if (!snapshot || snapshot.ageSeconds === null) return <span class="muted">{tc('noSnapshot')}</span>
  const hours = Math.floor(snapshot.ageSeconds / 3600)
  const age = hours < 1 ? tc('ageNow') : hours < 48 ? tc('ageHours', { n: hours }) : tc('ageDays', { n: Math.floor(hours / 24) })
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {age}
      {snapshot.stale && (
        <span class="badge" style={{ marginLeft: '0.25rem', background: '#fde68a' }}>
          {tc('stale')}
        </span>
      )}
    </span>
  )
}

function NationalCards({ row, included, all }: { row: CentralRow; included: number; all: number }) {
  const tc = useCentralText()
  const card = (label: string, value: ComponentChildren) => (
    <li class="card" key={label}>
      <p class="muted">{label}</p>
      <p style={{ fontSize: '1.4rem', fontWeight: 'bold' }}>{value}</p>
    </li>
  )
  const share = row.drugFree ? Math.round(row.drugFree.share * 1000) / 10 : null
  return (
    <ul class="cards" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(9.5rem, 1fr))' }} data-testid="national-cards">
      {card(tc('indicator.underManagement'), <Value cell={row.cells.underManagement} />)}
      {card(tc('indicator.newRegistrations'), <Value cell={row.cells.newRegistrations} />)}
      {card(
        tc('drugFree'),
        share === null ? <span class="muted">{tc('notYet')}</span> : tc('drugFreeShare', { share: formatNumber(share), aim: DRUG_FREE_AIM_2030 * 100 }),
      )}
      {card(tc('national'), tc('provincesIncluded', { count: included, all }))}
    </ul>
  )
}

function Trend({ province, onClose }: { province: string; onClose: () => void }) {
  const tc = useCentralText()
  const [trend, reload] = useResource(endpoint('GET /api/central/provinces/:province/trend', { province }))
  const title = trend.status === 'ready' ? tc('trendOf', { name: trend.data.data.name }) : tc('trend')
  return <TrendCard title={title} empty={tc('trendEmpty')} trend={trend} reload={reload} onClose={onClose} />
}

type TrendAnswer = { data: { name: string; quarters: readonly CentralTrendPoint[] } }

/** A trend by quarter as the central and the province overviews show it: chart, table, and its states. */
export function TrendCard(props: { title: string; empty: string; trend: Resource<TrendAnswer>; reload: () => void; onClose: () => void }) {
  const tc = useCentralText()
  const { trend } = props
  return (
    <section aria-labelledby="trend-title" class="card" style={{ marginTop: '1rem' }}>
      <div class="page-head">
        <h2 id="trend-title">{props.title}</h2>
        <button type="button" onClick={props.onClose}>
          {tc('closeTrend')}
        </button>
      </div>
      {trend.status === 'loading' && <Loading />}
      {trend.status === 'error' && <ErrorState error={trend.error} onRetry={props.reload} />}
      {trend.status === 'ready' &&
        (trend.data.data.quarters.length === 0 ? (
          <Empty>{props.empty}</Empty>
        ) : (
          <>
            <Chart points={trend.data.data.quarters} name={trend.data.data.name} />
            <TrendTable points={trend.data.data.quarters} />
          </>
        ))}
    </section>
  )
}

export function Chart({ points, name }: { points: readonly CentralTrendPoint[]; name: string }) {
  const tc = useCentralText()
  const W = 320
  const H = 160
  const pad = 28
  const values = points.map((p) => p.cells.underManagement.value)
  const max = Math.max(1, ...values.map((v) => v ?? 0))
  const x = (i: number) => pad + (points.length === 1 ? (W - 2 * pad) / 2 : (i * (W - 2 * pad)) / (points.length - 1))
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad)
  const runs: string[] = []
  let run: string[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '))
      run = []
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)
  })
  if (run.length) runs.push(run.join(' '))
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={tc('chartLabel', { name })} style={{ maxWidth: '40rem', display: 'block' }}>
      <line x1={pad} y1={H - pad} x2={W - pad} y2={H - pad} stroke="currentColor" stroke-opacity="0.3" />
      <text x={pad - 4} y={y(max) + 4} font-size="10" text-anchor="end">
        {formatNumber(max)}
      </text>
      <text x={pad - 4} y={H - pad + 4} font-size="10" text-anchor="end">
        0
      </text>
      {runs.map((r) => (
        <polyline key={r} points={r} fill="none" stroke="var(--brand, #1d6b46)" stroke-width="2" />
      ))}
      {values.map((v, i) => (v === null ? null : <circle key={points[i]!.period} cx={x(i)} cy={y(v)} r="3" fill="var(--brand, #1d6b46)" />))}
      {points.map((p, i) => (
        <text key={p.period} x={x(i)} y={H - 8} font-size="9" text-anchor="middle">
          {p.period.slice(2)}
        </text>
      ))}
    </svg>
  )
}

export function TrendTable({ points }: { points: readonly CentralTrendPoint[] }) {
  const tc = useCentralText()
  const rows: CentralIndicator[] = ['underManagement', 'newRegistrations', 'rehabStarted', 'referred', 'relapses']
  return (
    // Scrolls sideways on a phone: focusable so that a keyboard can scroll it too.
    <div class="table-wrap" tabIndex={0} role="region" aria-label={tc('trend')}>
      <table data-testid="trend-table">
        <thead>
          <tr>
            <th scope="col" style={sticky}>
              {tc('quarter')}
            </th>
            {points.map((p) => (
              <th scope="col" key={p.period} style={right}>
                {p.period}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row" style={sticky}>
                {tc(`indicator.${r}`)}
              </th>
              {points.map((p) => (
                <td key={p.period} style={right}>
                  <Value cell={p.cells[r]} />
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row" style={sticky}>
              {tc('yearToDate')}: {tc('indicator.newRegistrations')}
            </th>
            {points.map((p) => (
              <td key={p.period} style={right}>
                {p.yearToDate ? <Value cell={p.yearToDate.newRegistrations} /> : '—'}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  )
}
