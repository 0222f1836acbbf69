// Synthetic case data for demos and benchmarks (`npm run seed:demo`, first `npm start` in development).
//
// Pure functions only: a seeded PRNG, name parts, citizen IDs, and `generateDemoData`, which turns a seed into
// people and their records. Nothing here touches a database (db/seed/seed-demo.ts writes). Every person is
// made up: a name is a random combination of common name parts, a citizen ID has the valid format but random
// last digits, a phone number random digits. No real person's data is in this file or anywhere it draws from.
import type {
  followUps, managementPeriods, persons, planTransitions, postRehabRecords, rehabPlans, reviews, supportRecords,
} from '../tenant/schema/index.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { addMonths } from '../../kernel/domain/plan-status.ts'
import { vietnamToday } from '../../kernel/domain/person-rules.ts'

// ---------------------------------------------------------------------------------------------------------
// PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state), seeded through splitmix32.

/** Mixes integers (any safe integer, including > 2^32) into one 32-bit value (FNV-1a over 32-bit words). */
function mixSeeds(values: readonly number[]): number {
  let h = 0x811c9dc5
  for (const value of values) {
    const lo = value >>> 0
    const hi = Math.floor(value / 0x1_0000_0000) >>> 0
    for (const word of [lo, hi]) {
      h = Math.imul(h ^ word, 0x01000193)
      h ^= h >>> 15
    }
  }
  return h >>> 0
}

