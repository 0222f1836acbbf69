import { describe, expect, it } from 'vitest'
import { cellText, COLUMN_SPECS, headerKey, matchColumns, parseCategory, parseCitizenId, parseDate, parseSex } from '../../../worker/import/columns.ts'

describe('header matching', () => {
  it('recognises headers whatever their case, diacritics, punctuation and synonyms', () => {
    const match = matchColumns(['STT', 'HỌ TÊN', 'ngay sinh', 'Giới tính:', 'Số CCCD/CMND', 'Nơi cư trú', 'Diện quản lý', 'Cột lạ'])
    expect(match.columns).toEqual({ fullName: 1, birthDate: 2, sex: 3, citizenId: 4, address: 5, category: 6 })
    expect(match.headers.fullName).toBe('HỌ TÊN')
    expect(match.unknown).toEqual(['Cột lạ'])
    expect(match.missing).toEqual([])
  })

  it('names what is missing, and two columns meaning the same', () => {
    expect(matchColumns(['Họ và tên', 'Ngày sinh']).missing).toEqual(['sex', 'citizenId', 'category', 'commune'])
    expect(matchColumns(['Họ và tên', 'Họ tên']).duplicates).toEqual([{ field: 'fullName', headers: ['Họ và tên', 'Họ tên'] }])
  })

  it('folds a header in NFD like the same header in NFC', () => {
    expect(headerKey('Họ và tên'.normalize('NFD'))).toBe(headerKey('Họ và tên'))
    expect(headerKey('Xã/phường')).toBe('xaphuong')
  })

  it('gives every field a distinct header and synonyms that do not collide', () => {
    const seen = new Map<string, string>()
    for (const [field, spec] of Object.entries(COLUMN_SPECS)) {
      for (const name of [spec.header, ...spec.synonyms]) {
        const key = headerKey(name)
        expect(seen.get(key) ?? field, `${name} of ${field}`).toBe(field)
        seen.set(key, field)
      }
    }
  })
})

describe('cell values', () => {
  it.each([
    ['05/09/1990', '1990-09-05'],
    ['5/9/1990', '1990-09-05'],
    ['05-09-1990', '1990-09-05'],
    ['05.09.1990', '1990-09-05'],
    ['1990-09-05', '1990-09-05'],
    [32_756, '1989-09-05'],
    ['31/02/1990', null],
    ['09/13/1990', null],
    ['1990', null],
    ['không rõ', null],
    [12.5, null],
    [true, null],
  ])('reads the date %s as %s (day first, never month first)', (input, want) => {
    expect(parseDate(input)).toBe(want)
  })

  it('reads sex, category and IDs as lists write them', () => {
    expect(['Nam', 'NAM', 'nam ', 'male'].map(parseSex)).toEqual(['male', 'male', 'male', 'male'])
    expect(['Nữ', 'nu', 'NỮ'.normalize('NFD')].map(parseSex)).toEqual(['female', 'female', 'female'])
    expect(parseSex('Khác')).toBeNull()
    expect(parseCategory('Người sử dụng trái phép chất ma túy')).toBe('drug_user')
    expect(parseCategory('Người nghiện ma túy')).toBe('dependent')
    expect(parseCategory('Sau cai nghiện')).toBe('post_rehab')
    expect(parseCategory('post_rehab')).toBe('post_rehab')
    expect(parseCategory('Không rõ')).toBeNull()
    // A number cell lost the leading zeros of the place code.
    expect(parseCitizenId(1_090_012_345)).toBe('001090012345')
    expect(parseCitizenId('001 090 012 345')).toBe('001090012345')
    expect(parseCitizenId(1.09e11 + 0.5)).toBe('109000000000.5')
    expect(cellText('  Trần   Thị  ')).toBe('Trần Thị')
    expect(cellText('Trần'.normalize('NFD'))).toBe('Trần')
    expect(cellText(123456789012)).toBe('123456789012')
    expect(cellText('   ')).toBeNull()
  })
})
