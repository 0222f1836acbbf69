// The main figures by quarter as plain SVG (no chart library: the route's chunk stays within its budget).
import { endpoint } from '../../api.ts'
import type { ReportTrend } from '../../../../kernel/contract/reports.ts'
import { useResource } from '../../lib/use-resource.ts'
import { formatNumber } from '../../i18n/i18n.tsx'
import { useReportText, type ReportKey } from './text.ts'

type Quarter = ReportTrend['quarters'][number]
const SERIES: { key: ReportKey; pick: (q: Quarter) => number; className: string }[] = [
  { key: 'report.chart.people', pick: (q) => q.underManagement, className: 'chart-a' },
  { key: 'report.chart.started', pick: (q) => q.rehabStarted, className: 'chart-b' },
]

export interface Point {
  quarter: string
  values: number[]
}

/** "2026-Q4" → "IV/26": short enough for eight labels across 360 px. */
const shortQuarter = (q: string) => `${['I', 'II', 'III', 'IV'][Number(q.slice(-1)) - 1]}/${q.slice(2, 4)}`

/** Both series on one 0-based scale; the figures themselves are in the table under it for screen readers. */
export function TrendSvg({ points }: { points: Point[] }) {
  const rt = useReportText()
  const w = 320
  const h = 140
  const left = 20
  const bottom = 20
  const max = Math.max(1, ...points.flatMap((p) => p.values))
  const x = (i: number) => left + (points.length === 1 ? (w - left) / 2 : (i * (w - 2 * left)) / (points.length - 1))
  const y = (v: number) => 8 + (h - bottom - 8) * (1 - v / max)
  return (
    <figure class="report-chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="report-chart-title">
        <title id="report-chart-title">{rt('report.chart.title')}</title>
        <line x1={left} x2={w - left} y1={y(0)} y2={y(0)} class="chart-axis" />
        <text x={left} y={10} class="chart-max">
          {formatNumber(max)}
        </text>
        {SERIES.map((s, n) => (
          <g key={s.key} class={s.className}>
            <polyline fill="none" points={points.map((p, i) => `${x(i)},${y(p.values[n] ?? 0)}`).join(' ')} />
            {points.map((p, i) => (
              <circle key={p.quarter} cx={x(i)} cy={y(p.values[n] ?? 0)} r={3} />
            ))}
          </g>
        ))}
        {points.map((p, i) => (
          <text key={p.quarter} x={x(i)} y={h - 4} text-anchor="middle" class="chart-label">
            {shortQuarter(p.quarter)}
          </text>
        ))}
      </svg>
      <figcaption>
        {SERIES.map((s) => (
          <span key={s.key} class={`chart-key ${s.className}`}>
            {rt(s.key)}
          </span>
        ))}
      </figcaption>
      {/* In a div: a table ignores the 1 px width the class gives, and would widen the page. */}
      <div class="visually-hidden">
        <table>
          <thead>
            <tr>
              <th scope="col">{rt('report.period.quarter')}</th>
              {SERIES.map((s) => (
                <th scope="col" key={s.key}>
                  {rt(s.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.quarter}>
                <th scope="row">{p.quarter}</th>
                {p.values.map((v, i) => (
                  <td key={SERIES[i]!.key}>{formatNumber(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

/** The trend endpoint's quarters (GET …/reports/trend: two figures per quarter, one request). */
export default function ReportChart({ province, commune, period }: { province: string; commune: string | undefined; period: string }) {
  const rt = useReportText()
  const [trend] = useResource(endpoint('GET /api/p/:province/reports/trend', { province }, { period, commune }))
  // The chart is an aid beside the report: when it fails, it is left out rather than blocking the page.
  if (trend.status === 'error') return null
  if (trend.status === 'loading')
    return (
      <p class="state muted" role="status">
        {rt('report.chart.loading')}
      </p>
    )
  return <TrendSvg points={trend.data.data.quarters.map((q) => ({ quarter: q.label, values: SERIES.map((s) => s.pick(q)) }))} />
}