function splitmix32(seed: number): () => number {
  let a = seed | 0
  return () => {
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t ^= t >>> 15
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

/** A deterministic random source: the same seeds give the same sequence on every machine and runtime. */
export class Random {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(...seeds: number[]) {
    const init = splitmix32(mixSeeds(seeds))
    this.#a = init()
    this.#b = init()
    this.#c = init()
    this.#d = init()
    for (let i = 0; i < 15; i++) this.uint32()
  }

  /** sfc32. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [value, weight] of entries) {
      r -= weight
      if (r < 0) return value
    }
    return entries.at(-1)![0]
  }

  /** A version-4-shaped UUID from this sequence (deterministic, so not for secrets). */
  uuid(): string {
    const a = this.uint32()
    const b = (this.uint32() & 0xffff0fff) | 0x00004000 // version 4
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0 // variant 10
    const d = this.uint32()
    const h = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
    const [hb, hc] = [h(b), h(c)]
    return `${h(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${h(d)}`
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names: common Vietnamese family names (weighted roughly by frequency), middle names and given names by sex.

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 3], ['Phan', 4.5], ['Vũ', 2],
  ['Võ', 2], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Trương', 1], ['Đinh', 0.7], ['Đoàn', 0.6], ['Lâm', 0.5], ['Mai', 0.4], ['Cao', 0.4], ['Lương', 0.4],
  ['Tô', 0.3], ['Thái', 0.3], ['Châu', 0.3], ['Tạ', 0.3], ['Hà', 0.4], ['Quách', 0.2], ['Kiều', 0.2],
]

export const MIDDLE_NAMES: Readonly<Record<'male' | 'female', readonly (readonly [string, number])[]>> = {
  male: [
    ['Văn', 40], ['Hữu', 6], ['Đức', 6], ['Minh', 7], ['Quốc', 5], ['Thanh', 5], ['Công', 4], ['Xuân', 3], ['Đình', 4],
    ['Ngọc', 3], ['Tấn', 3], ['Quang', 4], ['Trọng', 3], ['Hoàng', 3], ['Thành', 3], ['Anh', 2], ['Gia', 2], ['Bá', 1],
  ],
  female: [
    ['Thị', 45], ['Ngọc', 8], ['Thu', 6], ['Kim', 5], ['Thanh', 5], ['Thùy', 4], ['Mỹ', 4], ['Bích', 3], ['Phương', 3],
    ['Hồng', 4], ['Diệu', 2], ['Kiều', 2], ['Hoài', 2], ['Minh', 3], ['Bảo', 2],
  ],
}

export const GIVEN_NAMES: Readonly<Record<'male' | 'female', readonly string[]>> = {
  male: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Công', 'Dũng', 'Duy', 'Đạt', 'Định', 'Đông', 'Giang', 'Hải', 'Hào', 'Hậu',
    'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Lợi', 'Luân',
    'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Phước', 'Quân', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm',
    'Tân', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Tiến', 'Toàn', 'Trí', 'Trung', 'Trường', 'Tuấn', 'Tùng', 'Việt',
    'Vinh', 'Vũ', 'Vương', 'Xuân',
  ],
  female: [
    'An', 'Anh', 'Châu', 'Chi', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng',
    'Huệ', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung',
    'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến',
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

// ---------------------------------------------------------------------------------------------------------
// Citizen IDs (DOMAIN.md §8): 3-digit birth-registration province code (one of the 63 old provinces'),
// century/sex digit, 2-digit birth year, 6 digits.

/** The 63 pre-2025 province codes used as the first 3 digits of a citizen ID. */
export const BIRTH_PROVINCE_CODES: readonly string[] = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
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

// ---------------------------------------------------------------------------------------------------------
// Dates: YYYY-MM-DD strings (days in Vietnam) and timestamps.

const DAY_MS = 86_400_000
// Generating 30,000 people converts a few hundred thousand dates among a few thousand distinct days: memoized.
const msOfDay = new Map<string, number>()
const dayOfMs = new Map<number, string>()
const dayMs = (day: string) => {
  let ms = msOfDay.get(day)
  if (ms === undefined) msOfDay.set(day, (ms = Date.parse(`${day}T00:00:00Z`)))
  return ms
}
const toDay = (ms: number) => {
  let day = dayOfMs.get(ms)
  if (day === undefined) dayOfMs.set(ms, (day = new Date(ms).toISOString().slice(0, 10)))
  return day
}
export const addDays = (day: string, n: number) => toDay(dayMs(day) + n * DAY_MS)
const monthsLater = new Map<string, string>()
export const plusMonths = (day: string, months: number) => {
  const key = `${day}+${months}`
  let result = monthsLater.get(key)
  if (result === undefined) monthsLater.set(key, (result = toDay(addMonths(new Date(dayMs(day)), months).getTime())))
  return result
}
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS)
const minDay = (a: string, b: string) => (a < b ? a : b)
const maxDay = (a: string, b: string) => (a > b ? a : b)

// ---------------------------------------------------------------------------------------------------------
// The generated records.

export type PersonInsert = typeof persons.$inferInsert & { createdAt: Date; updatedAt: Date }
export type PlanInsert = typeof rehabPlans.$inferInsert
export type TransitionInsert = typeof planTransitions.$inferInsert & { at: Date }
export type ReviewInsert = typeof reviews.$inferInsert
export type PostRehabInsert = typeof postRehabRecords.$inferInsert
export type FollowUpInsert = typeof followUps.$inferInsert
export type SupportInsert = typeof supportRecords.$inferInsert
export type ManagementPeriodInsert = typeof managementPeriods.$inferInsert

/** One person and everything recorded about them. Transitions are in order (insert them so). */
export interface PersonBundle {
  person: PersonInsert
  plans: PlanInsert[]
  transitions: TransitionInsert[]
  reviews: ReviewInsert[]
  postRehab: PostRehabInsert[]
  followUps: FollowUpInsert[]
  support: SupportInsert[]
  managementPeriods: ManagementPeriodInsert[]
}

/**
 * What happens to a generated person. The final category follows: `user` → drug_user; `returned`,
 * `completed` → post_rehab; the rest → dependent (a `relapsed` person completed a plan, then relapsed).
 */
export const scenarios = ['user', 'returned', 'completed', 'no_plan', 'draft', 'active', 'suspended', 'terminated', 'transferred', 'relapsed'] as const
export type Scenario = (typeof scenarios)[number]

/** Roughly 35% drug users, 45% drug-dependent, 20% post-rehab; a quarter of everyone on an active plan. */
export const DEFAULT_SCENARIO_WEIGHTS: readonly (readonly [Scenario, number])[] = [
  ['user', 35], ['returned', 8], ['completed', 12], ['no_plan', 4], ['draft', 3], ['active', 24], ['suspended', 3],
  ['terminated', 6], ['transferred', 2], ['relapsed', 3],
]

export interface DemoDataOptions {
  seed: number
  /** How many people, including the `caseloads` ones. */
  persons: number
  /** Where the people (other than `caseloads`) live, spread unevenly. */
  communes: readonly string[]
  now: Date
  /** Two-digit province code: most people were born (and got their citizen ID) there. */
  provinceCode: string
  /**
   * People on an active plan in these communes (a commune officer's caseload), on top of those `communes`
   * spreads: leave such a commune out of `communes` to give it exactly these people and nobody else.
   */
  caseloads?: readonly { commune: string; people: number }[] | undefined
  /**
   * Fixed shares (0–1) of the other people for some of `communes` (e.g. half of them in a demo officer's
   * commune); the rest are spread over the remaining communes by random weights.
   */
  communeShares?: Readonly<Record<string, number>> | undefined
  /** People already in the province: numbering (and so the citizen IDs) continues after them. */
  startIndex?: number | undefined
  /** Citizen IDs already in the province: generated ones avoid them. */
  isTaken?: ((citizenId: string) => boolean) | undefined
}

const FACILITIES = [
  'Trung tâm Y tế khu vực', 'Bệnh viện Đa khoa tỉnh', 'Bệnh viện Tâm thần tỉnh', 'Trạm Y tế xã (bác sĩ được chứng nhận)',
  'Cơ sở cai nghiện ma túy tỉnh',
]
const MEMBER_ROLES = [
  'Công an xã', 'Cán bộ văn hóa – xã hội', 'Trạm Y tế xã', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên', 'Trưởng ấp, khu phố',
  'Mặt trận Tổ quốc', 'Hội Cựu chiến binh',
]
const STAGE_ACTIVITIES: Record<string, readonly string[]> = {
  withdrawal_detox: ['Khám sức khỏe ban đầu', 'Điều trị cắt cơn theo chỉ định', 'Theo dõi triệu chứng hằng ngày'],
  counselling_education: ['Tư vấn cá nhân hằng tháng', 'Giáo dục kỹ năng sống', 'Sinh hoạt nhóm đồng đẳng'],
  vocational_support: ['Tư vấn học nghề', 'Giới thiệu việc làm tại địa phương'],
  reintegration: ['Gia đình phối hợp giám sát', 'Tham gia sinh hoạt cộng đồng'],
}
const SUBSTANCES = ['methamphetamine', 'heroin', 'cần sa', 'ketamine', 'MDMA']
const COUNSELLING_NOTES = [
  'Tư vấn phòng ngừa tái nghiện.', 'Trao đổi với gia đình về việc giám sát.', 'Hướng dẫn kỹ năng từ chối ma túy.',
  'Động viên tham gia sinh hoạt câu lạc bộ.', 'Nhắc lịch xét nghiệm tháng sau.', 'Tư vấn tìm việc làm.',
]
const FOLLOW_UP_NOTES = ['Gặp tại nhà, ổn định.', 'Gọi điện hỏi thăm.', 'Tham gia sinh hoạt nhóm.', 'Đang đi làm, gia đình hỗ trợ tốt.', null, null]
const MEASURES = [
  'Giáo dục, tư vấn; xét nghiệm định kỳ; gia đình phối hợp quản lý.',
  'Tư vấn tâm lý; xét nghiệm hằng quý; báo cáo công an xã khi thay đổi nơi ở.',
  'Gia đình cam kết giám sát; tổ dân phố theo dõi; xét nghiệm ngẫu nhiên.',
]
const SIGNERS = ['Chủ tịch UBND xã', 'Phó Chủ tịch UBND xã']

/**
 * Generates `persons` fictitious people with plans, reviews, post-rehab records, follow-ups, support and
 * management periods, consistent with the domain rules (status machine, 6–12 month plans, one open plan per
 * person, person status following the plan). Every event happened on or before `now` (a plan's or a period's
 * planned end may lie ahead). Deterministic: the same options give the same output.
 */
export function generateDemoData(opts: DemoDataOptions): PersonBundle[] {
  const caseloads = opts.caseloads ?? []
  const reserved = caseloads.reduce((n, c) => n + c.people, 0)
  if (!Number.isInteger(opts.persons) || opts.persons < 0) throw new Error('persons must be a whole number ≥ 0')
  if (reserved > opts.persons) throw new Error(`caseloads need ${reserved} people, more than the ${opts.persons} asked for`)
  const spread = [...new Set(opts.communes)]
  if (opts.persons > reserved && spread.length === 0) throw new Error('no commune to put people in')
  const shares = Object.entries(opts.communeShares ?? {})
  for (const [code] of shares) if (!spread.includes(code)) throw new Error(`communeShares names ${code}, which is not among the communes`)
  const sharedTotal = shares.reduce((sum, [, share]) => sum + share, 0)
  if (shares.some(([, share]) => !(share >= 0)) || sharedTotal > 1) throw new Error('communeShares must be ≥ 0 and add up to at most 1')
  const unshared = spread.filter((c) => !(c in (opts.communeShares ?? {})))

  const startIndex = opts.startIndex ?? 0
  const rng = new Random(opts.seed, startIndex, opts.persons)
  const today = vietnamToday(opts.now)
  const nowMs = opts.now.getTime()
  const homeCode = opts.provinceCode.padStart(3, '0')
  const localBirth = BIRTH_PROVINCE_CODES.includes(homeCode) ? homeCode : null

  // Uneven spread: each commune gets a log-normal weight (a few several times the average), fixed by the seed.
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const communeWeights = unshared.map((code) => [code, Math.exp(0.7 * gaussian())] as const)
  const pickCommune = () => {
    if (sharedTotal > 0 && (unshared.length === 0 || rng.next() < sharedTotal)) return rng.weighted(shares)
    return rng.weighted(communeWeights)
  }

  let counter = startIndex
  const issued = new Set<string>()
  const citizenId = (sex: 'male' | 'female', birthYear: number) => {
    const province = localBirth && rng.chance(0.8) ? localBirth : rng.pick(BIRTH_PROVINCE_CODES)
    for (;;) {
      const id = formatCitizenId(province, sex, birthYear, citizenIdLastSix(opts.seed, counter++))
      if (!issued.has(id) && !opts.isTaken?.(id)) {
        issued.add(id)
        return id
      }
    }
  }

  /** A time on `day` during office hours in Vietnam (07:30–17:00, i.e. 00:30–10:00 UTC), never after now. */
  const stamp = (day: string, notBefore?: Date) => {
    let ms = dayMs(day) + rng.int(30, 600) * 60_000
    if (notBefore && ms <= notBefore.getTime()) ms = notBefore.getTime() + rng.int(1, 30) * 60_000
    return new Date(Math.min(ms, nowMs))
  }
  const randomDay = (from: string, to: string) => addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))))

  const assignments: { commune: string; scenario: Scenario }[] = []
  for (const c of caseloads) for (let i = 0; i < c.people; i++) assignments.push({ commune: c.commune, scenario: 'active' })
  for (let i = reserved; i < opts.persons; i++) assignments.push({ commune: pickCommune(), scenario: rng.weighted(DEFAULT_SCENARIO_WEIGHTS) })

  const bundles: PersonBundle[] = []
  for (const { commune, scenario } of assignments) {
    const sex = rng.chance(0.93) ? 'male' : 'female'
    const age = rng.weighted<[number, number]>([[[20, 24], 20], [[25, 34], 38], [[35, 44], 27], [[45, 60], 15]])
    const birthDate = addDays(today, -(rng.int(age[0], age[1]) * 365 + rng.int(0, 364)))
    const fullName = randomFullName(rng, sex)
    const id = rng.uuid()
    const bundle: PersonBundle = { person: undefined as never, plans: [], transitions: [], reviews: [], postRehab: [], followUps: [], support: [], managementPeriods: [] }
    let version = 1
    let lastChange: Date
    const person = {
      id,
      fullName,
      nameKey: foldDiacritics(fullName),
      birthDate,
      sex,
      citizenId: citizenId(sex, Number(birthDate.slice(0, 4))),
      communeCode: commune,
      addressDetail: rng.chance(0.85) ? `${rng.chance(0.5) ? `Số ${rng.int(1, 250)}, ` : ''}${rng.pick(['tổ', 'ấp', 'thôn', 'tổ dân phố', 'khu phố'])} ${rng.int(1, 15)}` : null,
      phone: rng.chance(0.8) ? randomPhone(rng) : null,
      category: 'dependent' as PersonInsert['category'],
      status: 'under_management' as PersonInsert['status'],
      addictionDeterminedOn: null as string | null,
      addictionDeterminedBy: null as string | null,
      assignedOfficerId: null,
      notes: null,
      version: 1,
      createdAt: new Date(0),
      createdBy: null,
      updatedAt: new Date(0),
      updatedBy: null,
    } satisfies PersonInsert
    const register = (day: string) => {
      person.createdAt = stamp(day)
      lastChange = person.createdAt
    }
    const change = (at: Date) => {
      version += 1
      if (at > lastChange) lastChange = at
    }
    const determine = (before: string, daysEarlier: [number, number]) => {
      person.addictionDeterminedOn = addDays(before, -rng.int(daysEarlier[0], daysEarlier[1]))
      person.addictionDeterminedBy = rng.pick(FACILITIES)
    }

    // A plan from `startOn`, with its reviews; `ending` closes it (or it stays open with `openAs`).
    const addPlan = (p: {
      registeredOn: string
      startOn: string | null
      months: number
      openAs?: 'draft' | 'active' | 'suspended'
      ending?: { status: 'completed' | 'terminated' | 'transferred'; on: string; reason?: string }
      overdue?: boolean
      suspension?: boolean
    }) => {
      const planId = rng.uuid()
      // A draft names the start date the chair is asked to decide (never later than today here).
      const startOn = p.startOn ?? minDay(today, addDays(p.registeredOn, rng.int(3, 15)))
      const plannedEndOn = plusMonths(startOn, p.months)
      const steps: { to: PlanInsert['status']; on: string; reason?: string | null; note?: string | null }[] = [{ to: 'draft', on: p.registeredOn }]
      let reviewUntil: string | null = null
      if (p.startOn !== null) {
        steps.push({ to: 'active', on: p.startOn })
        const endOn = p.ending?.on ?? today
        reviewUntil = endOn
        if (p.suspension && daysBetween(p.startOn, endOn) > 60) {
          const from = addDays(p.startOn, rng.int(20, daysBetween(p.startOn, endOn) - 30))
          const back = addDays(from, rng.int(7, Math.min(30, daysBetween(from, endOn) - 1)))
          steps.push({ to: 'suspended', on: from, note: 'Tạm dừng do điều trị bệnh' }, { to: 'active', on: back })
        }
        if (p.openAs === 'suspended') {
          reviewUntil = randomDay(maxDay(steps.at(-1)!.on, addDays(today, -40)), today)
          steps.push({ to: 'suspended', on: reviewUntil, note: 'Tạm dừng theo đề nghị của gia đình' })
        }
      }
      let completion: { number: string; date: string; signer: string } | null = null
      if (p.ending) {
        if (p.ending.status === 'completed') {
          completion = { number: `${rng.int(1, 480)}/GXN-UBND`, date: p.ending.on, signer: rng.pick(SIGNERS) }
          steps.push({ to: 'completed', on: p.ending.on, note: `certificate ${completion.number}` })
        } else {
          const note = p.ending.status === 'transferred' ? 'Chuyển hồ sơ về nơi cư trú mới' : null
          steps.push({ to: p.ending.status, on: p.ending.on, reason: p.ending.reason ?? null, note })
        }
      }
      let previous: Date | undefined
      let from: PlanInsert['status'] | null = null
      for (const step of steps) {
        const at = stamp(step.on, previous ?? lastChange)
        bundle.transitions.push({ planId, fromStatus: from, toStatus: step.to, reason: step.reason ?? null, note: step.note ?? null, at, by: null })
        from = step.to
        previous = at
      }
      const status = steps.at(-1)!.to
      bundle.plans.push({
        id: planId,
        personId: id,
        communeCode: commune,
        form: rng.chance(0.6) ? 'family' : 'community',
        registeredOn: p.registeredOn,
        startOn,
        plannedEndOn,
        status,
        members: JSON.stringify(Array.from({ length: rng.int(1, 3) }, () => ({ name: randomFullName(rng, rng.chance(0.6) ? 'male' : 'female'), role: rng.pick(MEMBER_ROLES) }))),
        completionNumber: completion?.number ?? null,
        completionDate: completion?.date ?? null,
        completionSigner: completion?.signer ?? null,
        stages: JSON.stringify(Object.entries(STAGE_ACTIVITIES).map(([stage, activities]) => ({ stage, activities: activities.filter(() => rng.chance(0.7)) }))),
        version: steps.length,
        createdAt: bundle.transitions.at(-steps.length)!.at,
        createdBy: null,
        updatedAt: previous!,
        updatedBy: null,
      })
      // The person's record changes with every move to active, completed, terminated or transferred (kernel/commands/plan-transition.ts).
      for (const t of bundle.transitions.slice(-steps.length)) if (t.toStatus !== 'suspended' && t.toStatus !== 'draft') change(t.at)
      if (reviewUntil !== null && p.startOn !== null) addReviews(planId, p.startOn, reviewUntil, { overdue: p.overdue ?? false, relapse: p.ending?.reason === 'relapse' })
      return { planId, completion }
    }

    const addReviews = (planId: string, startOn: string, until: string, o: { overdue: boolean; relapse: boolean }) => {
      const dates: string[] = []
      for (let k = 1; ; k++) {
        const day = addDays(plusMonths(startOn, k), rng.int(-3, 3))
        if (day > until || day > today) break
        dates.push(day)
      }
      // Overdue on purpose: the last reviews were never done (due a month after the last one, 7 days' grace).
      if (o.overdue) while (dates.length > 0 && daysBetween(dates.at(-1)!, today) < 45) dates.pop()
      dates.forEach((day, i) => {
        const attended = rng.chance(0.9)
        const positive = attended && ((o.relapse && i === dates.length - 1) || rng.chance(0.06))
        const drugTest = !attended ? 'not_done' : positive ? 'positive' : rng.weighted([['negative', 92], ['refused', 3], ['not_done', 5]] as const)
        const at = stamp(day)
        bundle.reviews.push({
          id: rng.uuid(), personId: id, planId, communeCode: commune, reviewedOn: day, attended, drugTest,
          substance: drugTest === 'positive' ? rng.pick(SUBSTANCES) : null,
          counsellingNotes: rng.chance(0.4) ? rng.pick(COUNSELLING_NOTES) : null,
          employed: rng.chance(0.3) ? null : rng.chance(0.6),
          riskLevel: drugTest === 'positive' ? 'high' : rng.weighted([['low', 60], ['medium', 30], ['high', 10]] as const),
          version: 1, createdAt: at, createdBy: null, updatedAt: at, updatedBy: null,
        })
      })
    }

    const addPostRehab = (planId: string | null, startOn: string, relapse: boolean) => {
      const recordId = rng.uuid()
      const endOn = plusMonths(startOn, 12)
      const relapseOn = relapse ? addDays(startOn, rng.int(30, Math.max(30, Math.min(330, daysBetween(startOn, today))))) : null
      const status = relapseOn ? 'relapsed' : endOn <= today ? 'ended' : 'active'
      const createdAt = stamp(startOn, lastChange)
      const contactsUntil = minDay(minDay(today, endOn), relapseOn ?? today)
      if (rng.chance(0.7)) {
        for (let day = addDays(startOn, rng.int(7, 30)); day <= contactsUntil; day = addDays(day, rng.int(25, 50))) {
          const at = stamp(day)
          bundle.followUps.push({
            id: rng.uuid(), postRehabId: recordId, personId: id, communeCode: commune, contactedOn: day,
            method: rng.weighted([['visit', 50], ['phone', 35], ['meeting', 15]] as const), notes: rng.pick(FOLLOW_UP_NOTES),
            version: 1, createdAt: at, createdBy: null, updatedAt: at, updatedBy: null,
          })
        }
      }
      if (rng.chance(0.45)) addSupport(startOn, contactsUntil, rng.int(1, 3))
      const relapsedAt = relapseOn ? stamp(relapseOn, createdAt) : null
      bundle.postRehab.push({
        id: recordId, personId: id, communeCode: commune, planId, startOn, endOn,
        supportModel: rng.weighted([['b93_club', 35], ['five_plus_one', 30], ['volunteers', 25], ['other', 10]] as const),
        supporterName: randomFullName(rng, rng.chance(0.5) ? 'male' : 'female'), status,
        relapseOn, relapseNote: relapseOn ? 'Xét nghiệm dương tính, đề nghị xác định lại tình trạng nghiện.' : null,
        version: relapseOn ? 2 : 1, createdAt, createdBy: null, updatedAt: relapsedAt ?? createdAt, updatedBy: null,
      })
      if (relapsedAt) change(relapsedAt)
      return relapseOn
    }

    const addSupport = (from: string, until: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const kind = rng.weighted([['vocational_training', 25], ['job_placement', 20], ['preferential_loan', 20], ['health_insurance', 15], ['counselling', 20]] as const)
        const givenOn = randomDay(from, until)
        const at = stamp(givenOn)
        bundle.support.push({
          id: rng.uuid(), personId: id, communeCode: commune, kind, givenOn,
          amountVnd: kind === 'preferential_loan' ? rng.int(2, 20) * 5_000_000 : null,
          note: kind === 'preferential_loan' ? 'Vay vốn Ngân hàng Chính sách xã hội' : null,
          version: 1, createdAt: at, createdBy: null, updatedAt: at, updatedBy: null,
        })
      }
    }

    const months = () => rng.weighted([[6, 45], [9, 20], [12, 25], [rng.int(7, 11), 10]] as const)

    switch (scenario) {
      case 'user': {
        person.category = 'drug_user'
        const registered = addDays(today, -rng.int(0, 700))
        register(registered)
        const startOn = minDay(today, addDays(registered, rng.int(0, 10)))
        const endOn = plusMonths(startOn, 12)
        const ended = endOn <= today
        const at = stamp(startOn, lastChange!)
        bundle.managementPeriods.push({
          id: rng.uuid(), personId: id, communeCode: commune, startOn, endOn, measures: rng.pick(MEASURES),
          status: ended ? 'ended' : 'active', endReason: ended ? 'Hết thời hạn quản lý 1 năm' : null,
          version: ended ? 2 : 1, createdAt: at, createdBy: null, updatedAt: ended ? stamp(endOn, at) : at, updatedBy: null,
        })
        if (ended) {
          person.status = 'closed'
          change(bundle.managementPeriods[0]!.updatedAt!)
        } else person.status = 'under_management'
        if (rng.chance(0.1)) addSupport(startOn, today, 1)
        break
      }
      case 'returned': {
        // Back from compulsory rehab: registered for post-rehab management on return, no community plan.
        person.category = 'post_rehab'
        person.status = 'post_rehab'
        const returned = addDays(today, -rng.int(0, 700))
        determine(returned, [380, 800])
        register(returned)
        addPostRehab(null, returned, false)
        break
      }
      case 'no_plan': {
        const registered = addDays(today, -rng.int(0, 120))
        determine(registered, [0, 30])
        register(registered)
        break
      }
      case 'draft': {
        const registeredOn = addDays(today, -rng.int(0, 25))
        const personOn = addDays(registeredOn, -rng.int(0, 10))
        determine(personOn, [0, 20])
        register(personOn)
        addPlan({ registeredOn, startOn: null, months: months() })
        break
      }
      case 'active':
      case 'suspended': {
        const m = months()
        const startOn = addDays(today, -rng.int(0, m * 30 - 12))
        const registeredOn = addDays(startOn, -rng.int(1, 14))
        const personOn = addDays(registeredOn, -rng.int(0, 14))
        determine(personOn, [0, 30])
        register(personOn)
        addPlan({ registeredOn, startOn, months: m, openAs: scenario, overdue: scenario === 'active' && rng.chance(0.15), suspension: rng.chance(0.08) })
        person.status = 'in_rehab'
        break
      }
      case 'terminated':
      case 'transferred': {
        const m = months()
        const fromDraft = scenario === 'terminated' && rng.chance(0.25)
        const startOn = addDays(today, -rng.int(60, 700))
        const registeredOn = addDays(startOn, -rng.int(1, 14))
        const personOn = addDays(registeredOn, -rng.int(0, 14))
        determine(personOn, [0, 30])
        register(personOn)
        const latest = minDay(today, addDays(plusMonths(startOn, m), -10))
        const on = fromDraft ? minDay(today, addDays(registeredOn, rng.int(5, 40))) : randomDay(addDays(startOn, 30), latest)
        const reason =
          scenario === 'transferred' ? rng.pick(['moved_commune', 'moved_province']) : rng.weighted([['relapse', 40], ['non_compliance', 30], ['compulsory_rehab', 20], ['other', 10]] as const)
        addPlan({ registeredOn, startOn: fromDraft ? null : startOn, months: m, ending: { status: scenario, on, reason: fromDraft ? 'other' : reason }, suspension: rng.chance(0.05) })
        person.status = scenario === 'transferred' ? 'transferred' : !fromDraft && reason === 'compulsory_rehab' ? 'compulsory_rehab' : 'under_management'
        // Referred to compulsory rehab: the officer records the new status after the plan ends.
        if (person.status === 'compulsory_rehab') change(stamp(on, lastChange!))
        break
      }
      case 'completed':
      case 'relapsed': {
        const m = months()
        const earliest = scenario === 'relapsed' ? 60 : 0
        const startOn = addDays(today, -rng.int(m * 31 + 5 + earliest, Math.max(m * 31 + 5 + earliest, 720)))
        const registeredOn = addDays(startOn, -rng.int(1, 14))
        const personOn = addDays(registeredOn, -rng.int(0, 14))
        determine(personOn, [0, 30])
        register(personOn)
        const completedOn = minDay(today, addDays(plusMonths(startOn, m), rng.int(0, 5)))
        const { planId } = addPlan({ registeredOn, startOn, months: m, ending: { status: 'completed', on: completedOn }, suspension: rng.chance(0.08) })
        person.category = 'post_rehab'
        person.status = 'post_rehab'
        const relapseOn = addPostRehab(planId, completedOn, scenario === 'relapsed')
        if (relapseOn) {
          person.category = 'dependent'
          person.status = 'under_management'
          // Half of them are back on a plan (a draft, or already active) after a new registration.
          const registeredAgain = addDays(relapseOn, rng.int(7, 40))
          if (registeredAgain <= today && rng.chance(0.5)) {
            if (rng.chance(0.5)) {
              addPlan({ registeredOn: registeredAgain, startOn: null, months: months() })
            } else {
              const again = minDay(today, addDays(registeredAgain, rng.int(1, 10)))
              addPlan({ registeredOn: registeredAgain, startOn: again, months: months(), openAs: 'active' })
              person.status = 'in_rehab'
            }
          }
        }
        break
      }
    }
    person.version = version
    person.updatedAt = lastChange!
    bundle.person = person
    bundles.push(bundle)
  }
  return bundles
}

