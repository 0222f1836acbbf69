import { count, eq, sql } from 'drizzle-orm'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, communeMappings, importLocks, importRows, imports, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { matchColumns } from '../../worker/import/columns.ts'
import { addressExample } from '../../worker/repo/communes.ts'
import { readTable } from '../../worker/import/read-table.ts'
import { writeXlsx } from '../../worker/lib/xlsx-writer.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// Synthetic people only: invented names, valid-format but fictitious citizen IDs. Addresses are real place
// names (province 01, Hà Nội), from the official mapping the foundation loads.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
const cookies: Record<string, string> = {}
const userIds: Record<string, string> = {}
let seq = 0
const cccd = (sex: 'male' | 'female', year: number) =>
  `001${(year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(++seq).padStart(6, '0')}`

/** An old commune (name + district) split between several of today's communes, found in the real mapping. */
let split: { oldName: string; district: string; candidates: string[] }

const HEADER = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Xã/phường',
  'Quận/huyện (cũ)',
  'Tỉnh/thành phố',
  'Phân loại',
  'Ngày xác định nghiện',
  'Cơ sở xác định nghiện',
]
type Row = (string | number | null)[]
const row = (
  name: string,
  birth: string,
  sex: 'Nam' | 'Nữ',
  id: string,
  commune: string,
  district: string | null,
  province: string | null,
  category = 'Sử dụng trái phép',
  determined: [string, string] | null = null,
): Row => [null, name, birth, sex, id, commune, district, province, category, determined?.[0] ?? null, determined?.[1] ?? null]

function csv(rows: Row[], header = HEADER): Uint8Array {
  const quote = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
  return strToU8([header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'))
}
const xlsx = (rows: Row[], header = HEADER) => writeXlsx([{ name: 'Danh sách', header, rows }])

const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })

function upload(bytes: Uint8Array, name: string, extra: Record<string, string> = {}): RequestInit {
  const form = new FormData()
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name))
  for (const [key, value] of Object.entries(extra)) form.append(key, value)
  return { method: 'POST', body: form }
}
const preview = (who: string, bytes: Uint8Array, name = 'danh-sach.csv', extra: Record<string, string> = {}) =>
  as(who)('/api/p/01/imports?dryRun=true', upload(bytes, name, extra))
const commit = (who: string, bytes: Uint8Array, name = 'danh-sach.csv', extra: Record<string, string> = {}) =>
  as(who)('/api/p/01/imports', upload(bytes, name, extra))

async function counts() {
  const [[p], [i], [r]] = await Promise.all([
    db.select({ n: count() }).from(persons),
    db.select({ n: count() }).from(imports),
    db.select({ n: count() }).from(importRows),
  ])
  return { persons: p!.n, imports: i!.n, importRows: r!.n }
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['01', '82']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('01'))!.db
  const [found] = await db
    .select({
      oldName: communeMappings.oldName,
      district: communeMappings.oldDistrictName,
      codes: sql<string>`group_concat(distinct ${communeMappings.newCode})`,
    })
    .from(communeMappings)
    .groupBy(communeMappings.oldName, communeMappings.oldDistrictName)
    .having(sql`count(distinct ${communeMappings.newCode}) > 1`)
    .orderBy(communeMappings.oldName)
    .limit(1)
  split = { oldName: found!.oldName, district: found!.district!, candidates: found!.codes.split(',').sort() }
  const users = {
    officer: await createTestUser(platform.control, { username: 'i-officer', role: 'province_officer', province: '01' }),
    commune: await createTestUser(platform.control, { username: 'i-commune', role: 'commune_officer', province: '01', communes: ['00127'] }),
    admin: await createTestUser(platform.control, { username: 'i-admin', role: 'province_admin', province: '01' }),
    central: await createTestUser(platform.control, { username: 'i-central', role: 'central_admin' }),
    other: await createTestUser(platform.control, { username: 'i-other', role: 'province_officer', province: '82' }),
  }
  for (const [who, id] of Object.entries(users)) {
    userIds[who] = id
    cookies[who] = await sessionCookieFor(platform.control, id)
  }
})
afterAll(() => platform.cleanup())

