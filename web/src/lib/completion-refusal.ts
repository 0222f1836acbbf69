// A completion the server refused for the law's conditions (kernel/domain/plan-stages.ts), in the officer's words:
// the earliest day and the required stages not done, from the refusal's details (every unmet condition is there).
import { formatDate, type MessageKey } from '../i18n/i18n.tsx'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export function completionRefusal(code: string | undefined, details: unknown, t: T): string | null {
  if (code !== 'completion_too_early' && code !== 'stages_incomplete') return null
  const d = (typeof details === 'object' && details !== null ? details : {}) as { earliestOn?: unknown; missing?: unknown }
  const parts: string[] = []
  if (typeof d.earliestOn === 'string') parts.push(t('error.completion_too_early', { date: formatDate(d.earliestOn) }))
  if (Array.isArray(d.missing) && d.missing.length > 0)
    parts.push(t('error.stages_incomplete', { stages: d.missing.map((s) => t(`plan.stage.${String(s)}` as MessageKey)).join('; ') }))
  return parts.join(' ') || null
}
