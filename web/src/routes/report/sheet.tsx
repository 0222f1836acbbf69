import type { ReportPeriodInfo } from '../../../../kernel/contract/reports.ts'
import { periodName } from '../../../../kernel/domain/report-period.ts'
import { formatDate, formatNumber, useI18n } from '../../i18n/i18n.tsx'
import type { Cell, Row, Section } from './sections.ts'
import { useReportText } from './text.ts'

export const formatCell = (cell: Cell) => (cell === null ? '—' : typeof cell === 'number' ? formatNumber(cell) : cell)

/** "+5", "−3", "0"; nothing to compare for bands, shares without data and today's figures. */
export function change(row: Row): string {
  if (row.today || typeof row.value !== 'number' || typeof row.previous !== 'number') return '—'
  const d = Math.round((row.value - row.previous) * 10) / 10
  return d > 0 ? `+${formatNumber(d)}` : d < 0 ? `−${formatNumber(-d)}` : '0'
}

/** One part of the report: figure, this period, the same period last year, the change. */
function SectionTable({ section, previousLabel }: { section: Section; previousLabel: string }) {
  const rt = useReportText()
  return (
    <section class="report-section">
      <h2 id={`report-${section.id}`}>{section.title}</h2>
      {/* Focusable: a table wider than a phone scrolls inside its frame, by keyboard too. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby={`report-${section.id}`}>
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{rt('report.col.figure')}</th>
              <th scope="col">{rt('report.col.value')}</th>
              <th scope="col">{previousLabel}</th>
              <th scope="col">{rt('report.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row) =>
              row.heading ? (
                <tr key={row.id} class="report-group">
                  <td colSpan={4}>{row.label}</td>
                </tr>
              ) : (
                <tr key={row.id} data-figure={row.id} class={row.label.startsWith('—') ? 'report-sub' : undefined}>
                  <th scope="row">
                    {row.label}
                    {row.note && <span class="report-note">{row.note}</span>}
                    {row.today && <span class="report-note">{rt('report.overdueNote')}</span>}
                  </th>
                  <td>{formatCell(row.value)}</td>
                  <td>{row.today ? '—' : formatCell(row.previous)}</td>
                  <td>{change(row)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/**
 * The report as filed: on paper a header with the province, the commune and the period, the parts, and the
 * signature block (shown only when printed; the screen has its own heading and actions).
 */
export function ReportSheet({
  sections,
  period,
  previous,
  provinceName,
  communeName,
}: {
  sections: Section[]
  period: ReportPeriodInfo
  previous: ReportPeriodInfo
  provinceName: string
  /** null: the province's report. */
  communeName: string | null
}) {
  const { locale } = useI18n()
  const rt = useReportText()
  const name = periodName(period.label, locale)
  const previousLabel = rt('report.col.previous', { period: periodName(previous.label, locale) })
  return (
    <article class="report-sheet">
      <header class="print-only report-print-head">
        <div>
          <p>{rt('report.print.province', { name: provinceName })}</p>
          {communeName && <p class="report-print-unit">{rt('report.print.province', { name: communeName })}</p>}
        </div>
        <div>
          <p class="report-print-unit">{rt('report.print.nation')}</p>
          <p class="report-print-motto">{rt('report.print.motto')}</p>
        </div>
      </header>
      <div class="print-only report-print-title">
        <p class="report-print-unit">{rt('report.print.title')}</p>
        <p>{rt('report.print.subtitle', { period: name })}</p>
        <p>{rt('report.print.range', { from: formatDate(period.from), to: formatDate(period.to) })}</p>
      </div>
      {sections.map((s) => (
        <SectionTable key={s.id} section={s} previousLabel={previousLabel} />
      ))}
      <footer class="print-only report-signatures">
        <p class="report-date-line">{rt('report.print.place', { place: communeName ?? provinceName, year: period.to.slice(0, 4) })}</p>
        <div class="report-signers">
          <div>
            <p class="report-print-unit">{rt('report.print.preparer')}</p>
            <p class="muted">{rt('report.print.sign')}</p>
          </div>
          <div>
            <p class="report-print-unit">{communeName ? rt('report.print.head') : rt('report.print.headProvince')}</p>
            <p class="muted">{rt('report.print.stamp')}</p>
          </div>
        </div>
      </footer>
    </article>
  )
}
