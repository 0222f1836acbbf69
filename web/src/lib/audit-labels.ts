// What the audit screens call actions and records. Every action code the server writes has a label in both
// catalogues (test/web/audit-labels.test.ts scans worker/ and db/ for them); a code from a newer server than
// this page still shows, as its code.
import type { MessageKey } from '../i18n/i18n.tsx'
import { vi } from '../i18n/vi.ts'
// The drug-free communes' labels, kept out of the first load (decision 0037).
import '../i18n/certification-late.ts'

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

const ACTION_PREFIX = 'auditAction.'
const ENTITY_PREFIX = 'auditEntity.'
const isKey = (key: string): key is MessageKey => key in vi

export function actionLabel(t: Translate, code: string): string {
  const key = ACTION_PREFIX + code
  return isKey(key) ? t(key) : code
}

export function entityLabel(t: Translate, type: string): string {
  const key = ENTITY_PREFIX + type
  return isKey(key) ? t(key) : type
}

/** Every labelled action code, for the action filter. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(vi)
  .filter((key) => key.startsWith(ACTION_PREFIX))
  .map((key) => key.slice(ACTION_PREFIX.length))

/** Every labelled record type, for the record filter. */
export const AUDIT_ENTITIES: readonly string[] = Object.keys(vi)
  .filter((key) => key.startsWith(ENTITY_PREFIX))
  .map((key) => key.slice(ENTITY_PREFIX.length))
