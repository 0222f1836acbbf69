import { ApiError } from '../api.ts'
import type { MessageKey } from '../i18n/i18n.tsx'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const PASSWORD_CODES = new Set(['too_short', 'too_long', 'too_common', 'contains_username'])

// The Vietnamese for the API's messages is its own small chunk, fetched as soon as any form's code loads (so it
// is there by the time a form is sent, and precached for offline use) without weighing on the route chunks.
let serverMessageVi: ((message: string) => string | null) | undefined
/** Settles once the catalogue is loaded (or failed to: messages then stay in English after the lead). */
export const serverMessagesLoaded: Promise<void> = import('../i18n/server-messages.ts').then(
  (m) => {
    serverMessageVi = m.serverMessageVi
  },
  () => undefined,
)

/** An API field message in the user's language when we have it (null: show the API's own words). */
export function serverMessage(message: string, locale: 'vi' | 'en'): string | null {
  return locale === 'en' ? message : (serverMessageVi?.(message) ?? null)
}

/**
 * Server field errors → messages next to their fields, in the user's language where we know the code or the
 * message (i18n/server-messages.ts); otherwise the server's own (English) explanation after a translated lead.
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
          : (serverMessageVi?.(issue.message) ?? `${t('error.invalidField')} (${issue.message})`)
    out[issue.field] = [out[issue.field], message].filter(Boolean).join(' ')
  }
  return out
}
