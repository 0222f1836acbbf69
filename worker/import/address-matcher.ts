/**
 * Reads the addresses of provinces' pre-system lists, written before the July 2025 merger
 * ("Phường Đức Giang, Quận Long Biên, Thành phố Hà Nội") or after it ("Phường Việt Hưng, Hà Nội"),
 * and finds today's commune of one province. Pure and runtime-neutral (Workers, Node, browser).
 *
 * Names are compared by key, strictest first: tone placement folded ("Hoà" = "Hòa"), then every
 * diacritic removed ("Van" = "Văn" = "Vân"); and with the kind ("Phường", "Xã"…) before without it.
 * The first step that finds anything decides; several new communes are returned as candidates for a
 * person to choose, never picked silently.
 */
import { foldDiacritics, foldTonePlacement } from '../../kernel/text-fold.ts'

export interface MatcherCommune {
  code: string
  name: string
}
export interface MatcherMapping {
  oldName: string
  oldDistrictName: string | null
  oldProvinceName: string | null
  newCode: string
  newName: string
}
export interface AddressQuery {
  commune: string
  district?: string | null
  province?: string | null
}
export type AddressMatch =
  | { kind: 'matched'; code: string; name: string; via: 'current' | 'old' }
  | { kind: 'ambiguous'; candidates: { code: string; name: string }[] }
  | { kind: 'unknown' }
  | { kind: 'other_province' }
export interface AddressMatcher {
  match(query: AddressQuery): AddressMatch
}

type Level = 'commune' | 'district' | 'province'
type Kind = 'phuong' | 'xa' | 'thi_tran' | 'dac_khu' | 'quan' | 'huyen' | 'thi_xa' | 'thanh_pho' | 'tinh'

const KIND_LEVELS: Readonly<Record<Kind, readonly Level[]>> = {
  phuong: ['commune'],
  xa: ['commune'],
  thi_tran: ['commune'],
  dac_khu: ['commune'],
  quan: ['district'],
  huyen: ['district'],
  thi_xa: ['district'],
  thanh_pho: ['district', 'province'],
  tinh: ['province'],
}
const FULL_PREFIXES: Readonly<Record<string, Kind>> = {
  'thị trấn': 'thi_tran',
  'thị xã': 'thi_xa',
  'thành phố': 'thanh_pho',
  'đặc khu': 'dac_khu',
  phường: 'phuong',
  xã: 'xa',
  quận: 'quan',
  huyện: 'huyen',
  tỉnh: 'tinh',
}
const ASCII_PREFIXES: Readonly<Record<string, Kind>> = {
  'thi tran': 'thi_tran',
  'thi xa': 'thi_xa',
  'thanh pho': 'thanh_pho',
  'dac khu': 'dac_khu',
  phuong: 'phuong',
  xa: 'xa',
  quan: 'quan',
  huyen: 'huyen',
  tinh: 'tinh',
}
const ABBREVIATIONS: Readonly<Record<string, Kind>> = { tt: 'thi_tran', tx: 'thi_xa', tp: 'thanh_pho', p: 'phuong', x: 'xa', q: 'quan', h: 'huyen', t: 'tinh' }

const FULL_PREFIX = /^(thị trấn|thị xã|thành phố|đặc khu|phường|xã|quận|huyện|tỉnh)(?:[\s.]+|(?=\d))(.+)$/u
const ASCII_PREFIX = /^(thi tran|thi xa|thanh pho|dac khu|phuong|xa|quan|huyen|tinh)(?:[\s.]+|(?=\d))(.+)$/u
// "T.P", "TP", "Tp." alike; "P12", "Q10": only numbered wards and districts glue to the abbreviation.
const ABBREVIATION = /^(?:(t\.?\s?[ptx]|p|x|q|h|t)(?:\s*\.\s*|\s+)|(p|q)(?=\d))(.+)$/u

/**
 * Provinces renamed before the data's "old" names were taken (the mapping calls Huế's old province
 * "Thành phố Huế", but lists older than 2025 say "Tỉnh Thừa Thiên Huế"). Keyed by the current name.
 */
const EARLIER_PROVINCE_NAMES: Readonly<Record<string, readonly string[]>> = { hue: ['Thừa Thiên Huế'] }

/** NFC, lower case, one space, no zero-width characters, no punctuation at either end. */
function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.,;:\-–—]+|[\s.,;:\-–—]+$/gu, '')
}

