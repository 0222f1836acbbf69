// The report as a commune or the province files it (issue #16 point 5, decision 0035): the period and the unit,
// the parts of a sơ kết/tổng kết report with the same period last year, a chart by quarter, the province's
// table per commune, a print view to sign, the XLSX. The parts below the first screen load as their own chunks.
import { useId, useMemo, useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useMe } from '../auth.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { hasCommuneScope } from '../../../kernel/policy.ts'
import { parsePeriod, periodName, quartersEndingWith } from '../../../kernel/domain/report-period.ts'
import { isEmptyReport, reportSections } from './report/sections.ts'
import { ReportSheet } from './report/sheet.tsx'
import { later } from './report/later.tsx'
import { useReportText } from './report/text.ts'
import reportCss from './report/report.css?url'

const ReportChart = later(() => import('./report/chart.tsx'))
const ByCommune = later(() => import('./report/by-commune.tsx'))

type Group = 'quarter' | 'half' | 'nine' | 'year'

/**
 * The periods one may ask for on `today`, newest first per kind: eight quarters, then halves, nine months and
 * years whose last quarter has begun (a period still running reports what is recorded so far).
 */
export function periodChoices(today: string): Record<Group, string[]> {
  const year = Number(today.slice(0, 4))
  const begun = (label: string) => {
    const last = quartersEndingWith(label, 1)[0]
    return last !== undefined && parsePeriod(last)!.from <= today
  }
  const years = [year, year - 1, year - 2]
  return {
    quarter: quartersEndingWith(`${year}-Q4`, 12).filter(begun).reverse().slice(0, 8),
    half: years
      .slice(0, 2)
      .flatMap((y) => [`${y}-H2`, `${y}-H1`])
      .filter(begun),
    nine: years
      .slice(0, 2)
      .map((y) => `${y}-9M`)
      .filter(begun),
    year: years.map(String),
  }
}

const GROUP_KEYS = { quarter: 'report.period.quarter', half: 'report.period.half', nine: 'report.period.nine', year: 'report.period.year' } as const

export default function Reports() {
  const me = useMe()
  const { t, locale } = useI18n()
  const rt = useReportText()
  const id = useId()
  const choices = useMemo(() => periodChoices(vietnamToday(new Date())), [])
  const [period, setPeriod] = useState(choices.quarter[0]!)
  const [commune, setCommune] = useState('')
  const province = me.province?.code ?? ''
  const communeOfficer = hasCommuneScope(me.role)
  // Province roles pick among the province's communes; a commune officer among their own (none to pick with one).
  const [list] = useResource(communeOfficer ? null : endpoint('GET /api/p/:province/communes', { province }))
  const communes = communeOfficer ? me.communes : list.status === 'ready' ? list.data.data : []
  const fixed = communeOfficer && me.communes.length === 1 ? me.communes[0]! : null
  const asked = fixed ? fixed.code : commune || undefined
  const query = { period, commune: asked }
  const [report, reload] = useResource(endpoint('GET /api/p/:province/reports', { province }, query))
  const communeName = asked ? (communes.find((c) => c.code === asked)?.name ?? asked) : null
  const sections = useMemo(() => (report.status === 'ready' ? reportSections(report.data.data.total, t, rt) : []), [report, locale])
  return (
    <section class="report-page">
      <link rel="stylesheet" href={reportCss} />
      <div class="page-head">
        <div>
          <h1>{t('reports.title')}</h1>
          <p class="report-unit">
            {periodName(period, locale)} · {communeName ?? (communeOfficer ? rt('report.scope.mine') : (me.province?.name ?? ''))}
          </p>
        </div>
        <div class="actions report-actions">
          <button type="button" onClick={() => window.print()} disabled={report.status !== 'ready'}>
            {rt('report.print')}
          </button>
          <a class="button primary" href={endpoint('GET /api/p/:province/reports/xlsx', { province }, query).url} download>
            {rt('report.download')}
          </a>
        </div>
      </div>
      <div class="filters report-filters">
        <div class="field">
          <label for={`${id}-period`}>{t('reports.period')}</label>
          <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
            {(Object.keys(GROUP_KEYS) as Group[]).map((group) => (
              <optgroup key={group} label={rt(GROUP_KEYS[group])}>
                {choices[group].map((p) => (
                  <option key={p} value={p}>
                    {periodName(p, locale)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {!fixed && (
          <div class="field">
            <label for={`${id}-unit`}>{rt('report.scope')}</label>
            <select id={`${id}-unit`} value={commune} onChange={(e) => setCommune(e.currentTarget.value)}>
              <option value="">{communeOfficer ? rt('report.scope.mine') : rt('report.scope.province')}</option>
              {communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorState error={report.error} onRetry={reload} />}
      {report.status === 'ready' && (
        <>
          {isEmptyReport(sections) && <p class="state state--empty">{rt('report.empty')}</p>}
          <ReportChart province={province} commune={asked} period={period} />
          <ReportSheet
            sections={sections}
            period={report.data.data.period}
            previous={report.data.data.previousPeriod}
            provinceName={me.province?.name ?? ''}
            communeName={communeName ?? (communeOfficer ? me.communes.map((c) => c.name).join(', ') : null)}
          />
          {!asked && report.data.data.byCommune.length > 1 && <ByCommune report={report.data.data} />}
        </>
      )}
    </section>
  )
}
