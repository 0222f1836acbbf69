import { reportEn } from '../../i18n/report-en.ts'
import { reportVi } from '../../i18n/report-vi.ts'
import { useI18n, type Locale } from '../../i18n/i18n.tsx'

export type ReportKey = keyof typeof reportVi
export type ReportText = (key: ReportKey, params?: Record<string, string | number>) => string

const catalogues: Record<Locale, Record<ReportKey, string>> = { vi: reportVi, en: reportEn }

/** The report's own catalogue (web/src/i18n/report-*.ts), filled the way the main one is. */
export function reportText(locale: Locale): ReportText {
  return (key, params = {}) => catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function useReportText(): ReportText {
  return reportText(useI18n().locale)
}
