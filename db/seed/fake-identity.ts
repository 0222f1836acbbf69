// Made-up identities for synthetic people: names (common Vietnamese name parts, family names weighted roughly
// by frequency), citizen IDs of the valid shape with random last digits, random phone numbers. None is a real
// person's.
import { mixSeeds, type Random } from './random.ts'

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 3],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1],
  ['Đinh', 0.7],
  ['Đoàn', 0.6],
  ['Lâm', 0.5],
  ['Mai', 0.4],
  ['Cao', 0.4],
  ['Lương', 0.4],
  ['Tô', 0.3],
  ['Thái', 0.3],
  ['Châu', 0.3],
  ['Tạ', 0.3],
  ['Hà', 0.4],
  ['Quách', 0.2],
  ['Kiều', 0.2],
]

export const MIDDLE_NAMES: Readonly<Record<'male' | 'female', readonly (readonly [string, number])[]>> = {
  male: [
    ['Văn', 40],
    ['Hữu', 6],
    ['Đức', 6],
    ['Minh', 7],
    ['Quốc', 5],
    ['Thanh', 5],
    ['Công', 4],
    ['Xuân', 3],
    ['Đình', 4],
    ['Ngọc', 3],
    ['Tấn', 3],
    ['Quang', 4],
    ['Trọng', 3],
    ['Hoàng', 3],
    ['Thành', 3],
    ['Anh', 2],
    ['Gia', 2],
    ['Bá', 1],
  ],
  female: [
    ['Thị', 45],
    ['Ngọc', 8],
    ['Thu', 6],
    ['Kim', 5],
    ['Thanh', 5],
    ['Thùy', 4],
    ['Mỹ', 4],
    ['Bích', 3],
    ['Phương', 3],
    ['Hồng', 4],
    ['Diệu', 2],
    ['Kiều', 2],
    ['Hoài', 2],
    ['Minh', 3],
    ['Bảo', 2],
  ],
}

export const GIVEN_NAMES: Readonly<Record<'male' | 'female', readonly string[]>> = {
  male: [
    'An',
    'Anh',
    'Bảo',
    'Bình',
    'Cường',
    'Công',
    'Dũng',
    'Duy',
    'Đạt',
    'Định',
    'Đông',
    'Giang',
    'Hải',
    'Hào',
    'Hậu',
    'Hiếu',
    'Hòa',
    'Hoàng',
    'Hùng',
    'Huy',
    'Khang',
    'Khánh',
    'Khoa',
    'Kiên',
    'Lâm',
    'Long',
    'Lộc',
    'Lợi',
    'Luân',
    'Minh',
    'Nam',
    'Nghĩa',
    'Nhân',
    'Phát',
    'Phong',
    'Phúc',
    'Phước',
    'Quân',
    'Quang',
    'Sang',
    'Sơn',
    'Tài',
    'Tâm',
    'Tân',
    'Thắng',
    'Thành',
    'Thiện',
    'Thịnh',
    'Tiến',
    'Toàn',
    'Trí',
    'Trung',
    'Trường',
    'Tuấn',
    'Tùng',
    'Việt',
    'Vinh',
    'Vũ',
    'Vương',
    'Xuân',
  ],
  female: [
    'An',
    'Anh',
    'Châu',
    'Chi',
    'Diễm',
    'Dung',
    'Duyên',
    'Giang',
    'Hà',
    'Hạnh',
    'Hằng',
    'Hiền',
    'Hoa',
    'Hồng',
    'Huệ',
    'Hương',
    'Huyền',
    'Lan',
    'Liên',
    'Linh',
    'Loan',
    'Mai',
    'My',
    'Nga',
    'Ngân',
    'Ngọc',
    'Nhi',
    'Nhung',
    'Oanh',
    'Phương',
    'Quyên',
    'Tâm',
    'Thảo',
    'Thủy',
    'Trang',
    'Trinh',
    'Tuyết',
    'Uyên',
    'Vân',
    'Vy',
    'Xuân',
    'Yến',
  ],
}

/** A fictitious full name: family + middle (+ a second middle name for some) + given name. */
export function randomFullName(rng: Random, sex: 'male' | 'female'): string {
  const family = rng.weighted(FAMILY_NAMES)
  const middle = rng.weighted(MIDDLE_NAMES[sex])
  let second = ''
  if (rng.chance(sex === 'female' ? 0.2 : 0.08)) {
    const candidate = rng.weighted(MIDDLE_NAMES[sex])
    if (candidate !== middle && candidate !== 'Văn' && candidate !== 'Thị') second = ` ${candidate}`
  }
  let given = rng.pick(GIVEN_NAMES[sex])
  if (given === middle) given = rng.pick(GIVEN_NAMES[sex])
  return `${family} ${middle}${second} ${given}`.normalize('NFC')
}

// Citizen IDs (DOMAIN.md §8): 3-digit birth-registration province code (one of the 63 old provinces'),
// century/sex digit, 2-digit birth year, 6 digits.

/** The 63 pre-2025 province codes used as the first 3 digits of a citizen ID. */
export const BIRTH_PROVINCE_CODES: readonly string[] = [
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]

/** 1900s: 0 male, 1 female; 2000s: 2/3 (and so on by century). */
export function centurySexDigit(sex: 'male' | 'female', birthYear: number): number {
  return (Math.floor(birthYear / 100) - 19) * 2 + (sex === 'female' ? 1 : 0)
}

export function formatCitizenId(birthProvince: string, sex: 'male' | 'female', birthYear: number, lastSix: number): string {
  if (!/^\d{3}$/.test(birthProvince)) throw new Error(`birth province code must be 3 digits, got ${birthProvince}`)
  return `${birthProvince}${centurySexDigit(sex, birthYear)}${String(birthYear % 100).padStart(2, '0')}${String(lastSix).padStart(6, '0')}`
}

/**
 * The last 6 digits for the n-th generated person: a bijection of [0, 10^6) chosen by the seed
 * (x ↦ a·x + b mod 10^6 with a coprime to 10^6), so counters 0…999,999 never repeat within one seed
 * whatever the other digits, and look random rather than sequential.
 */
export function citizenIdLastSix(seed: number, counter: number): number {
  const h = mixSeeds([seed, 0x5eed])
  let a = (h % 1_000_000) | 1
  while (a % 5 === 0) a = (a + 2) % 1_000_000
  const b = mixSeeds([seed, 0xb]) % 1_000_000
  return (a * (counter % 1_000_000) + b) % 1_000_000
}

/** A mobile number in the 09x range, random digits. */
export function randomPhone(rng: Random): string {
  let digits = '09'
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9))
  return digits
}
