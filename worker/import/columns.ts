import { foldDiacritics } from '../../kernel/text-fold.ts'

/**
 * The import template's columns and how a legacy list's headers are recognised. Pure; shared by the API
 * (matching, the template download) and the web app (the template's description).
 */
export const importFields = [
  'fullName',
  'birthDate',
  'sex',
  'citizenId',
  'commune',
  'district',
  'province',
  'address',
  'communeCode',
  'addressDetail',
  'phone',
  'category',
  'addictionDeterminedOn',
  'addictionDeterminedBy',
  'registeredOn',
  'notes',
] as const
export type ImportField = (typeof importFields)[number]

interface ColumnSpec {
  /** The header in the downloadable template. */
  header: string
  /** What the template's second sheet says about it. */
  help: string
  /** Other headers seen in provinces' lists, compared without case, diacritics and punctuation. */
  synonyms: readonly string[]
  inTemplate: boolean
}

export const COLUMN_SPECS: Readonly<Record<ImportField, ColumnSpec>> = {
  fullName: {
    header: 'Họ và tên',
    help: 'Bắt buộc. Họ, chữ đệm và tên khai sinh.',
    synonyms: ['Họ tên', 'Tên', 'Họ và tên đối tượng', 'Họ tên đối tượng', 'Full name'],
    inTemplate: true,
  },
  birthDate: {
    header: 'Ngày sinh',
    help: 'Bắt buộc. Ngày/tháng/năm, ví dụ 05/09/1990.',
    synonyms: ['Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Sinh ngày', 'Birth date'],
    inTemplate: true,
  },
  sex: { header: 'Giới tính', help: 'Bắt buộc. Nam hoặc Nữ.', synonyms: ['Giới', 'Nam/Nữ', 'Nam nữ', 'Sex'], inTemplate: true },
  citizenId: {
    header: 'Số CCCD',
    help: 'Bắt buộc. 12 chữ số của căn cước công dân / số định danh cá nhân. Định dạng ô là Văn bản để giữ số 0 ở đầu.',
    synonyms: [
      'CCCD',
      'Số căn cước',
      'Số căn cước công dân',
      'Căn cước công dân',
      'Số định danh',
      'Số định danh cá nhân',
      'CMND/CCCD',
      'Số CMND/CCCD',
      'CCCD/CMND',
      'Số CCCD/CMND',
      'Citizen ID',
    ],
    inTemplate: true,
  },
  commune: {
    header: 'Xã/phường',
    help: 'Bắt buộc (hoặc cột Địa chỉ). Tên xã/phường hiện nay, hoặc tên cũ trước 01/7/2025 kèm Quận/huyện cũ.',
    synonyms: ['Xã, phường', 'Phường/xã', 'Xã/phường/thị trấn', 'Xã phường thị trấn', 'Phường xã', 'Xã', 'Phường', 'Commune'],
    inTemplate: true,
  },
  district: {
    header: 'Quận/huyện (cũ)',
    help: 'Tên quận/huyện trước 01/7/2025 nếu xã/phường ghi theo tên cũ.',
    synonyms: ['Quận/huyện', 'Quận huyện', 'Huyện', 'Quận', 'Huyện/thị xã/thành phố', 'District'],
    inTemplate: true,
  },
  province: {
    header: 'Tỉnh/thành phố',
    help: 'Không bắt buộc. Tên tỉnh/thành phố (cũ hoặc mới).',
    synonyms: ['Tỉnh', 'Tỉnh/TP', 'Tỉnh thành', 'Thành phố', 'Province'],
    inTemplate: true,
  },
  address: {
    header: 'Địa chỉ',
    help: 'Thay cho ba cột trên: địa chỉ đầy đủ (số nhà, xã/phường, quận/huyện cũ nếu có, tỉnh/thành phố).',
    synonyms: ['Nơi cư trú', 'Nơi ở hiện nay', 'Nơi ở', 'Địa chỉ thường trú', 'Địa chỉ cư trú', 'Thường trú', 'Nơi thường trú', 'Chỗ ở hiện nay', 'Address'],
    inTemplate: false,
  },
  communeCode: {
    header: 'Mã xã',
    help: 'Không bắt buộc. Mã xã/phường hiện nay (5 chữ số); nếu có thì được dùng thay cho tên.',
    synonyms: ['Mã xã/phường', 'Mã đơn vị hành chính', 'Commune code'],
    inTemplate: false,
  },
  addressDetail: {
    header: 'Địa chỉ chi tiết',
    help: 'Không bắt buộc. Số nhà, đường, thôn/tổ dân phố.',
    synonyms: ['Số nhà', 'Thôn/tổ', 'Thôn, tổ dân phố', 'Thôn/xóm', 'Tổ dân phố', 'Address detail'],
    inTemplate: true,
  },
  phone: { header: 'Số điện thoại', help: 'Không bắt buộc. Ví dụ 0912345678.', synonyms: ['Điện thoại', 'SĐT', 'SĐT liên hệ', 'Phone'], inTemplate: true },
  category: {
    header: 'Phân loại',
    help: 'Bắt buộc. "Sử dụng trái phép", "Nghiện" hoặc "Sau cai nghiện".',
    synonyms: ['Đối tượng', 'Loại đối tượng', 'Diện', 'Diện quản lý', 'Phân loại đối tượng', 'Category'],
    inTemplate: true,
  },
  addictionDeterminedOn: {
    header: 'Ngày xác định nghiện',
    help: 'Bắt buộc với người nghiện. Ngày/tháng/năm.',
    synonyms: ['Ngày xđ nghiện', 'Ngày xác định tình trạng nghiện'],
    inTemplate: true,
  },
  addictionDeterminedBy: {
    header: 'Cơ sở xác định nghiện',
    help: 'Bắt buộc với người nghiện. Cơ sở y tế đã xác định tình trạng nghiện.',
    synonyms: ['Nơi xác định nghiện', 'Cơ quan xác định nghiện', 'Đơn vị xác định nghiện', 'Cơ sở y tế xác định'],
    inTemplate: true,
  },
  registeredOn: {
    header: 'Ngày đăng ký',
    help: 'Không bắt buộc. Ngày đăng ký hoặc lập hồ sơ quản lý, ngày/tháng/năm. Để trống nếu không rõ (không tính là đăng ký mới).',
    synonyms: [
      'Ngày lập hồ sơ',
      'Ngày đăng ký quản lý',
      'Ngày lập hồ sơ quản lý',
      'Ngày đưa vào quản lý',
      'Ngày đưa vào danh sách',
      'Ngày ĐK',
      'Registered on',
      'Registration date',
    ],
    inTemplate: true,
  },
  notes: { header: 'Ghi chú', help: 'Không bắt buộc.', synonyms: ['Ghi chú khác', 'Notes'], inTemplate: true },
}