/** Typed without a single diacritic (apostrophes aside, as in "Ea H’Leo"). */
const isUnaccented = (text: string): boolean => !/[^\x00-\x7f’‘]/u.test(text)

/** The kind prefix of a cleaned text, if any: full word, unaccented word (only in unaccented text), or abbreviation. */
function readPrefix(cleaned: string): { kind: Kind; rest: string } | null {
  const full = FULL_PREFIX.exec(cleaned) ?? (isUnaccented(cleaned) ? ASCII_PREFIX.exec(cleaned) : null)
  if (full?.[1] !== undefined && full[2] !== undefined) {
    const kind = FULL_PREFIXES[full[1]] ?? ASCII_PREFIXES[full[1]]
    return kind === undefined ? null : { kind, rest: full[2] }
  }
  const abbreviated = ABBREVIATION.exec(cleaned)
  const kind = ABBREVIATIONS[(abbreviated?.[1] ?? abbreviated?.[2] ?? '').replace(/[.\s]/gu, '')]
  return kind === undefined || abbreviated?.[3] === undefined ? null : { kind, rest: abbreviated[3] }
}

/** The bare name as compared: apostrophes dropped ("H'Leo" = "HLeo"), punctuation as space, "012" = "12". */
function bareName(text: string): string {
  return text
    .replace(/['’‘`]/gu, '')
    .replace(/[.,;:()/\\\-–—_]/gu, ' ')
    .replace(/(^|\s)0+(?=\d)/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** A way to read a name; `strict` is null when the text was typed without diacritics. */
interface Probe {
  kind: Kind | null
  strict: string | null
  loose: string
}

function probe(kind: Kind | null, text: string, hasTones: boolean): Probe | null {
  const bare = bareName(text)
  return bare === '' ? null : { kind, strict: hasTones ? foldTonePlacement(bare) : null, loose: foldDiacritics(bare) }
}

/**
 * How a name may be read: with its prefix stripped, and also whole, because some names start with a
 * prefix word ("Phường Phường Đúc", an unaccented "Xa Dung"). A query typed without any diacritic says
 * nothing about tones, so it is compared loosely only: "Xa An Thanh" may be An Thành as well as An Thanh.
 */
function probesFor(text: string | null | undefined, level: Level, source: 'query' | 'data' = 'query'): Probe[] {
  const cleaned = cleanText(text ?? '')
  const hasTones = source === 'data' || !isUnaccented(cleaned)
  const prefix = readPrefix(cleaned)
  const whole = probe(null, cleaned, hasTones)
  const stripped = prefix !== null && KIND_LEVELS[prefix.kind].includes(level) ? probe(prefix.kind, prefix.rest, hasTones) : null
  return [stripped, whole].filter((p): p is Probe => p !== null)
}

interface Rung {
  loose: boolean
  kinded: boolean
}
const RUNGS: readonly Rung[] = [
  { loose: false, kinded: true },
  { loose: false, kinded: false },
  { loose: true, kinded: true },
  { loose: true, kinded: false },
]

function keyOf(p: Probe, rung: Rung): string | null {
  if ((rung.kinded && p.kind === null) || (!rung.loose && p.strict === null)) return null
  // Strict and loose keys live apart: "Thanh" (strict) must not meet "Thành" made loose.
  return `${rung.kinded ? p.kind : '*'}:${rung.loose ? `l:${p.loose}` : `s:${p.strict}`}`
}

/** Index keys of a name from the data, on every rung (the data always writes the prefix). */
function indexKeys(name: string, level: Level): string[] {
  const [p] = probesFor(name, level, 'data')
  return p === undefined ? [] : RUNGS.flatMap((rung) => keyOf(p, rung) ?? [])
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}

/** Values found on the first rung that finds any, over every probe. */
function firstRung<T>(probes: readonly Probe[], lookUp: (key: string) => readonly T[] | undefined): T[] {
  for (const rung of RUNGS) {
    const found = new Set<T>()
    for (const p of probes) {
      const key = keyOf(p, rung)
      for (const value of key === null ? [] : (lookUp(key) ?? [])) found.add(value)
    }
    if (found.size > 0) return [...found]
  }
  return []
}

/** Keys a province text may take: name, unaccented, run together ("hochiminh") and initials of long names ("hcm"). */
function provinceKeys(p: Probe): string[] {
  const compact = p.loose.replace(/ /gu, '')
  const words = p.loose.split(' ')
  // Two-word initials collide (Hà Nội and Hà Nam are both "HN"), so only 3+ words: "HCM", "BRVT".
  const initials = words.length >= 3 ? [`c:${words.map((w) => w[0]).join('')}`] : []
  return [`s:${p.strict ?? ''}`, `l:${p.loose}`, `c:${compact}`, ...initials]
}

function provinceQueryKeys(p: Probe): string[] {
  const compact = p.loose.replace(/ /gu, '')
  const strict = p.strict === null ? [] : [`s:${p.strict}`]
  return [...strict, `l:${p.loose}`, `c:${compact}`, ...(compact.startsWith('tp') ? [`c:${compact.slice(2)}`] : [])]
}

interface Target {
  code: string
  name: string
}
interface OldRow {
  provinceId: string
  target: Target
}

const collator = new Intl.Collator('vi')

function toMatch(targets: readonly Target[], via: 'current' | 'old'): AddressMatch {
  const byCode = new Map(targets.map((t) => [t.code, t]))
  const [only, ...others] = byCode.values()
  if (only !== undefined && others.length === 0) return { kind: 'matched', code: only.code, name: only.name, via }
  const candidates = [...byCode.values()].map((t) => ({ code: t.code, name: t.name }))
  return { kind: 'ambiguous', candidates: candidates.sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1)) }
}

/** Keeps the rows of the provinces the address names, when it names one and that leaves any. */
function preferProvinces<T extends { provinceId: string }>(rows: T[], provinceIds: ReadonlySet<string> | null): T[] {
  if (provinceIds === null) return rows
  const kept = rows.filter((row) => provinceIds.has(row.provinceId))
  return kept.length > 0 ? kept : rows
}

interface DistrictRef {
  provinceId: string
  id: string
}
interface Indexes {
  provinces: Map<string, string[]>
  current: Map<string, Target[]>
  oldByName: Map<string, OldRow[]>
  districts: Map<string, DistrictRef[]>
  oldByDistrict: Map<string, OldRow[]>
}

export interface AddressMatcherInput {
  provinceName: string
  communes: readonly MatcherCommune[]
  mappings: readonly MatcherMapping[]
}

const provinceIdOf = (name: string): string => probesFor(name, 'province', 'data')[0]?.strict ?? ''

/** This province's names, and those of the provinces merged into it, each with the id old rows carry. */
function provinceNames(input: AddressMatcherInput): Map<string, string> {
  const current = probesFor(input.provinceName, 'province', 'data')[0]
  const earlier = EARLIER_PROVINCE_NAMES[current?.loose ?? ''] ?? []
  const names = new Map([input.provinceName, ...earlier].map((name) => [name, current?.strict ?? '']))
  for (const { oldProvinceName } of input.mappings) {
    if (oldProvinceName !== null && !names.has(oldProvinceName)) names.set(oldProvinceName, provinceIdOf(oldProvinceName))
  }
  return names
}

function indexMappings(ix: Indexes, mappings: readonly MatcherMapping[], provinceIdOfRow: (name: string | null) => string): void {
  const targets = new Map<string, Target>()
  const districts = new Map<string, DistrictRef>()
  for (const mapping of mappings) {
    const target = targets.get(mapping.newCode) ?? { code: mapping.newCode, name: mapping.newName }
    targets.set(mapping.newCode, target)
    const row: OldRow = { provinceId: provinceIdOfRow(mapping.oldProvinceName), target }
    const communeKeys = indexKeys(mapping.oldName, 'commune')
    for (const key of communeKeys) addTo(ix.oldByName, key, row)
    if (mapping.oldDistrictName === null) continue
    const id = `${row.provinceId}|${mapping.oldDistrictName}`
    let district = districts.get(id)
    if (district === undefined) {
      district = { provinceId: row.provinceId, id }
      districts.set(id, district)
      for (const key of indexKeys(mapping.oldDistrictName, 'district')) addTo(ix.districts, key, district)
    }
    for (const key of communeKeys) addTo(ix.oldByDistrict, `${id}#${key}`, row)
  }
}

function buildIndexes(input: AddressMatcherInput): Indexes {
  const ix: Indexes = { provinces: new Map(), current: new Map(), oldByName: new Map(), districts: new Map(), oldByDistrict: new Map() }
  const names = provinceNames(input)
  for (const [name, id] of names) {
    for (const p of probesFor(name, 'province', 'data')) for (const key of provinceKeys(p)) addTo(ix.provinces, key, id)
  }
  for (const commune of input.communes) {
    const target = { code: commune.code, name: commune.name }
    for (const key of indexKeys(commune.name, 'commune')) addTo(ix.current, key, target)
  }
  const currentId = names.get(input.provinceName) ?? ''
  indexMappings(ix, input.mappings, (name) => (name === null ? currentId : (names.get(name) ?? currentId)))
  return ix
}

/**
 * Remembers the last few thousand answers: a list repeats the same commune, district and province
 * texts thousands of times, and folding a name costs microseconds. Cleared when full, so memory stays bounded.
 */
function memoize<T>(compute: (text: string) => T, limit = 4096): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    const hit = cache.get(text)
    if (hit !== undefined) return hit
    if (cache.size >= limit) cache.clear()
    const value = compute(text)
    cache.set(text, value)
    return value
  }
}