describe('the template', () => {
  it('is an XLSX whose header row the import recognises in full', async () => {
    const res = await as('officer')('/api/p/01/imports/template.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const table = readTable(new Uint8Array(await res.arrayBuffer()), { maxRows: 10, maxUncompressedBytes: 1e7 })
    const match = matchColumns(table.header)
    expect(match.missing).toEqual([])
    expect(match.unknown).toEqual([])
    expect(Object.keys(match.columns)).toEqual(expect.arrayContaining(['fullName', 'birthDate', 'sex', 'citizenId', 'commune', 'district', 'category']))
  })
})

describe('the template’s examples', () => {
  it('use the province’s own communes, not Hà Nội addresses in every province', async () => {
    const help = async (province: string, who: string) => {
      const res = await as(who)(`/api/p/${province}/imports/template.xlsx`)
      expect(res.status).toBe(200)
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
      return Object.entries(files)
        .filter(([name]) => name.startsWith('xl/'))
        .map(([, bytes]) => new TextDecoder().decode(bytes))
        .join('\n')
    }
    const dongThap = await help('82', 'other')
    const example = await addressExample((await t.deps.tenants.resolve('82'))!.db)
    expect(example?.oldDistrict).toBeTruthy()
    expect(dongThap).toContain(`Ví dụ &quot;${example!.commune}&quot;`)
    expect(dongThap).toContain(example!.oldDistrict!)
    expect(dongThap).not.toContain('Hà Nội')
    expect(dongThap).not.toContain('Long Biên')
    const haNoi = await help('01', 'officer')
    expect(haNoi).toContain('Ví dụ')
  })
})

describe('a dry run', () => {
  it('maps old and current addresses, reports every problem row with its column and reason, and writes nothing', async () => {
    const dup = cccd('male', 1985)
    const rows: Row[] = [
      row('Nguyễn Văn Thử', '05/09/1990', 'Nam', cccd('male', 1990), 'Phường Đức Giang', 'Quận Long Biên', 'Thành phố Hà Nội'), // 2: old address
      row('Trần Thị Mẫu', '1993-02-11', 'Nữ', cccd('female', 1993), 'P. Đức Giang', 'Q. Long Biên', 'TP. Hà Nội'), // 3: abbreviated
      row('Lê Văn Ví Dụ', '12/12/1988', 'Nam', cccd('male', 1988), 'Phường Việt Hưng', null, 'Hà Nội', 'Nghiện', ['01/03/2024', 'Trung tâm Y tế Long Biên']), // 4: current name
      row('Phạm Thị Giả', '31/02/1990', 'Nữ', cccd('female', 1990), 'Phường Việt Hưng', null, null), // 5: no such date
      row('Hoàng Văn Sai', '01/01/1991', 'Nam', '12345', 'Phường Việt Hưng', null, null), // 6: bad CCCD
      row('', '01/01/1991', 'Nam', cccd('male', 1991), 'Phường Việt Hưng', null, null), // 7: no name
      row('Vũ Thị Lạ', '01/01/1992', 'Nữ', cccd('female', 1992), 'Phường Không Có Thật', 'Quận Long Biên', null), // 8: unknown address
      row('Đỗ Văn Tách', '01/01/1987', 'Nam', cccd('male', 1987), split.oldName, split.district, 'Hà Nội'), // 9: split
      row('Bùi Văn Hai', '01/01/1985', 'Nam', dup, 'Phường Việt Hưng', null, null), // 10: same ID twice
      row('Bùi Văn Hai', '01/01/1985', 'Nam', dup, 'Phường Việt Hưng', null, null), // 11
      row('Ngô Thị Xa', '01/01/1989', 'Nữ', cccd('female', 1989), 'Phường Đức Giang', 'Quận Long Biên', 'Tỉnh Đồng Tháp'), // 12: other province
    ]
    const before = await counts()
    const res = await preview('officer', csv(rows))
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.dryRun).toBe(true)
    expect(data.counts).toMatchObject({ rows: 11, accepted: 3, rejected: 8, mappedFromOldAddress: 2 })
    expect(data.counts.byReason).toEqual({
      invalid_value: 2,
      missing_value: 1,
      unknown_address: 1,
      ambiguous_address: 1,
      duplicate_in_file: 2,
      other_province: 1,
    })
    expect(data.accepted.map((r: { rowNumber: number; communeCode: string; communeVia: string }) => [r.rowNumber, r.communeCode, r.communeVia])).toEqual([
      [2, '00127', 'old'],
      [3, '00127', 'old'],
      [4, '00127', 'current'],
    ])
    const byRow = new Map<number, { column: string | null; reason: string; candidates?: { code: string }[] }[]>(
      data.problems.map((p: { rowNumber: number; problems: never[] }) => [p.rowNumber, p.problems]),
    )
    expect(byRow.get(5)).toEqual([expect.objectContaining({ column: 'Ngày sinh', reason: 'invalid_value' })])
    expect(byRow.get(6)).toEqual([expect.objectContaining({ column: 'Số CCCD', reason: 'invalid_value' })])
    expect(byRow.get(7)).toEqual([expect.objectContaining({ column: 'Họ và tên', reason: 'missing_value' })])
    expect(byRow.get(8)).toEqual([expect.objectContaining({ column: 'Xã/phường', reason: 'unknown_address' })])
    expect(byRow.get(9)![0]!.reason).toBe('ambiguous_address')
    expect(
      byRow
        .get(9)![0]!
        .candidates!.map((c) => c.code)
        .sort(),
    ).toEqual(split.candidates)
    expect(byRow.get(10)![0]).toMatchObject({ column: 'Số CCCD', reason: 'duplicate_in_file' })
    expect(byRow.get(11)![0]).toMatchObject({ reason: 'duplicate_in_file' })
    expect(byRow.get(12)![0]).toMatchObject({ reason: 'other_province', column: 'Tỉnh/thành phố' })
    expect(await counts()).toEqual(before)
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'import.preview'))
    expect(entry).toBeDefined()
    expect(entry!.details).not.toContain('Thử')
    // What the file held before the registry was consulted: 11 rows, 8 refused by its own rules, 3 citizen IDs looked up.
    expect(JSON.parse(entry!.details!)).toEqual({ rows: 11, refused: 8, checked: 3, file: expect.stringMatching(/^[0-9a-f]{16}$/) })
  })

  it('gives a CSV citizen ID that lost its leading zeros (10 or 11 digits) its zeros back; fewer digits stay refused', async () => {
    const lostTwo = cccd('female', 1991) // 001…: two zeros lost in the CSV
    const lostOne = `079${cccd('male', 1992).slice(3)}` // 079…: one zero lost
    const rows: Row[] = [
      row('Trần Thị Số Không', '01/01/1991', 'Nữ', lostTwo.replace(/^0+/, ''), 'Phường Việt Hưng', null, null),
      row('Lê Văn Một Số', '01/01/1992', 'Nam', lostOne.slice(1), 'Phường Việt Hưng', null, null),
      row('Lê Văn Ngắn', '01/01/1993', 'Nam', '109312345', 'Phường Việt Hưng', null, null),
    ]
    const { data } = await (await preview('officer', csv(rows))).json()
    expect(data.accepted.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 3])
    expect(data.problems).toEqual([
      { rowNumber: 4, problems: [expect.objectContaining({ column: 'Số CCCD', reason: 'invalid_value', message: 'must be 12 digits' })] },
    ])
    // The repaired ID is the full one: next to it in the same file, it is the same citizen ID.
    const both = await (await preview('officer', csv([rows[1]!, row('Lê Văn Một Số', '01/01/1992', 'Nam', lostOne, 'Phường Việt Hưng', null, null)]))).json()
    expect(both.data.counts.byReason).toEqual({ duplicate_in_file: 2 })
  })

  it('names, in each repeated row, the other rows with the same citizen ID', async () => {
    const dup = cccd('male', 1986)
    const same = () => row('Bùi Văn Lặp', '01/01/1986', 'Nam', dup, 'Phường Việt Hưng', null, null)
    const { data } = await (
      await preview('officer', csv([same(), row('Khác', '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null), same(), same()]))
    ).json()
    const messages = Object.fromEntries(
      data.problems.map((p: { rowNumber: number; problems: { message: string }[] }) => [p.rowNumber, p.problems.map((q) => q.message)]),
    )
    expect(messages).toEqual({
      2: ['the same citizen ID is also on row 4, 5'],
      4: ['the same citizen ID is also on row 2, 5'],
      5: ['the same citizen ID is also on row 2, 4'],
    })
  })

  it('gives the same result for the same rows as CSV and as XLSX (and as UTF-16 "Unicode text")', async () => {
    const rows: Row[] = [
      row('Nguyễn Thị Đồng Nhất', '02/03/1994', 'Nữ', cccd('female', 1994), 'phường  đức giang'.normalize('NFD'), 'QUẬN LONG BIÊN', null),
      row('Lê Văn Khác', 'không rõ', 'Nam', cccd('male', 1980), 'Phường Việt Hưng', null, null),
    ]
    const fromCsv = (await (await preview('officer', csv(rows))).json()).data
    const fromXlsx = (await (await preview('officer', xlsx(rows), 'danh-sach.xlsx')).json()).data
    const tsv = [HEADER, ...rows].map((r) => r.map((v) => v ?? '').join('\t')).join('\r\n')
    const utf16 = new Uint8Array(2 + tsv.length * 2)
    utf16.set([0xff, 0xfe])
    for (let i = 0; i < tsv.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, tsv.charCodeAt(i), true)
    const fromUtf16 = (await (await preview('officer', utf16, 'danh-sach.txt')).json()).data
    expect(fromXlsx.format).toBe('xlsx')
    expect(fromUtf16.encoding).toBe('utf-16le')
    for (const other of [fromXlsx, fromUtf16]) {
      expect(other.counts).toEqual(fromCsv.counts)
      expect(other.problems).toEqual(fromCsv.problems)
      expect(other.accepted).toEqual(fromCsv.accepted)
    }
    expect(fromCsv.counts).toMatchObject({ accepted: 1, rejected: 1 })
  })
})

describe('text the API refuses', () => {
  it('rejects rows whose cells carry control or text-direction characters, naming the column and the rule', async () => {
    const rows: Row[] = [
      row('Nguyễn Văn\u0007 Chuông', '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null),
      row('Trần Thị \u202eĐảo', '01/01/1991', 'Nữ', cccd('female', 1991), 'Phường Việt Hưng', null, null),
      row('Lê Văn Sạch', '01/01/1992', 'Nam', cccd('male', 1992), 'Phường Việt Hưng', null, null),
    ]
    const { data } = await (await preview('officer', csv(rows))).json()
    expect(data.counts).toMatchObject({ accepted: 1, rejected: 2 })
    expect(data.problems).toEqual([
      { rowNumber: 2, problems: [{ column: 'Họ và tên', field: 'fullName', reason: 'invalid_value', message: 'must not contain control characters' }] },
      {
        rowNumber: 3,
        problems: [{ column: 'Họ và tên', field: 'fullName', reason: 'invalid_value', message: 'must not contain text-direction control characters' }],
      },
    ])
  })
})

describe('cells a spreadsheet would run', () => {
  it('are flagged in the preview with their row and column, and imported as text: a phone +84… is fine', async () => {
    const header = [...HEADER, 'Số điện thoại', 'Ghi chú', 'Cột lạ']
    const rows: Row[] = [
      [...row('Nguyễn Văn Gọi', '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null), '+84912345678', 'bình thường', '=1+1'],
      [
        ...row('Trần Thị Ô', '01/01/1991', 'Nữ', cccd('female', 1991), 'Phường Việt Hưng', null, null),
        null,
        '=HYPERLINK("http://example.invalid","Bấm")',
        null,
      ],
      [...row('Lê Văn Thường', '01/01/1992', 'Nam', cccd('male', 1992), 'Phường Việt Hưng', null, null), '0912345678', '@chú ý', null],
    ]
    const { data } = await (await preview('officer', csv(rows, header))).json()
    expect(data.counts).toMatchObject({ accepted: 3, rejected: 0, formulaCells: 3 })
    // The ignored column is not imported, so not flagged.
    expect(data.formulaCells).toEqual([
      { rowNumber: 2, column: 'Số điện thoại' },
      { rowNumber: 3, column: 'Ghi chú' },
      { rowNumber: 4, column: 'Ghi chú' },
    ])
    expect(data.formulaCellsTruncated).toBe(false)
  })

  it('go back in the rejected-rows file as text a spreadsheet will not run, with the values as they were', async () => {
    const rows: Row[] = [row('=cmd|" /C calc"!A0', '31/02/1990', 'Nam', cccd('male', 1990), '@Phường', '-Quận', null)]
    const res = await as('officer')('/api/p/01/imports/rejected', upload(csv(rows), 'ds.csv'))
    expect(res.status).toBe(200)
    const bytes = new Uint8Array(await res.arrayBuffer())
    const sheet = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml'])
    expect(sheet).not.toMatch(/<f[ >]/)
    for (const ref of ['B2', 'F2', 'G2']) expect(new RegExp(`<c r="${ref}" s="2" t="inlineStr">`).test(sheet)).toBe(true)
    const table = readTable(bytes, { maxRows: 10, maxUncompressedBytes: 1e7 })
    expect(table.rows[0]!.cells.slice(1, 7)).toEqual(['=cmd|" /C calc"!A0', '31/02/1990', 'Nam', rows[0]![4], '@Phường', '-Quận'])
  })
})

describe('committing', () => {
  const file = () => {
    seq = 500
    return csv([
      row('Phan Văn Nhập', '05/09/1990', 'Nam', cccd('male', 1990), 'Phường Đức Giang', 'Quận Long Biên', 'Thành phố Hà Nội'),
      row('Đinh Thị Nhập', '06/10/1991', 'Nữ', cccd('female', 1991), 'Phường Việt Hưng', null, null, 'Sau cai nghiện'),
      row('Lý Văn Hỏng', '06/10/1991', 'Nam', cccd('male', 1991), 'Phường Không Có Thật', null, null),
    ])
  }

  it('imports all accepted rows at once, records the import and its rows, and audits it', async () => {
    const before = await counts()
    const res = await commit('officer', file())
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data.import).toMatchObject({ imported: 2, rejected: 1, rowsTotal: 3, rejectedByReason: { unknown_address: 1 }, fileName: 'danh-sach.csv' })
    expect(await counts()).toEqual({ persons: before.persons + 2, imports: before.imports + 1, importRows: before.importRows + 3 })
    const found = await (await as('officer')('/api/p/01/persons?q=phan van nhap')).json()
    expect(found.data).toHaveLength(1)
    expect(found.data[0]).toMatchObject({ communeCode: '00127', status: 'under_management', category: 'drug_user', version: 1 })
    const rows = await (await as('officer')(`/api/p/01/imports/${data.import.id}/rows`)).json()
    expect(rows.data.map((r: { rowNumber: number; outcome: string }) => [r.rowNumber, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'imported'],
      [4, 'rejected'],
    ])
    expect(rows.data[0].person.fullName).toBe('Phan Văn Nhập')
    expect(rows.data[2].problems).toEqual([{ column: 'Xã/phường', reason: 'unknown_address' }])
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'import.commit'))
    expect(entry).toMatchObject({ entityId: data.import.id, outcome: 'success' })
  })

  it('adds nothing when the same file comes again, and says which import brought it', async () => {
    const first = (await (await as('officer')('/api/p/01/imports')).json()).data[0]
    const before = await counts()
    const res = await commit('officer', file())
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.alreadyImported).toBe(true)
    expect(data.import.id).toBe(first.id)
    expect(data.counts.byReason).toMatchObject({ already_registered: 2, unknown_address: 1 })
    expect(await counts()).toEqual(before)
  })

  it('leaves nothing behind when the database fails in the middle of a commit', async () => {
    seq = 700
    const rows = Array.from({ length: 450 }, (_, i) => row(`Người Thử Số ${i + 1}`, '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null))
    const failing = String(rows[420]![4])
    // A real failure inside SQLite, partway through the inserts (the 421st person, in the third batch).
    await db.run(
      sql.raw(`create trigger fail_import before insert on persons when new.citizen_id = '${failing}' begin select raise(abort, 'simulated failure'); end`),
    )
    try {
      const before = await counts()
      const res = await commit('officer', csv(rows))
      expect(res.status).toBe(500)
      expect((await res.json()).error.details.requestId).toEqual(expect.any(String))
      expect(await counts()).toEqual(before)
    } finally {
      await db.run(sql.raw('drop trigger fail_import'))
    }
  })

  it('imports an ambiguous row into the commune a person chose among its candidates, and no other', async () => {
    seq = 900
    const bytes = csv([row('Đỗ Văn Chọn', '01/01/1987', 'Nam', cccd('male', 1987), split.oldName, split.district, null)])
    const bad = await commit('officer', bytes, 'tach.csv', { resolutions: JSON.stringify({ 2: '00127' === split.candidates[0] ? '99999' : '00127' }) })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.issues[0].code).toBe('nothing_to_import')
    const chosen = split.candidates[1]!
    const res = await commit('officer', bytes, 'tach.csv', { resolutions: JSON.stringify({ 2: chosen }) })
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data.accepted[0]).toMatchObject({ communeCode: chosen, communeVia: 'chosen' })
  })

  it('lets a commune officer import only rows of their own communes; the others are reported', async () => {
    seq = 1000
    const elsewhere = split.candidates.find((c) => c !== '00127')!
    // The second row names its commune by code (a "Mã xã" column): a real commune of the province, not theirs.
    const bytes = csv(
      [
        [...row('Mai Văn Mình', '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null), null],
        [...row('Mai Thị Người Khác', '01/01/1990', 'Nữ', cccd('female', 1990), '', null, null), elsewhere],
      ],
      [...HEADER, 'Mã xã'],
    )
    const res = await commit('commune', bytes)
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data.import).toMatchObject({ imported: 1, rejected: 1, rejectedByReason: { out_of_scope: 1 }, scope: ['00127'] })
    expect(data.accepted.map((r: { communeCode: string }) => r.communeCode)).toEqual(['00127'])
    // The commune officer sees their own imports; the province officer's import is not theirs to see.
    const mine = (await (await as('commune')('/api/p/01/imports')).json()).data
    expect(mine.map((i: { id: string }) => i.id)).toEqual([data.import.id])
    const officers = (await (await as('officer')('/api/p/01/imports')).json()).data
    const notMine = officers.find((i: { id: string }) => i.id !== data.import.id)
    expect((await as('commune')(`/api/p/01/imports/${notMine.id}`)).status).toBe(404)
  })
})

describe('the rejected rows', () => {
  it('download as XLSX with the original cells, the row number and the reason, ready to fix and upload again', async () => {
    seq = 1200
    const id = cccd('female', 1990)
    const bytes = csv([
      row('Tạ Thị Tốt', '01/01/1990', 'Nữ', cccd('female', 1990), 'Phường Việt Hưng', null, null),
      row('Tạ Thị Sửa', '01/13/1990', 'Nữ', id, 'Phường Việt Hưng', null, null),
    ])
    const res = await as('officer')('/api/p/01/imports/rejected', upload(bytes, 'ds.csv'))
    expect(res.status).toBe(200)
    const table = readTable(new Uint8Array(await res.arrayBuffer()), { maxRows: 100, maxUncompressedBytes: 1e7 })
    expect(table.header).toEqual([...HEADER, 'Dòng trong tệp gốc', 'Lý do không nhập'])
    expect(table.rows).toHaveLength(1)
    const cells = table.rows[0]!.cells
    expect(cells[1]).toBe('Tạ Thị Sửa')
    expect(cells[HEADER.length]).toBe(3)
    expect(String(cells[HEADER.length + 1])).toContain('Ngày sinh: không hợp lệ')
    // Fixed and uploaded again, the file's extra columns are ignored and the row is accepted.
    const fixed = writeXlsx([{ name: 'Sửa', header: table.header, rows: [cells.map((c, i) => (i === 2 ? '13/01/1990' : (c as string | number | null)))] }])
    const again = (await (await preview('officer', fixed, 'sua.xlsx')).json()).data
    expect(again.counts).toMatchObject({ accepted: 1, rejected: 0 })
    expect(again.ignoredColumns).toEqual(['Dòng trong tệp gốc', 'Lý do không nhập'])
  })
})

describe('a malformed upload', () => {
  const formulaXlsx = () =>
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'xl/workbook.xml': strToU8(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row><row r="2"><c r="B2" t="str"><f>CONCAT("A","B")</f><v>AB</v></c></row></sheetData></worksheet>`,
      ),
    })

  it.each([
    ['not a spreadsheet', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'anh.png', 'not_a_spreadsheet'],
    ['empty', () => new Uint8Array(), 'rong.csv', 'empty'],
    ['a header without rows', () => csv([]), 'rong.csv', 'empty'],
    ['without the required columns', () => strToU8('Tên,Tuổi\nA,30'), 'sai.csv', 'missing_columns'],
    ['with formula cells', formulaXlsx, 'cong-thuc.xlsx', 'formula'],
    ['beyond the row limit', () => strToU8(`${HEADER.join(',')}\n${'x,x,x,x,x,x,x,x,x,x,x\n'.repeat(20_001)}`), 'lon.csv', 'too_many_rows'],
  ])('%s answers 400 naming the file and writes nothing', async (_, bytes, name, code) => {
    const before = await counts()
    const auditBefore = (await db.select({ n: count() }).from(auditLog))[0]!.n
    const res = await commit('officer', bytes(), name)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues[0]).toMatchObject({ field: 'file', code })
    expect(await counts()).toEqual(before)
    expect((await db.select({ n: count() }).from(auditLog))[0]!.n).toBe(auditBefore)
  })

  it('answers 400 without a file, 415 for JSON and 413 beyond the size limit', async () => {
    const form = new FormData()
    form.append('resolutions', '{}')
    const noFile = await as('officer')('/api/p/01/imports', { method: 'POST', body: form })
    expect(noFile.status).toBe(400)
    expect((await noFile.json()).error.details.issues[0].field).toBe('form.file')
    expect((await as('officer')('/api/p/01/imports', jsonBody('POST', { rows: [] }))).status).toBe(415)
    const huge = await commit('officer', new Uint8Array(10 * 1024 * 1024 + 128 * 1024), 'lon.csv')
    expect(huge.status).toBe(413)
  })
})

describe('one import per user at a time', () => {
  const list = (first: number) => {
    seq = first
    return csv(Array.from({ length: 3000 }, (_, i) => row(`Người Chờ ${i + 1}`, '01/01/1990', 'Nam', cccd('male', 1990), 'Phường Việt Hưng', null, null)))
  }

  it('answers 409 import_in_progress to uploads sent while one of the same user runs, on any server; other users go on', async () => {
    const bytes = list(5000)
    // A second app with its own database connections, as a second Node process or Worker isolate would have.
    const second = createTestApp(platform)
    const onSecond = () => second.request('/api/p/01/imports?dryRun=true', { ...upload(bytes, 'danh-sach.csv'), headers: { cookie: cookies.officer! } })
    const [mine, theirs] = await Promise.all([
      Promise.all([preview('officer', bytes), onSecond(), preview('officer', bytes), onSecond()]),
      commit('commune', list(9000)),
    ])
    const statuses = mine.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409, 409, 409])
    const refused = await mine.find((r) => r.status === 409)!.json()
    expect(refused.error).toMatchObject({ code: 'import_in_progress', message: expect.stringMatching(/Another import of yours/) })
    expect(theirs.status).toBe(201)
    // Released once the import ended: the next upload is served, and no lock is left behind.
    expect((await preview('officer', bytes)).status).toBe(200)
    expect(await db.select().from(importLocks)).toEqual([])
  })

  it('holds across processes: a lock row taken elsewhere refuses until it expires, then is taken over', async () => {
    const bytes = list(13_000)
    await db
      .insert(importLocks)
      .values({ userId: userIds.officer!, token: 'held-by-another-process', expiresAt: new Date(t.deps.clock.now().getTime() + 60_000) })
    const refused = await preview('officer', bytes)
    expect(refused.status).toBe(409)
    expect(await db.select({ token: importLocks.token }).from(importLocks)).toEqual([{ token: 'held-by-another-process' }])
    await db.update(importLocks).set({ expiresAt: t.deps.clock.now() }) // the app's clock: expired now
    expect((await preview('officer', bytes)).status).toBe(200)
    expect(await db.select().from(importLocks)).toEqual([])
  })

  it('is released when the upload is refused, and never taken for a request that is not an upload', async () => {
    expect((await commit('officer', strToU8('Tên,Tuổi\nA,30'), 'sai.csv')).status).toBe(400)
    expect((await as('officer')('/api/p/01/imports', jsonBody('POST', { rows: [] }))).status).toBe(415)
    expect(await db.select().from(importLocks)).toEqual([])
  })
})

describe('who may import', () => {
  it('refuses central roles (403), province admins (403: read-only) and other provinces (404)', async () => {
    const bytes = csv([row('Không Ai', '01/01/1990', 'Nam', '001090999999', 'Phường Việt Hưng', null, null)])
    expect((await preview('central', bytes)).status).toBe(403)
    expect((await preview('admin', bytes)).status).toBe(403)
    expect((await preview('other', bytes)).status).toBe(404)
    expect((await as('admin')('/api/p/01/imports')).status).toBe(200)
    expect((await as('central')('/api/p/01/imports')).status).toBe(403)
  })
})

describe('the file’s name', () => {
  it('keeps the file’s name without direction or control characters, never refusing the file for them', async () => {
    const bytes = csv([row('Lê Văn Tên Tệp', '01/01/1992', 'Nam', cccd('male', 1992), 'Phường Việt Hưng', null, null)])
    const res = await commit('officer', bytes, 'danh-sach\u202excslx\u0007.csv')
    expect(res.status).toBe(201)
    expect((await res.json()).data.import.fileName).toBe('danh-sachxcslx.csv')
  })
})
