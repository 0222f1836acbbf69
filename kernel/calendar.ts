/**
 * Dates as the domain writes them: calendar days `YYYY-MM-DD` (no time, no zone), "today" in Vietnam, month
 * and working-day arithmetic. The one place for all of it (decision 0021). Pure: the caller passes `now`.
 * Integer civil-day arithmetic, not Date objects: exact at month ends, and cheap enough for the caseload,
 * which computes a review date for every plan of a commune on each request (docs/benchmarks.md).
 */

/** Vietnam keeps UTC+7 all year (Asia/Ho_Chi_Minh has no daylight saving). */
const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000
const DAY_MS = 86_400_000
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** The calendar day in Vietnam at an instant: "today" for the officers, whatever the server's or phone's zone. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10)
}

/** The first instant of a day in Vietnam (00:00 at UTC+7). */
export function vietnamDayStart(day: string): Date {
  return new Date(toDayNumber(day) * DAY_MS - VIETNAM_UTC_OFFSET_MS)
}

/** The last millisecond of a day in Vietnam: with vietnamDayStart, the inclusive bounds of a period of days. */
export function vietnamDayEnd(day: string): Date {
  return new Date(vietnamDayStart(day).getTime() + DAY_MS - 1)
}

/** A real calendar day written YYYY-MM-DD (so not 2026-02-30). */
export function isDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Negative, zero or positive as `a` is before, on or after `b` (YYYY-MM-DD also sorts as text; this says so). */
export function compareDays(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function addDays(day: string, days: number): string {
  return fromDayNumber(toDayNumber(day) + days)
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from)
}

/**
 * Calendar months, clamped to the target month's last day: 31 Jan + 1 month = 28 Feb (29 in a leap year),
 * 31 Aug + 6 months = 28/29 Feb. How plan durations, reviews and post-rehab periods count months.
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parseDay(day)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12 + 1
  return formatDay(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth)))
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(day) + 4) % 7) + 7) % 7
}

/**
 * The days off a working-day count skips besides Saturdays and Sundays: the public holidays as data (a
 * province will edit them; kernel/holidays.ts ships Vietnam's), as a set of YYYY-MM-DD.
 */
export type Holidays = ReadonlySet<string>

/** Monday to Friday and not a holiday: the 40-hour week of state offices (Decision 188/1999/QĐ-TTg). */
export function isWorkingDay(day: string, holidays: Holidays): boolean {
  const weekday = dayOfWeek(day)
  return weekday !== 0 && weekday !== 6 && !holidays.has(day)
}

/**
 * The `count`-th working day after `day` (the day itself does not count): a deadline of "5 working days from
 * the result" is addWorkingDays(resultOn, 5). A count of 0 gives `day` itself.
 */
export function addWorkingDays(day: string, count: number, holidays: Holidays): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${count}`)
  let current = toDayNumber(day)
  for (let left = count; left > 0; ) {
    current += 1
    if (isWorkingDay(fromDayNumber(current), holidays)) left -= 1
  }
  return fromDayNumber(current)
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, holidays: Holidays): number {
  let count = 0
  for (let n = toDayNumber(from) + 1, last = toDayNumber(to); n <= last; n += 1) {
    if (isWorkingDay(fromDayNumber(n), holidays)) count += 1
  }
  return count
}

// Slices, not the pattern: this runs several times per plan in the caseload and the demo generator.
function parseDay(day: string): [number, number, number] {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7))
  const date = Number(day.slice(8, 10))
  if (day.length !== 10 || day[4] !== '-' || day[7] !== '-' || !(year >= 0 && month >= 1 && date >= 1)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`)
  return [year, month, date]
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

function formatDay(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function toDayNumber(day: string): number {
  const [y, m, d] = parseDay(day)
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** The inverse (civil_from_days). */
function fromDayNumber(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return formatDay(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d)
}
