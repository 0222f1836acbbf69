import { daysInMonth } from '../calendar.ts'

/** A reporting period as communes report: quarterly (sơ kết), six-monthly, yearly (tổng kết). */
export interface ReportPeriod {
  label: string
  /** Inclusive YYYY-MM-DD. */
  from: string
  /** Inclusive YYYY-MM-DD. */
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-Q3", "2026-H1" or "2026" → its first and last day; null when the text is not a period. */
export function parsePeriod(text: string): ReportPeriod | null {
  const match = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(text)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2100) return null
  const part = match[2]
  const [firstMonth, months] = !part ? [1, 12] : part.startsWith('Q') ? [(Number(part[1]) - 1) * 3 + 1, 3] : [(Number(part[1]) - 1) * 6 + 1, 6]
  const endMonth = firstMonth + months - 1
  return { label: text, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(daysInMonth(year, endMonth))}` }
}
