/** Today in Vietnam (UTC+7), YYYY-MM-DD: the default for date fields and the upper bound the API enforces. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
}
