/**
 * Structured JSON log lines. Callers pass only operational fields (ids, codes, timings): never names,
 * citizen IDs, query strings or request bodies — those may hold personal data.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createJsonLogger(level: LogLevel, write: (line: string) => void = (l) => console.log(l)): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent' | 'debug'>, event: string, fields?: LogFields) => {
    if (rank[lvl] < rank[level]) return
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, event, ...fields }))
  }
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  }
}
