import { useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import type { ReportFigures } from '../../../kernel/contract/reports.ts'
import { useMe } from '../auth.tsx'
import { SelectField } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'

// The main figures only, until the report screen (issue #16 point 5) shows every one of the contract.
const ROWS: [MessageKey, (f: ReportFigures) => string][] = [
  ['reports.people', (f) => formatNumber(f.cases.underManagement.total.value)],
  ['reports.new', (f) => formatNumber(f.cases.newRegistrations.value)],
  ['reports.started', (f) => formatNumber(f.cases.communityRehab.started.value)],
  ['reports.completed', (f) => formatNumber(f.cases.communityRehab.completed.value)],
  ['reports.terminated', (f) => formatNumber(f.cases.communityRehab.terminated.value)],
  ['reports.relapses', (f) => formatNumber(f.cases.postRehab.relapses.people.value)],
  ['reports.postRehab', (f) => formatNumber(f.cases.postRehab.managed.people.value)],
  ['reports.reviews', (f) => formatNumber(f.cases.reviews.value)],
  ['reports.overdue', (f) => formatNumber(f.reviewsOverdueToday)],
  ['reports.employed', (f) => (f.cases.employment.share.value === null ? '—' : `${formatNumber(f.cases.employment.share.value)}%`)],
]

/** The last eight quarters, both halves and the year, newest first. */
function periods(today: string): string[] {
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const list: string[] = []
  for (let i = 0; i < 8; i++) {
    const q = quarter - i
    const y = year + Math.floor((q - 1) / 4)
    list.push(`${y}-Q${((((q - 1) % 4) + 4) % 4) + 1}`)
  }
  return [...list, `${year}-H2`, `${year}-H1`, String(year), String(year - 1)]
}

export default function Reports() {
  const me = useMe()
  const { t } = useI18n()
  const options = periods(vietnamToday(new Date()))
  const [period, setPeriod] = useState(options[0]!)
  const province = me.province?.code ?? ''
  const [report, reload] = useResource(endpoint('GET /api/p/:province/reports', { province }, { period }))
  return (
    <section>
      <div class="page-head">
        <h1>{t('reports.title')}</h1>
        <a class="button" href={endpoint('GET /api/p/:province/reports/xlsx', { province }, { period }).url} download>
          {t('reports.download')}
        </a>
      </div>
      <div class="filters">
        <SelectField
          label={t('reports.period')}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          options={options.map((p) => ({ value: p, label: p }))}
        />
      </div>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorState error={report.error} onRetry={reload} />}
      {report.status === 'ready' && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.period')}</th>
                <th scope="col">{t('reports.total')}</th>
                {report.data.data.byCommune.map((c) => (
                  <th scope="col" key={c.code}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([label, get]) => (
                <tr key={label}>
                  <th scope="row">{t(label)}</th>
                  <td>{get(report.data.data.total)}</td>
                  {report.data.data.byCommune.map((c) => (
                    <td key={c.code}>{get(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
