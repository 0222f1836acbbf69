import type { TargetPlace, TargetsView } from '../../../kernel/contract/targets.ts'
import type { IndicatorDefinition } from '../../../kernel/domain/target-indicators.ts'
import { formatNumber } from '../i18n/i18n.tsx'
import { useTargetsText } from './targets-text.ts'

/**
 * Targets against achievement for one place (the province or a commune) of GET /targets/:year, with a progress
 * bar per indicator: filled to achieved/target, marked where the elapsed share of the year puts the schedule.
 * Presentational: the report screen embeds it with the same answer (decision 0036).
 */
export function TargetsTable({ view, place }: { view: Pick<TargetsView, 'indicators' | 'progress'>; place: TargetPlace }) {
  const { tt, locale } = useTargetsText()
  const byCode = new Map<string, IndicatorDefinition>(view.indicators.map((i) => [i.code, i]))
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{tt('indicator')}</th>
            <th scope="col">{tt('achieved')}</th>
            <th scope="col">{tt('target')}</th>
            <th scope="col">{tt('percent')}</th>
          </tr>
        </thead>
        <tbody>
          {place.cells.map((cell) => {
            const def = byCode.get(cell.indicator)
            const unit = def ? (locale === 'vi' ? def.unitVi : def.unitEn) : ''
            return (
              <tr key={cell.indicator}>
                <th scope="row" title={def?.source}>
                  {def ? (locale === 'vi' ? def.labelVi : def.labelEn) : cell.indicator}
                  {cell.target !== null && cell.achieved !== null && (
                    <ProgressBar target={cell.target} achieved={cell.achieved} share={view.progress.elapsedShare} expected={cell.expectedByNow} />
                  )}
                </th>
                <td>{cell.achieved === null ? <span class="muted">{tt('notComputed')}</span> : `${formatNumber(cell.achieved)} ${unit}`}</td>
                <td>{cell.target === null ? '—' : formatNumber(cell.target)}</td>
                <td>{cell.percent === null ? '—' : `${formatNumber(cell.percent)}%`}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

const BAR = 'display:block;position:relative;height:8px;margin-top:4px;background:#e5e7eb;border-radius:4px;max-width:16rem'

/** Plain CSS: the fill is achieved/target (at most the whole bar), the tick the share of the year elapsed. */
function ProgressBar({ target, achieved, share, expected }: { target: number; achieved: number; share: number; expected: number | null }) {
  const { tt } = useTargetsText()
  const ratio = target > 0 ? Math.min(achieved / target, 1) : 1
  const met = achieved >= target
  const behind = !met && expected !== null && achieved < expected
  const label = met
    ? tt('met')
    : behind
      ? `${tt('behind')} · ${tt('expected', { count: formatNumber(expected ?? 0) })}`
      : tt('expected', { count: formatNumber(expected ?? 0) })
  const colour = met ? '#15803d' : behind ? '#b45309' : '#1d4ed8'
  return (
    <span style={BAR} role="img" aria-label={label} title={label}>
      <span style={`position:absolute;left:0;top:0;bottom:0;width:${(ratio * 100).toFixed(1)}%;background:${colour};border-radius:4px`} />
      <span style={`position:absolute;top:-2px;bottom:-2px;left:${(share * 100).toFixed(1)}%;width:2px;background:#111827`} />
    </span>
  )
}
