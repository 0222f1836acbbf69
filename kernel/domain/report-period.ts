import { daysInMonth } from '../calendar.ts'

/**
 * A reporting period as communes report: quarterly and nine-monthly (sơ kết), six-monthly, yearly (tổng kết).
 * Its label is the code the API takes: "2026-Q3", "2026-H1", "2026-9M" (January to September) or "2026".
 */
export interface ReportPeriod {
  label: string
  /** Inclusive YYYY-MM-DD. */
  from: string
  /** Inclusive YYYY-MM-DD. */
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const PERIOD = /^(\d{4})(?:-(Q[1-4]|H[12]|9M))?$/

/** The period's year and its first month and length in months; null when the text is not a period. */
function periodParts(text: string): { year: number; firstMonth: number; months: number; part: string } | null {
  const match = PERIOD.exec(text)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2100) return null
  const part = match[2] ?? ''
  if (part === '') return { year, firstMonth: 1, months: 12, part }
  if (part === '9M') return { year, firstMonth: 1, months: 9, part }
  const n = Number(part[1])
  return part.startsWith('Q') ? { year, firstMonth: (n - 1) * 3 + 1, months: 3, part } : { year, firstMonth: (n - 1) * 6 + 1, months: 6, part }
}

/** "2026-Q3", "2026-H1", "2026-9M" or "2026" → its first and last day; null when the text is not a period. */
export function parsePeriod(text: string): ReportPeriod | null {
  const parts = periodParts(text)
  if (!parts) return null
  const { year, firstMonth, months } = parts
  const endMonth = firstMonth + months - 1
  return { label: text, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(daysInMonth(year, endMonth))}` }
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const

/**
 * The period as reports name it: "Quý IV/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng năm
 * 2026", "Năm 2026" (English: "Q4 2026", "First half of 2026"…). Shared by the screen and the XLSX; the code
 * itself when it is not a period, so a bad label stays visible.
 */
export function periodName(label: string, locale: 'vi' | 'en' = 'vi'): string {
  const parts = periodParts(label)
  if (!parts) return label
  const { year, part } = parts
  const vi = locale === 'vi'
  if (part === '') return vi ? `Năm ${year}` : `Year ${year}`
  if (part === '9M') return vi ? `9 tháng năm ${year}` : `First nine months of ${year}`
  if (part === 'H1') return vi ? `6 tháng đầu năm ${year}` : `First half of ${year}`
  if (part === 'H2') return vi ? `6 tháng cuối năm ${year}` : `Second half of ${year}`
  return vi ? `Quý ${ROMAN[Number(part[1]) - 1]}/${year}` : `${part} ${year}`
}

/** The same period of the previous year, which every figure is compared with ("2026-Q4" → "2025-Q4"). */
export function samePeriodLastYear(label: string): string | null {
  const parts = periodParts(label)
  if (!parts || parts.year <= 2000) return null
  return `${parts.year - 1}${parts.part ? `-${parts.part}` : ''}`
}

/** The `count` quarters ending with the one holding the period's last day, oldest first (the trend chart). */
export function quartersEndingWith(label: string, count: number): string[] {
  const period = parsePeriod(label)
  if (!period) return []
  const year = Number(period.to.slice(0, 4))
  const last = year * 4 + Math.floor((Number(period.to.slice(5, 7)) - 1) / 3)
  const quarters: string[] = []
  for (let i = last - count + 1; i <= last; i++) if (Math.floor(i / 4) >= 2000) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`)
  return quarters
}