/** Counts for the command line and the audit entry. */
export function summarizeDemoData(bundles: readonly PersonBundle[]) {
  const byCategory: Record<string, number> = {}
  const byPlanStatus: Record<string, number> = {}
  let loans = 0
  let loanAmountVnd = 0
  let relapses = 0
  for (const b of bundles) {
    byCategory[b.person.category] = (byCategory[b.person.category] ?? 0) + 1
    for (const p of b.plans) byPlanStatus[p.status] = (byPlanStatus[p.status] ?? 0) + 1
    for (const s of b.support) {
      if (s.kind !== 'preferential_loan') continue
      loans += 1
      loanAmountVnd += s.amountVnd ?? 0
    }
    for (const r of b.postRehab) if (r.status === 'relapsed') relapses += 1
  }
  const total = (key: keyof Omit<PersonBundle, 'person'>) => bundles.reduce((n, b) => n + b[key].length, 0)
  return {
    persons: bundles.length,
    byCategory,
    plans: total('plans'),
    byPlanStatus,
    transitions: total('transitions'),
    reviews: total('reviews'),
    postRehab: total('postRehab'),
    relapses,
    followUps: total('followUps'),
    support: total('support'),
    loans,
    loanAmountVnd,
    managementPeriods: total('managementPeriods'),
  }
}
export type DemoDataSummary = ReturnType<typeof summarizeDemoData>
