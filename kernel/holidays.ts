import type { Holidays } from './calendar.ts'

/**
 * Where a day off comes from, so a province editing the list (a later issue) knows what it may rely on:
 * - `fixed`: a solar date the Labour Code 2019 (art. 112) fixes: 1 January, 30 April, 1 May, 2 September.
 * - `lunar`: a lunar date the law fixes, converted for that year: the Hùng Kings' day (10th of the 3rd month).
 * - `announced`: the law gives a number of days (Tết: five; National Day: 2 September and one day next to it)
 *   and the Prime Minister picks them each year; these are the published picks.
 * - `substitute`: a holiday on a Saturday or Sunday gives the next working day off (Labour Code art. 111(3)).
 * - `estimate`: not yet announced when this list was written; the province replaces it when it is.
 */
export type HolidayBasis = 'fixed' | 'lunar' | 'announced' | 'substitute' | 'estimate'

export interface Holiday {
  /** YYYY-MM-DD */
  on: string
  name: string
  basis: HolidayBasis
}

const NEW_YEAR = 'Tết Dương lịch'
const TET = 'Tết Nguyên đán'
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương'
const REUNIFICATION = 'Ngày Chiến thắng'
const LABOUR = 'Ngày Quốc tế Lao động'
const NATIONAL_DAY = 'Quốc khánh'

const fixed = (year: number): Holiday[] => [
  { on: `${year}-01-01`, name: NEW_YEAR, basis: 'fixed' },
  { on: `${year}-04-30`, name: REUNIFICATION, basis: 'fixed' },
  { on: `${year}-05-01`, name: LABOUR, basis: 'fixed' },
  { on: `${year}-09-02`, name: NATIONAL_DAY, basis: 'fixed' },
]
const days = (on: readonly string[], name: string, basis: HolidayBasis): Holiday[] => on.map((day) => ({ on: day, name, basis }))

/**
 * Vietnam's public holidays for 2025–2027, as DATA, not a rule: the default list until a province keeps its
 * own. Lunar dates (Tết's first day, the Hùng Kings' day) were converted with Hồ Ngọc Đức's algorithm for
 * UTC+7: Tết 29 Jan 2025, 17 Feb 2026, 6 Feb 2027; Hùng Kings 7 Apr 2025, 26 Apr 2026, 16 Apr 2027.
 * Not in the list: days the government swaps with a working Saturday (a working-day count has no "working
 * Saturday" yet), and the day next to 2 September for 2026 and 2027 (not announced).
 */
export const VIETNAM_HOLIDAYS_2025_2027: readonly Holiday[] = [
  ...fixed(2025),
  ...days(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], TET, 'announced'),
  ...days(['2025-04-07'], HUNG_KINGS, 'lunar'),
  ...days(['2025-09-01'], NATIONAL_DAY, 'announced'),

  ...fixed(2026),
  ...days(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], TET, 'announced'),
  ...days(['2026-04-26'], HUNG_KINGS, 'lunar'),
  // 26 April 2026 is a Sunday.
  ...days(['2026-04-27'], HUNG_KINGS, 'substitute'),

  ...fixed(2027),
  // Lunar New Year's Eve and the first four days of the year (5–9 February); 6 and 7 February are a weekend,
  // so 10 and 11 February are their substitutes. Replace with the Prime Minister's pick once published.
  ...days(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], TET, 'estimate'),
  ...days(['2027-04-16'], HUNG_KINGS, 'lunar'),
  // 1 May 2027 is a Saturday.
  ...days(['2027-05-03'], LABOUR, 'substitute'),
].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))

/** The set the working-day functions of kernel/calendar.ts take. */
export function holidaySet(list: readonly Pick<Holiday, 'on'>[]): Holidays {
  return new Set(list.map((holiday) => holiday.on))
}
