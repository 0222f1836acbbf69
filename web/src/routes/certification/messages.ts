import { useI18n } from '../../i18n/i18n.tsx'
import { certEn } from './messages-en.ts'
import { certVi } from './messages-vi.ts'

export type CertKey = keyof typeof certVi

/** The shared `t` plus `c`, these screens' own catalogue in the same locale (same `{name}` placeholders). */
export function useCertI18n() {
  const i18n = useI18n()
  const catalogue: Record<CertKey, string> = i18n.locale === 'en' ? certEn : certVi
  const c = (key: CertKey, params: Record<string, string | number> = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  return { ...i18n, c }
}