/** Current communes before old ones on each rung: today's addresses have no district. */
function matchByName(ix: Indexes, probes: readonly Probe[], provinceIds: ReadonlySet<string> | null): AddressMatch | null {
  for (const rung of RUNGS) {
    const keys = probes.flatMap((p) => keyOf(p, rung) ?? [])
    const current = keys.flatMap((key) => ix.current.get(key) ?? [])
    if (current.length > 0) return toMatch(current, 'current')
    const old = preferProvinces(
      keys.flatMap((key) => ix.oldByName.get(key) ?? []),
      provinceIds,
    )
    if (old.length > 0)
      return toMatch(
        old.map((row) => row.target),
        'old',
      )
  }
  return null
}

export function createAddressMatcher(input: AddressMatcherInput): AddressMatcher {
  const ix = buildIndexes(input)
  const communeProbes = memoize((text) => probesFor(text, 'commune'))

  /** The old provinces the text names; 'foreign' when it is neither this province nor one merged into it. */
  const resolveProvince = memoize((text): ReadonlySet<string> | 'foreign' => {
    const ids = new Set(
      probesFor(text, 'province')
        .flatMap(provinceQueryKeys)
        .flatMap((key) => ix.provinces.get(key) ?? []),
    )
    return ids.size > 0 ? ids : 'foreign'
  })
  const districtsOf = memoize((text) => firstRung(probesFor(text, 'district'), (key) => ix.districts.get(key)))
  const resolveDistricts = (text: string, provinceIds: ReadonlySet<string> | null): string[] => preferProvinces(districtsOf(text), provinceIds).map((d) => d.id)

  return {
    match(query) {
      const probes = communeProbes(query.commune)
      let district = nonBlank(query.district)
      const provinceText = nonBlank(query.province)
      let provinceIds = provinceText === null ? null : resolveProvince(provinceText)
      if (provinceIds === 'foreign') {
        // "Phường 1, TP. Cao Lãnh": with the province left out, the last part is the old district.
        if (district !== null || provinceText === null || resolveDistricts(provinceText, null).length === 0) return { kind: 'other_province' }
        district = provinceText
        provinceIds = null
      }
      if (probes.length === 0) return { kind: 'unknown' }
      if (district !== null) {
        const districtIds = resolveDistricts(district, provinceIds)
        const rows = firstRung(probes, (key) => districtIds.flatMap((id) => ix.oldByDistrict.get(`${id}#${key}`) ?? []))
        if (rows.length > 0)
          return toMatch(
            rows.map((row) => row.target),
            'old',
          )
      }
      return matchByName(ix, probes, provinceIds) ?? { kind: 'unknown' }
    },
  }
}

