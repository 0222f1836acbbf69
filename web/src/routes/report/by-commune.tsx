// The province's report per commune: one part at a time (a part's figures as columns, communes as rows), so
// that even 170 communes stay a table one scrolls down, and 360 px scrolls sideways with the name kept in view.
import { useMemo, useState } from 'preact/hooks'
import type { Report, ThinReport } from '../../../../kernel/contract/reports.ts'
import { thickReport } from '../../../../kernel/domain/report-wire.ts'
import { SelectField } from '../../components/field.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { reportSections, SECTION_IDS, type Row, type SectionId } from './sections.ts'
import { formatCell } from './sheet.tsx'
import { useReportText } from './text.ts'

/** A sub-row ("— số buổi") named with the row it belongs to, since a column has no row above it. */
function columnTitles(rows: Row[]): string[] {
  let parent = ''
  return rows.map((r) => {
    if (!r.label.startsWith('—')) {
      parent = r.label
      return r.label
    }
    return `${parent} ${r.label}`
  })
}

export default function ByCommune({ report: sent }: { report: ThinReport }) {
  const { t } = useI18n()
  // Every commune's zeros back, the total's shape laid under what was sent.
  const report = useMemo(() => thickReport(sent), [sent])
  const rt = useReportText()
  const [part, setPart] = useState<SectionId>('cases')
  const index = SECTION_IDS.indexOf(part)
  const rowsOf = (f: Report['total']) => reportSections(f, t, rt, true)[index]!.rows.filter((r) => !r.heading)
  const head = rowsOf(report.total)
  const titles = columnTitles(head)
  return (
    <section class="report-section report-by-commune">
      <h2 id="report-by-commune">{rt('report.byCommune')}</h2>
      <div class="filters">
        <SelectField
          label={rt('report.byCommune.section')}
          value={part}
          onChange={(e) => setPart(e.currentTarget.value as SectionId)}
          options={SECTION_IDS.map((id) => ({ value: id, label: rt(`report.s.${id}`) }))}
        />
      </div>
      <div class="table-wrap report-wide" tabIndex={0} role="region" aria-labelledby="report-by-commune">
        <table>
          <thead>
            <tr>
              <th scope="col">{rt('report.col.commune')}</th>
              {titles.map((title, i) => (
                <th scope="col" key={head[i]!.id}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.byCommune.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.name}</th>
                {rowsOf(c).map((r) => (
                  <td key={r.id}>{formatCell(r.value)}</td>
                ))}
              </tr>
            ))}
            <tr class="report-total">
              <th scope="row">{rt('report.total')}</th>
              {head.map((r) => (
                <td key={r.id}>{formatCell(r.value)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  )
}
