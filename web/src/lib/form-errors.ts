import { ApiError } from '../api.ts'
import type { MessageKey } from '../i18n/i18n.tsx'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const PASSWORD_CODES = new Set(['too_short', 'too_long', 'too_common', 'contains_username'])

/**
 * Server field errors → messages next to their fields, in the user's language where we know the code;
 * otherwise the server's own (English) explanation after a translated lead.
 */
export function fieldErrors(err: unknown, t: T, locale: 'vi' | 'en'): Record<string, string> {
  if (!(err instanceof ApiError)) return {}
  if (err.code === 'username_taken') return { username: t('error.username_taken') }
  const out: Record<string, string> = {}
  for (const issue of err.fieldIssues()) {
    const message =
      issue.code && PASSWORD_CODES.has(issue.code)
        ? t(`error.password.${issue.code}` as MessageKey)
        : locale === 'en'
          ? issue.message
          : `${t('error.invalidField')} (${issue.message})`
    out[issue.field] = [out[issue.field], message].filter(Boolean).join(' ')
  }
  return out
}
