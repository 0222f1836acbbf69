import { describe, expect, it } from 'vitest'
import { centralEn } from '../../web/src/central/central-en.ts'
import { centralVi } from '../../web/src/central/central-vi.ts'
import { centralIndicators } from '../../kernel/contract/central.ts'

// The overview's own catalogue (loaded with its screen, not in the first load): the same rule as the main ones.
describe('the central overview catalogue', () => {
  it('has every key in both languages with the same placeholders, and a label for every indicator', () => {
    expect(Object.keys(centralEn).sort()).toEqual(Object.keys(centralVi).sort())
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(centralVi) as (keyof typeof centralVi)[]) {
      expect(placeholders(centralEn[key]), key).toEqual(placeholders(centralVi[key]))
      expect(centralEn[key].trim(), key).not.toBe('')
    }
    for (const indicator of centralIndicators) expect(Object.keys(centralVi)).toContain(`indicator.${indicator}`)
  })
})