/** Headers recognised and deliberately ignored (row numbers of the old list). */
const IGNORED = ['STT', 'TT', 'Số thứ tự', 'No']

/** Compared without case, diacritics, punctuation and spacing: "Họ và tên", "HO VA TEN:", "họ  và tên" are one. */
export function headerKey(text: string): string {
  return foldDiacritics(text).replace(/[^a-z0-9]+/g, '')
}

const byKey = new Map<string, ImportField>()
for (const field of importFields) {
  const spec = COLUMN_SPECS[field]
  for (const name of [spec.header, ...spec.synonyms]) byKey.set(headerKey(name), field)
}
const ignoredKeys = new Set(IGNORED.map(headerKey))

export interface ColumnMatch {
  /** Field → the index of its column in the file. */
  columns: Partial<Record<ImportField, number>>
  /** Header text per field as written in the file (problems name the column the officer sees). */
  headers: Partial<Record<ImportField, string>>
  /** Headers that match no field (their cells are not imported: the preview says so). */
  unknown: string[]
  /** A field named by two columns: ambiguous, the file must be fixed. */
  duplicates: { field: ImportField; headers: string[] }[]
  /** Required fields with no column. */
  missing: ImportField[]
}

export function matchColumns(header: readonly string[]): ColumnMatch {
  const columns: Partial<Record<ImportField, number>> = {}
  const headers: Partial<Record<ImportField, string>> = {}
  const seen = new Map<ImportField, string[]>()
  const unknown: string[] = []
  header.forEach((text, index) => {
    const key = headerKey(text)
    if (key === '' || ignoredKeys.has(key)) return
    const field = byKey.get(key)
    if (!field) {
      unknown.push(text)
      return
    }
    seen.set(field, [...(seen.get(field) ?? []), text])
    if (columns[field] === undefined) {
      columns[field] = index
      headers[field] = text
    }
  })
  const duplicates = [...seen.entries()].filter(([, texts]) => texts.length > 1).map(([field, texts]) => ({ field, headers: texts }))
  const missing: ImportField[] = (['fullName', 'birthDate', 'sex', 'citizenId', 'category'] as const).filter((f) => columns[f] === undefined)
  if (columns.commune === undefined && columns.address === undefined && columns.communeCode === undefined) missing.push('commune')
  return { columns, headers, unknown, duplicates, missing }
}

