import { daysInMonth } from '../calendar.ts'
import type { ReportPeriodKind } from '../contract/reports.ts'

/**
 * A reporting period as communes report: quarterly (sơ kết), six-monthly, nine-monthly, yearly (tổng kết). It
 * always starts on a month's first day and ends on a month's last: the head-counts at its end are the status
 * history's monthly sums (decision 0034).
 */
export interface ReportPeriod {
  label: string
  kind: ReportPeriodKind
  /** Inclusive YYYY-MM-DD. */
  from: string
  /** Inclusive YYYY-MM-DD. */
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const PERIOD = /^(\d{4})(?:-(Q[1-4]|H[12]|9M))?$/

/** "2026-Q3", "2026-H1", "2026-9M" (January to September) or "2026" → its first and last day; null when the text is not a period. */
export function parsePeriod(text: string): ReportPeriod | null {
  const match = PERIOD.exec(text)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2100) return null
  return periodOf(year, match[2], text)
}

function periodOf(year: number, part: string | undefined, label: string): ReportPeriod {
  const [kind, firstMonth, months]: [ReportPeriodKind, number, number] = !part
    ? ['year', 1, 12]
    : part === '9M'
      ? ['nine_months', 1, 9]
      : part.startsWith('Q')
        ? ['quarter', (Number(part[1]) - 1) * 3 + 1, 3]
        : ['half', (Number(part[1]) - 1) * 6 + 1, 6]
  const endMonth = firstMonth + months - 1
  return { label, kind, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(daysInMonth(year, endMonth))}` }
}

/** The same period one year earlier ("so với cùng kỳ năm trước"): what every figure's `previousYear` counts. */
export function previousYearOf(period: ReportPeriod): ReportPeriod {
  const year = Number(period.from.slice(0, 4)) - 1
  const part = period.label.slice(5) || undefined
  return periodOf(year, part, `${year}${part ? `-${part}` : ''}`)
}
