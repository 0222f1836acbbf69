import { useI18n } from '../i18n/i18n.tsx'
import { centralEn } from './central-en.ts'
import { centralVi, type CentralKey } from './central-vi.ts'

const catalogues = { vi: centralVi, en: centralEn } as const

/** The overview's own catalogue, in the app's chosen language; `{name}` placeholders as in the main one. */
export function useCentralText(): (key: CentralKey, params?: Record<string, string | number>) => string {
  const { locale } = useI18n()
  return (key, params = {}) => catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
