// Dates for the demo data: YYYY-MM-DD strings (days in Vietnam) and timestamps.
import { addMonths } from '../../kernel/calendar.ts'

const DAY_MS = 86_400_000

// Generating 30,000 people converts a few hundred thousand dates among a few thousand distinct days: memoized.
const msOfDay = new Map<string, number>()
const dayOfMs = new Map<number, string>()
const monthsLater = new Map<string, string>()

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  const known = cache.get(key)
  if (known !== undefined) return known
  const value = compute()
  cache.set(key, value)
  return value
}

/** Midnight UTC of `day`, in milliseconds. */
export const dayMs = (day: string) => remember(msOfDay, day, () => Date.parse(`${day}T00:00:00Z`))
const toDay = (ms: number) => remember(dayOfMs, ms, () => new Date(ms).toISOString().slice(0, 10))
export const addDays = (day: string, n: number) => toDay(dayMs(day) + n * DAY_MS)
export const plusMonths = (day: string, months: number) => remember(monthsLater, `${day}+${months}`, () => addMonths(day, months))
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS)
export const minDay = (a: string, b: string) => (a < b ? a : b)
export const maxDay = (a: string, b: string) => (a > b ? a : b)
