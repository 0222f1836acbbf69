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

const ROMAN = ['I', 'II', 'III', 'IV'] as const

/**
 * The period as reports name it: "Quý IV/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng năm
 * 2026", "Năm 2026" (English: "Q4 2026", "First half of 2026"…). Shared by the screen and the XLSX; the code
 * itself when it is not a period, so a bad label stays visible.
 */
export function periodName(label: string, locale: 'vi' | 'en' = 'vi'): string {
  const match = PERIOD.exec(label)
  if (!match || !parsePeriod(label)) return label
  const year = match[1]!
  const part = match[2] ?? ''
  const vi = locale === 'vi'
  if (part === '') return vi ? `Năm ${year}` : `Year ${year}`
  if (part === '9M') return vi ? `9 tháng năm ${year}` : `First nine months of ${year}`
  if (part === 'H1') return vi ? `6 tháng đầu năm ${year}` : `First half of ${year}`
  if (part === 'H2') return vi ? `6 tháng cuối năm ${year}` : `Second half of ${year}`
  return vi ? `Quý ${ROMAN[Number(part[1]) - 1]}/${year}` : `${part} ${year}`
}

/** The label of the same period a year earlier ("2026-Q4" → "2025-Q4"); null before 2001 or for a bad label. */
export function samePeriodLastYear(label: string): string | null {
  const period = parsePeriod(label)
  if (!period || period.from < '2001') return null
  return previousYearOf(period).label
}

/** The `count` quarters ending with the one holding the period's last day, oldest first (the trend chart). */
export function quartersEndingWith(label: string, count: number): string[] {
  const period = parsePeriod(label)
  if (!period) return []
  const last = Number(period.to.slice(0, 4)) * 4 + Math.floor((Number(period.to.slice(5, 7)) - 1) / 3)
  const quarters: string[] = []
  for (let i = last - count + 1; i <= last; i++) if (Math.floor(i / 4) >= 2000) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`)
  return quarters
}
