import { createContext, type ComponentChildren } from 'preact'
import { useContext, useMemo, useState } from 'preact/hooks'
import { vi, type MessageKey } from './vi.ts'

export type Locale = 'vi' | 'en'
export type { MessageKey }

// Vietnamese is the first-load language; English arrives on demand (its own chunk), so the sign-in page's budget
// carries one catalogue, not two. Until it arrives, English readers see Vietnamese rather than keys.
const catalogues: Partial<Record<Locale, Record<MessageKey, string>>> = { vi }
let english: Promise<void> | undefined
const STORAGE_KEY = 'binhan.locale'

/** Makes the locale's catalogue available; resolves at once for Vietnamese. */
export function loadLocale(locale: Locale): Promise<void> {
  if (catalogues[locale]) return Promise.resolve()
  english ??= import('./en.ts').then((m) => {
    catalogues.en = Object.assign(m.en, late.en)
  })
  return english
}

/** Labels lazy chunks brought before a catalogue arrived: the catalogue takes them when it does. */
const late: Record<Locale, Record<string, string>> = { vi: {}, en: {} }

/**
 * Adds labels a lazy chunk brings (web/src/i18n/certification-late.ts): they are keys of the catalogue from then on
 * (the audit screens test `key in vi`), translated like the others; not part of the first load.
 */
export function addMessages(locale: Locale, entries: Readonly<Record<string, string>>): void {
  Object.assign(late[locale], entries)
  const catalogue = catalogues[locale]
  if (catalogue) Object.assign(catalogue, entries)
}

/** `{name}` placeholders filled from params; a missing param stays visible rather than vanishing. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return ((catalogues[locale] ?? vi)[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

// Officers work in Vietnam whatever language they read: dates are dd/mm/yyyy in Vietnam's time zone (a date-only
// value is UTC midnight, which is that day there too), times after the date, numbers vi-VN in both.
const ZONE = 'Asia/Ho_Chi_Minh'
const dateFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: ZONE })
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE })
const numberFormat = new Intl.NumberFormat('vi-VN')

export function formatDate(value: string | Date): string {
  return dateFormat.format(typeof value === 'string' ? new Date(value) : value)
}
/** "03/12/2026 01:32": vi-VN alone would put the time first. */
export function formatDateTime(value: string | Date): string {
  const at = typeof value === 'string' ? new Date(value) : value
  return `${dateFormat.format(at)} ${timeFormat.format(at)}`
}
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi'
  } catch {
    return 'vi'
  }
}

interface I18n {
  locale: Locale
  t: (key: MessageKey, params?: Record<string, string | number>) => string
  setLocale: (locale: Locale) => void
}

const I18nContext = createContext<I18n>({ locale: 'vi', t: (key, params) => translate('vi', key, params), setLocale: () => {} })

export function I18nProvider({ children, locale: start }: { children: ComponentChildren; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(start ?? initialLocale())
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, params) => translate(locale, key, params),
      setLocale: (next) => {
        // Offline without the English chunk cached, the page stays Vietnamese rather than showing keys.
        void loadLocale(next)
          .then(() => {
            setLocaleState(next)
            document.documentElement.lang = next
          })
          .catch(() => {})
        try {
          localStorage.setItem(STORAGE_KEY, next)
        } catch {
          // Private mode: the choice lasts for this page only.
        }
      },
    }),
    [locale],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export const useI18n = () => useContext(I18nContext)
