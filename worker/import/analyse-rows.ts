import * as v from 'valibot'
import { personProblems } from '../../kernel/domain/person-rules.ts'
import { CreatePersonBody, type CreatePersonInput } from '../schemas/persons.ts'
import type { AddressMatcher } from './address-matcher.ts'
import { cellText, type CellValue, type ColumnMatch, type ImportField } from './columns.ts'
import { findCommune } from './row-commune.ts'
import { phoneText, readValues, RowReader, type Row } from './row-reader.ts'

/**
 * Every data row of a legacy list checked exactly as a registration through the API would be (the same valibot
 * schema and person rules), with its address mapped to today's commune. Pure: the caller supplies the matcher,
 * the scope and today's date, and checks the database (citizen IDs already registered) afterwards.
 *
 * Each row in three steps: its values converted from how lists write them (readValues, row-reader.ts), its
 * commune found (findCommune, row-commune.ts), then the API's schema and rules (checkAsTheApi); across rows,
 * a citizen ID on several rows rejects them all (withoutRepeatedCitizenIds).
 */
export { importRejectionReasons as rejectionReasons } from '../../kernel/contract/imports.ts'
export type RejectionReason = import('../../kernel/contract/imports.ts').ImportRejectionReason

export interface RowProblem {
  /** The column as headed in the file (null when the row as a whole is meant). */
  column: string | null
  field: ImportField | null
  reason: RejectionReason
  message: string
  /** For an ambiguous address: today's communes the old one was split into, for a person to choose. */
  candidates?: { code: string; name: string }[]
}

export interface AcceptedRow {
  rowNumber: number
  person: CreatePersonInput
  /** How the commune was found: its code, today's name, the old→new mapping, or a person's choice. */
  communeVia: 'code' | 'current' | 'old' | 'chosen'
}

export interface RejectedRow {
  rowNumber: number
  problems: RowProblem[]
}

export interface AnalyseRowsInput {
  rows: readonly { rowNumber: number; cells: readonly CellValue[] }[]
  columns: ColumnMatch
  matcher: AddressMatcher
  /** Today's communes of the province, code → name. */
  communeNames: ReadonlyMap<string, string>
  /** Null: the whole province; otherwise the communes the caller may write to. */
  scope: ReadonlySet<string> | null
  /** YYYY-MM-DD in Vietnam. */
  today: string
  /** Row number → commune code a person chose among an ambiguous row's candidates. */
  resolutions: ReadonlyMap<number, string>
}

export interface AnalysedRows {
  accepted: AcceptedRow[]
  rejected: RejectedRow[]
}

/** API field names (valibot issue paths, person-rule fields) → import columns. */
const FIELD_OF: Record<string, ImportField> = {
  fullName: 'fullName',
  birthDate: 'birthDate',
  sex: 'sex',
  citizenId: 'citizenId',
  communeCode: 'commune',
  category: 'category',
  addressDetail: 'addressDetail',
  phone: 'phone',
  addictionDeterminedOn: 'addictionDeterminedOn',
  addictionDeterminedBy: 'addictionDeterminedBy',
  registeredOn: 'registeredOn',
  notes: 'notes',
}

export function analyseRows(input: AnalyseRowsInput): AnalysedRows {
  const accepted: AcceptedRow[] = []
  const rejected: RejectedRow[] = []
  const citizenIdRows = new Map<string, number[]>()
  for (const row of input.rows) {
    const { outcome, citizenId } = analyseRow(row, input)
    if (citizenId !== null) citizenIdRows.set(citizenId, [...(citizenIdRows.get(citizenId) ?? []), row.rowNumber])
    if ('person' in outcome) accepted.push(outcome)
    else rejected.push(outcome)
  }
  return withoutRepeatedCitizenIds({ accepted, rejected }, citizenIdRows, input.columns.headers.citizenId ?? null)
}

/** One row: its values converted, its address mapped to today's commune, then the API's own schema and rules. */
function analyseRow(row: Row, input: AnalyseRowsInput): { outcome: AcceptedRow | RejectedRow; citizenId: string | null } {
  const reader = new RowReader(row, input.columns)
  const values = readValues(reader)
  const address = findCommune(reader, input, row.rowNumber)
  const candidate = {
    ...values,
    communeCode: address.communeCode,
    addressDetail: cellText(reader.cell('addressDetail')) ?? address.detail,
    phone: phoneText(reader.cell('phone')),
    addictionDeterminedBy: cellText(reader.cell('addictionDeterminedBy')),
    notes: cellText(reader.cell('notes')),
  }
  const person = checkAsTheApi(reader, candidate, input.today)
  const citizenId = values.citizenId !== undefined && /^\d{12}$/.test(values.citizenId) ? values.citizenId : null
  const outcome =
    person && reader.problems.length === 0
      ? { rowNumber: row.rowNumber, person, communeVia: address.via }
      : { rowNumber: row.rowNumber, problems: reader.problems }
  return { outcome, citizenId }
}

/**
 * The API's own schema and rules (POST /persons), for everything the conversions above did not already reject.
 * The person as the API would store it, or null (the problems are in the reader).
 */
function checkAsTheApi(reader: RowReader, candidate: Record<string, unknown>, today: string): CreatePersonInput | null {
  const reported = new Set(reader.problems.map((p) => p.field))
  const parsed = v.safeParse(CreatePersonBody, candidate)
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const key = issue.path?.[0]?.key
      const field = typeof key === 'string' ? FIELD_OF[key] : undefined
      if (!field || reported.has(field) || candidate[key as string] === undefined) continue
      reported.add(field)
      reader.problem(field, 'invalid_value', issue.message)
    }
    return null
  }
  if (reader.problems.length === 0) {
    for (const p of personProblems(parsed.output, today)) {
      const field = FIELD_OF[p.field.replace(/^json\./, '')] ?? null
      reader.problem(field, field && cellText(reader.cell(field)) === null ? 'missing_value' : 'invalid_value', p.message)
    }
  }
  return parsed.output
}

/** The same citizen ID on several rows: which one is right is for a person to decide, so none is imported. */
function withoutRepeatedCitizenIds(rows: AnalysedRows, citizenIdRows: ReadonlyMap<string, number[]>, column: string | null): AnalysedRows {
  const repeated = new Map<number, number[]>()
  for (const numbers of citizenIdRows.values()) if (numbers.length > 1) for (const n of numbers) repeated.set(n, numbers)
  if (repeated.size === 0) return rows
  const duplicateProblem = (rowNumber: number): RowProblem => ({
    column,
    field: 'citizenId',
    reason: 'duplicate_in_file',
    // Each row names the others, so the officer finds the pair from either one.
    message: `the same citizen ID is also on row ${repeated
      .get(rowNumber)!
      .filter((n) => n !== rowNumber)
      .join(', ')}`,
  })
  const accepted: AcceptedRow[] = []
  const rejected = rows.rejected
  for (const row of rows.accepted) {
    if (repeated.has(row.rowNumber)) rejected.push({ rowNumber: row.rowNumber, problems: [duplicateProblem(row.rowNumber)] })
    else accepted.push(row)
  }
  for (const row of rejected)
    if (repeated.has(row.rowNumber) && !row.problems.some((p) => p.reason === 'duplicate_in_file')) row.problems.push(duplicateProblem(row.rowNumber))
  rejected.sort((a, b) => a.rowNumber - b.rowNumber)
  return { accepted, rejected }
}