/** The text, unless it is missing or holds no letter or digit ("", " ", "-", "."). */
function nonBlank(text: string | null | undefined): string | null {
  return text === null || text === undefined || !/[\p{L}\p{N}]/u.test(text) ? null : text
}

// ---------------------------------------------------------------------------------------------
// Splitting one free-text address cell.

type PartLevel = 'commune' | 'district' | 'city' | 'province'
interface Piece {
  text: string
  segment: number
  level: PartLevel | null
}

function levelOf(text: string): PartLevel | null {
  const prefix = readPrefix(cleanText(text))
  if (prefix === null) return null
  if (prefix.kind === 'thanh_pho') return 'city'
  return prefix.kind === 'tinh' ? 'province' : (KIND_LEVELS[prefix.kind][0] ?? null)
}

const INNER_PREFIX = /^(?:phường|xã|quận|huyện|tỉnh)$/u
const INNER_TWO_WORD_PREFIX = /^(?:thị trấn|thị xã|thành phố|đặc khu)$/u

/**
 * Splits a comma-separated part before each full (accented) prefix word: "Thôn 2 xã Tân Hội huyện
 * Đan Phượng". Not before abbreviations ("P.305" is often a room) nor a prefix word that ends the
 * part or follows another ("Xã Tứ Xã", "Phường Phường Đúc" are names).
 */
