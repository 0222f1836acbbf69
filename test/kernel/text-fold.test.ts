import { describe, expect, it } from 'vitest'
import { foldDiacritics, foldTonePlacement, foldVietnamese } from '../../kernel/text-fold.ts'

// "Hòa" typed with decomposed marks (o + grave), as some sources store it.
const HOA_NFD = 'Ho\u0300a'
const NBSP = '\u00a0'

describe('foldVietnamese', () => {
  it('treats composed and decomposed spellings as the same name', () => {
    expect(HOA_NFD).not.toBe('Hòa')
    expect(foldVietnamese(`Xã ${HOA_NFD} Bình`)).toBe(foldVietnamese('Xã Hòa Bình'))
    expect(foldVietnamese(`Xã ${HOA_NFD} Bình`)).toBe('xã hòa bình')
  })

  it('lower-cases, trims and collapses spaces including no-break spaces', () => {
    expect(foldVietnamese(`  Phường${NBSP}Tân   Định\t`)).toBe('phường tân định')
  })

  it('keeps tone placement and tones, so it stays strict', () => {
    expect(foldVietnamese('Hoà')).not.toBe(foldVietnamese('Hòa'))
    expect(foldVietnamese('Hòa')).not.toBe(foldVietnamese('Hóa'))
  })
})

describe('foldTonePlacement', () => {
  it('equates the old and new tone placement rules', () => {
    expect(foldTonePlacement('Hoà')).toBe(foldTonePlacement('Hòa'))
    expect(foldTonePlacement('Xã Thuỷ An')).toBe(foldTonePlacement('Xã Thủy An'))
    expect(foldTonePlacement(`Xã ${HOA_NFD}${NBSP} Lạc`)).toBe(foldTonePlacement('xã hoà lạc'))
  })

  it('still tells different tones apart', () => {
    expect(foldTonePlacement('Hòa')).not.toBe(foldTonePlacement('Hóa'))
    expect(foldTonePlacement('Hòa')).not.toBe(foldTonePlacement('Hoa'))
  })

  it('keeps vowel marks that are not tones', () => {
    expect(foldTonePlacement('Vân')).not.toBe(foldTonePlacement('Văn'))
    expect(foldTonePlacement('Đông')).not.toBe(foldTonePlacement('Dông'))
  })

  it('returns NFC text', () => {
    const key = foldTonePlacement('Phường Hoà Bình')
    expect(key).toBe(key.normalize('NFC'))
  })
})

describe('foldDiacritics', () => {
  it('drops every mark and reads đ as d', () => {
    expect(foldDiacritics('Đồng Tháp')).toBe('dong thap')
    expect(foldDiacritics(`  ĐẮK${NBSP}LẮK `)).toBe('dak lak')
    expect(foldDiacritics(`Xã ${HOA_NFD} Bình`)).toBe('xa hoa binh')
  })

  it('is the loosest key: names that differ only in marks collide', () => {
    expect(foldDiacritics('Vân')).toBe(foldDiacritics('Văn'))
    expect(foldDiacritics('Hòa')).toBe(foldDiacritics('Hóa'))
  })
})