// ---- Cell values -----------------------------------------------------------------------------------------

export type CellValue = string | number | boolean | null

/** A cell as text: numbers as written (no exponent for whole numbers), trimmed, NFC. */
export function cellText(value: CellValue): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value)
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim()
  return text === '' ? null : text
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

/**
 * Dates as Vietnamese lists write them: dd/mm/yyyy (also with - or . and one-digit day/month), ISO
 * yyyy-mm-dd, or an Excel date (a serial number). Month-first is never assumed. Returns YYYY-MM-DD, or null
 * when the text is not a date (the caller reports it).
 */
export function parseDate(value: CellValue): string | null {
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'number') {
    // Excel serials for 1900-03-01 … 2199: anything else is not a date someone typed.
    if (!Number.isInteger(value) || value < 61 || value > 109_574) return null
    return new Date(EXCEL_EPOCH_MS + value * 86_400_000).toISOString().slice(0, 10)
  }
  const text = value.trim()
  let y: number, m: number, d: number
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])]
  else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
  else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

export function parseSex(value: CellValue): 'male' | 'female' | null {
  const key = headerKey(cellText(value) ?? '')
  if (['nam', 'male', 'm'].includes(key)) return 'male'
  if (['nu', 'female', 'f'].includes(key)) return 'female'
  return null
}

const CATEGORY_WORDS: readonly [string, 'drug_user' | 'dependent' | 'post_rehab'][] = [
  // Longest, most specific first: "sau cai nghiện" contains "nghiện".
  ['saucainghien', 'post_rehab'],
  ['saucai', 'post_rehab'],
  ['postrehab', 'post_rehab'],
  ['quanlysaucai', 'post_rehab'],
  ['sudungtraiphep', 'drug_user'],
  ['sudung', 'drug_user'],
  ['druguser', 'drug_user'],
  ['nghien', 'dependent'],
  ['dependent', 'dependent'],
]

/** "Người sử dụng trái phép chất ma túy" / "Sử dụng", "Người nghiện ma túy" / "Nghiện", "Sau cai nghiện", or the API's codes. */
export function parseCategory(value: CellValue): 'drug_user' | 'dependent' | 'post_rehab' | null {
  const key = headerKey(cellText(value) ?? '')
  if (key === '') return null
  for (const [word, category] of CATEGORY_WORDS) if (key.includes(word)) return category
  return null
}

/**
 * A citizen ID as written. A number cell lost its leading zeros when someone typed it into Excel (CCCDs start
 * with the 001–096 place code), so a whole number of up to 12 digits is padded back. A CSV saved from such a
 * sheet holds the same number as text: 10 or 11 digits (place codes 001–009 lose two zeros, 010–096 one) are
 * padded the same way; fewer digits cannot be a lost zero (no place code is 000) and stay as typed, refused as
 * "must be 12 digits". The padded ID is checked like any other (its digits against the sex and birth year).
 * Spaces and dots between groups are removed.
 */
export function parseCitizenId(value: CellValue): string | null {
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value >= 1e12) return String(value)
    return String(value).padStart(12, '0')
  }
  const text = value.trim().replace(/[\s.]/g, '')
  if (/^\d{10,11}$/.test(text)) return text.padStart(12, '0')
  return text === '' ? null : text
}
