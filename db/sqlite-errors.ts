// Reading libSQL errors, in both runtimes. No imports: the deep-check child process loads it and little else.

/** The SQLite code somewhere on an error's cause chain (drizzle wraps the driver's error). */
export function sqliteCodeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code
  }
  return undefined
}

/** Whether an error a query met says the file itself is damaged. */
export function isCorruptionError(err: unknown): boolean {
  const code = sqliteCodeOf(err)
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}
