import { beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../web/src/i18n/en.ts'
import { formatDate, formatDateTime, formatNumber, translate, loadLocale } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'

// English is a chunk of its own on the web (decision 0039): loaded before the tests read it.
beforeAll(() => loadLocale('en'))

describe('message catalogues', () => {
  it('have the same keys and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]))
      expect(en[key].trim(), key).not.toBe('')
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('vi', 'home.title', { name: 'Lan' })).toBe('Xin chào, Lan')
    expect(translate('en', 'home.title', { name: 'Lan' })).toBe('Hello, Lan')
    expect(translate('en', 'home.title')).toBe('Hello, {name}')
  })
})

describe('formats', () => {
  it('writes dates as dd/mm/yyyy and numbers in vi-VN style', () => {
    expect(formatDate('2026-03-07T10:00:00Z')).toBe('07/03/2026')
    expect(formatDate('2026-03-07')).toBe('07/03/2026')
    // The date first, then the time, both in Vietnam (UTC+7) whatever the device's zone.
    expect(formatDateTime('2026-12-02T18:32:00Z')).toBe('03/12/2026 01:32')
    expect(formatDateTime('2026-03-07T02:05:00Z')).toBe('07/03/2026 09:05')
    expect(formatNumber(3321)).toBe('3.321')
    expect(formatNumber(1234.5)).toBe('1.234,5')
  })
})
