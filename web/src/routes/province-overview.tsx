import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { DRUG_FREE_AIM_2030, type CentralRow, type ProvinceOverview as Overview } from '../../../kernel/contract/central.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { endpoint } from '../api.ts'
import { useMe } from '../auth.tsx'
import { SelectField } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatNumber } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { Age, COLUMNS, quarters, right, sticky, TrendCard, Value } from '../central/overview.tsx'
import { useCentralText } from '../central/text.ts'

// The province's own overview (issue #18; decision 0045): its communes × the central indicators of a chosen
// quarter from its snapshot, the province total with its targets and drug-free communes, and one commune's trend
// as the central screen draws it. Its staff's own figures: nothing is withheld, and the screen says so.

/** The key of the province's own row: its trend is asked for without a commune. */
const WHOLE = ''

export default function ProvinceOverview() {
  const me = useMe()
  const tc = useCentralText()
  const province = me.province?.code ?? ''
  const options = quarters(vietnamToday(new Date()))
  const [period, setPeriod] = useState(options[0]!)
  const [open, setOpen] = useState<string | null>(null)
  const [overview, reload] = useResource(endpoint('GET /api/p/:province/overview', { province }, { period }))
  return (
    <div>
      <div class="page-head">
        <h2>{tc('province.title')}</h2>
        <a class="button" href={endpoint('GET /api/p/:province/overview/xlsx', { province }, { period }).url} download>
          {tc('province.download')}
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
      <p class="muted">{tc('province.source')}</p>
      {overview.status === 'loading' && <Loading />}
      {overview.status === 'error' && <ErrorState error={overview.error} onRetry={reload} />}
      {overview.status === 'ready' && <Table data={overview.data.data} open={open} onOpen={setOpen} />}
      {open !== null && <Trend province={province} commune={open} onClose={() => setOpen(null)} />}
    </div>
  )
}

function Table({ data, open, onOpen }: { data: Overview; open: string | null; onOpen: (code: string) => void }) {
  const tc = useCentralText()
  if (!data.snapshot) return <Empty>{tc('province.empty')}</Empty>
  const place = (code: string, name: string) => (
    <button type="button" class="link" style={{ padding: 0, textDecoration: 'underline', textAlign: 'left' }} onClick={() => onOpen(code)}>
      {name}
    </button>
  )
  return (
    <>
      <p>
        {tc('age')}: <Age snapshot={data.snapshot} />
      </p>
      <TotalCards row={data.total} />
      <div class="table-wrap" tabIndex={0} role="region" aria-label={tc('province.title')}>
        <table data-testid="province-table">
          <thead>
            <tr>
              <th scope="col" style={sticky}>
                {tc('province.commune')}
              </th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c} style={right}>
                  {tc(`indicator.${c}`)}
                </th>
              ))}
              <th scope="col">{tc('minors')}</th>
            </tr>
          </thead>
          <tbody>
            {data.communes.map((c) => (
              <tr key={c.code} aria-current={open === c.code ? 'true' : undefined}>
                <th scope="row" style={sticky}>
                  {place(c.code, c.name)}
                </th>
                <Cells row={c} />
              </tr>
            ))}
            <tr style={{ fontWeight: 'bold' }} aria-current={open === WHOLE ? 'true' : undefined}>
              <th scope="row" style={sticky}>
                {place(WHOLE, tc('province.total'))}
              </th>
              <Cells row={data.total} />
            </tr>
          </tbody>
        </table>
      </div>
    </>
  )
}

function Cells({ row }: { row: CentralRow }) {
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c} style={right}>
          <Value cell={row.cells[c]} />
        </td>
      ))}
      <td style={right}>{row.minors ?? '—'}</td>
    </>
  )
}

/** The province's own figures above the table: its total, its yearly target's achievement, its drug-free communes. */
function TotalCards({ row }: { row: CentralRow }) {
  const tc = useCentralText()
  const card = (label: string, value: ComponentChildren) => (
    <li class="card" key={label}>
      <p class="muted">{label}</p>
      <p style={{ fontSize: '1.4rem', fontWeight: 'bold' }}>{value}</p>
    </li>
  )
  const notYet = <span class="muted">{tc('notYet')}</span>
  const started = row.achievement?.rehabStarted
  const share = row.drugFree ? Math.round(row.drugFree.share * 1000) / 10 : null
  return (
    <ul class="cards" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(9.5rem, 1fr))' }} data-testid="province-cards">
      {card(tc('indicator.underManagement'), <Value cell={row.cells.underManagement} />)}
      {card(tc('indicator.newRegistrations'), <Value cell={row.cells.newRegistrations} />)}
      {card(
        tc('achievement'),
        started && started.percent !== null
          ? `${formatNumber(started.percent)}% (${formatNumber(started.yearToDate.value ?? 0)}/${formatNumber(started.target ?? 0)})`
          : notYet,
      )}
      {card(
        tc('drugFree'),
        row.drugFree && share !== null
          ? `${formatNumber(row.drugFree.drugFree)}/${formatNumber(row.drugFree.communes)} · ${tc('drugFreeShare', { share: formatNumber(share), aim: DRUG_FREE_AIM_2030 * 100 })}`
          : notYet,
      )}
    </ul>
  )
}

function Trend({ province, commune, onClose }: { province: string; commune: string; onClose: () => void }) {
  const tc = useCentralText()
  const [trend, reload] = useResource(endpoint('GET /api/p/:province/overview/trend', { province }, commune === WHOLE ? {} : { commune }))
  const title = trend.status !== 'ready' ? tc('trend') : commune === WHOLE ? tc('province.wholeTrend') : tc('trendOf', { name: trend.data.data.name })
  return <TrendCard title={title} empty={tc('province.trendEmpty')} trend={trend} reload={reload} onClose={onClose} />
}