function splitInside(part: string): string[] {
  const words = part.split(' ')
  const pieces: { words: string[]; prefixWidth: number }[] = []
  for (let i = 0; i < words.length; ) {
    const two = `${words[i] ?? ''} ${words[i + 1] ?? ''}`.toLowerCase()
    const width = INNER_TWO_WORD_PREFIX.test(two) ? 2 : INNER_PREFIX.test((words[i] ?? '').toLowerCase()) ? 1 : 0
    const taken = words.slice(i, i + Math.max(width, 1))
    const current = pieces[pieces.length - 1]
    const startsPiece = current === undefined || (width > 0 && current.words.length > current.prefixWidth && i + width < words.length)
    if (startsPiece) pieces.push({ words: taken, prefixWidth: width })
    else current.words.push(...taken)
    i += taken.length
  }
  return pieces.map((piece) => piece.words.join(' '))
}

const COUNTRY = /^(?:việt nam|viet nam|vietnam|vn)$/u

function toPieces(text: string): Piece[] {
  const parts = text
    .normalize('NFC')
    .replace(/[\u200b-\u200d\ufeff]/gu, '')
    .split(/[,;\n]/u)
    .map((part) => part.replace(/\s+/gu, ' ').replace(/^[\s.\-–—]+|[\s.\-–—]+$/gu, ''))
    .filter((part) => part !== '')
  if (parts.length > 1 && COUNTRY.test(cleanText(parts[parts.length - 1] ?? ''))) parts.pop()
  return parts.flatMap((part, segment) => splitInside(part).map((piece) => ({ text: piece, segment, level: levelOf(piece) })))
}

/** Pieces of one comma-separated part join back with a space, parts with a comma, as written. */
function joinDetail(pieces: readonly Piece[]): string | null {
  if (pieces.length === 0) return null
  return pieces.map((piece, i) => (i === 0 ? '' : pieces[i - 1]?.segment === piece.segment ? ' ' : ', ') + piece.text).join('')
}

/** One free-text address cell → its parts, recognised from the right by their kind prefixes; the rest is the detail (house number, street, hamlet). */
export function splitAddress(text: string): { detail: string | null; commune: string | null; district: string | null; province: string | null } {
  const pieces = toPieces(text)
  const last = pieces.length - 1
  const communeAt = pieces.findLastIndex((p) => p.level === 'commune')
  if (communeAt >= 0) {
    // After a commune come only its district and province, prefixed or not.
    const [first, ...rest] = pieces.slice(communeAt + 1)
    const isProvince = first !== undefined && (first.level === 'province' || (rest.length === 0 && first.level !== 'district'))
    const district = first === undefined || isProvince ? null : first.text
    const province = isProvince ? first.text : (rest[rest.length - 1]?.text ?? null)
    return { detail: joinDetail(pieces.slice(0, communeAt)), commune: pieces[communeAt]?.text ?? null, district, province }
  }
  const districtAt = pieces.findLastIndex((p, i) => p.level === 'district' || (p.level === 'city' && i < last))
  if (districtAt >= 0) {
    const province = districtAt < last ? (pieces[last]?.text ?? null) : null
    return { detail: joinDetail(pieces.slice(0, districtAt)), commune: null, district: pieces[districtAt]?.text ?? null, province }
  }
  const lastPiece = pieces[last]
  if (lastPiece !== undefined && (lastPiece.level === 'province' || lastPiece.level === 'city')) {
    return { detail: joinDetail(pieces.slice(0, last)), commune: null, district: null, province: lastPiece.text }
  }
  return { detail: joinDetail(pieces), commune: null, district: null, province: null }
}
