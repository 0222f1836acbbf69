import * as v from 'valibot'
import { personProblems } from '../../kernel/domain/person-rules.ts'
import { CreatePersonBody, type CreatePersonInput } from '../schemas/persons.ts'
import type { AddressMatch, AddressMatcher } from './address-matcher.ts'
import type { ImportRejectionReason } from '../../kernel/contract/imports.ts'
import { splitAddress } from './address-matcher.ts'
import { cellText, parseCategory, parseCitizenId, parseDate, parseSex, type CellValue, type ColumnMatch, type ImportField } from './columns.ts'

/**
 * Every data row of a legacy list checked exactly as a registration through the API would be (the same valibot
 * schema and person rules), with its address mapped to today's commune. Pure: the caller supplies the matcher,
 * the scope and today's date, and checks the database (citizen IDs already registered) afterwards.
 */
export { importRejectionReasons as rejectionReasons } from '../../kernel/contract/imports.ts'
export type RejectionReason = ImportRejectionReason

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
  notes: 'notes',
}

export function analyseRows(input: AnalyseRowsInput): AnalysedRows {
  const { columns } = input.columns
  const headerOf = (field: ImportField): string | null => input.columns.headers[field] ?? null
  const addressColumn = () => headerOf('commune') ?? headerOf('address') ?? headerOf('communeCode')
  const accepted: AcceptedRow[] = []
  const rejected: RejectedRow[] = []
  const citizenIdRows = new Map<string, number[]>()

  for (const row of input.rows) {
    const cell = (field: ImportField): CellValue => {
      const index = columns[field]
      return index === undefined ? null : (row.cells[index] ?? null)
    }
    const problems: RowProblem[] = []
    const problem = (field: ImportField | null, reason: RejectionReason, message: string, column = field ? headerOf(field) : null) =>
      problems.push({ column, field, reason, message })

    // Values the file gives, converted from how lists write them; what cannot be converted is reported here.
    const required = (field: ImportField) => {
      const text = cellText(cell(field))
      if (text === null) problem(field, 'missing_value', 'is required')
      return text
    }
    const date = (field: ImportField, isRequired: boolean): string | undefined => {
      const raw = cell(field)
      if (cellText(raw) === null) {
        if (isRequired) problem(field, 'missing_value', 'is required')
        return undefined
      }
      const parsed = parseDate(raw)
      if (parsed === null) problem(field, 'invalid_value', 'must be a date dd/mm/yyyy')
      return parsed ?? undefined
    }
    const fullName = required('fullName')
    const birthDate = date('birthDate', true)
    const sexText = required('sex')
    const sex = sexText === null ? undefined : (parseSex(sexText) ?? undefined)
    if (sexText !== null && sex === undefined) problem('sex', 'invalid_value', 'must be Nam or Nữ')
    const citizenIdRaw = cell('citizenId')
    const citizenId = parseCitizenId(citizenIdRaw)
    if (citizenId === null) problem('citizenId', 'missing_value', 'is required')
    const categoryText = required('category')
    const category = categoryText === null ? undefined : (parseCategory(categoryText) ?? undefined)
    if (categoryText !== null && category === undefined) problem('category', 'invalid_value', 'must be Sử dụng trái phép, Nghiện or Sau cai nghiện')
    const addictionDeterminedOn = date('addictionDeterminedOn', false)

    // The address: a commune code, or a commune (current or old) with its old district and province, or one
    // free-text address cell.
    let communeCode: string | undefined
    let communeVia: AcceptedRow['communeVia'] = 'current'
    let detailFromAddress: string | null = null
    const code = cellText(cell('communeCode'))
    if (code !== null) {
      if (input.communeNames.has(code)) {
        communeCode = code
        communeVia = 'code'
      } else problem('communeCode', 'invalid_value', 'is not a commune code of this province')
    } else {
      let query: { commune: string | null; district: string | null; province: string | null } = {
        commune: cellText(cell('commune')),
        district: cellText(cell('district')),
        province: cellText(cell('province')),
      }
      if (query.commune === null && columns.address !== undefined) {
        const address = cellText(cell('address'))
        if (address !== null) {
          const parts = splitAddress(address)
          query = { commune: parts.commune, district: parts.district ?? query.district, province: parts.province ?? query.province }
          detailFromAddress = parts.detail
        }
      }
      if (query.commune === null) problem(null, 'missing_value', 'the commune (xã/phường) is required', addressColumn())
      else {
        const match: AddressMatch = input.matcher.match({ commune: query.commune, district: query.district, province: query.province })
        const chosen = input.resolutions.get(row.rowNumber)
        if (match.kind === 'matched') {
          communeCode = match.code
          communeVia = match.via
        } else if (match.kind === 'ambiguous') {
          if (chosen !== undefined && match.candidates.some((c) => c.code === chosen)) {
            communeCode = chosen
            communeVia = 'chosen'
          } else {
            problems.push({
              column: addressColumn(),
              field: 'commune',
              reason: 'ambiguous_address',
              message: `this old commune now belongs to ${match.candidates.length} communes: choose one`,
              candidates: match.candidates,
            })
          }
        } else if (match.kind === 'other_province') problem('province', 'other_province', 'is not this province (nor one merged into it)', headerOf('province') ?? addressColumn())
        else problem('commune', 'unknown_address', 'matches no commune of this province, current or before July 2025', addressColumn())
      }
    }
    if (communeCode !== undefined && input.scope !== null && !input.scope.has(communeCode)) {
      problem('commune', 'out_of_scope', `${input.communeNames.get(communeCode) ?? communeCode} is not one of your communes`, addressColumn())
      communeCode = undefined
    }

    if (citizenId !== null && /^\d{12}$/.test(citizenId)) citizenIdRows.set(citizenId, [...(citizenIdRows.get(citizenId) ?? []), row.rowNumber])

    // The API's own schema and rules, for everything the conversions above did not already reject.
    const candidate = {
      fullName: fullName ?? undefined,
      birthDate,
      sex,
      citizenId: citizenId ?? undefined,
      communeCode,
      category,
      addressDetail: cellText(cell('addressDetail')) ?? detailFromAddress,
      phone: phoneText(cell('phone')),
      addictionDeterminedOn: addictionDeterminedOn ?? null,
      addictionDeterminedBy: cellText(cell('addictionDeterminedBy')),
      notes: cellText(cell('notes')),
    }
    const reported = new Set(problems.map((p) => p.field))
    const parsed = v.safeParse(CreatePersonBody, candidate)
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const key = issue.path?.[0]?.key
        const field = typeof key === 'string' ? FIELD_OF[key] : undefined
        if (!field || reported.has(field) || candidate[key as keyof typeof candidate] === undefined) continue
        reported.add(field)
        problem(field, 'invalid_value', issue.message)
      }
    } else if (problems.length === 0) {
      for (const p of personProblems(parsed.output, input.today)) {
        const field = FIELD_OF[p.field.replace(/^json\./, '')] ?? null
        problem(field, field && cellText(cell(field)) === null ? 'missing_value' : 'invalid_value', p.message)
      }
    }

    if (problems.length > 0 || !parsed.success) rejected.push({ rowNumber: row.rowNumber, problems })
    else accepted.push({ rowNumber: row.rowNumber, person: parsed.output, communeVia })
  }

  // The same citizen ID on several rows: which one is right is for a person to decide, so none is imported.
  const repeated = new Map<number, number[]>()
  for (const rows of citizenIdRows.values()) if (rows.length > 1) for (const n of rows) repeated.set(n, rows)
  if (repeated.size === 0) return { accepted, rejected }
  const duplicateProblem = (rowNumber: number): RowProblem => ({
    column: headerOf('citizenId'),
    field: 'citizenId',
    reason: 'duplicate_in_file',
    message: `the same citizen ID is on rows ${repeated.get(rowNumber)!.join(', ')}`,
  })
  const stillAccepted: AcceptedRow[] = []
  for (const row of accepted) {
    if (repeated.has(row.rowNumber)) rejected.push({ rowNumber: row.rowNumber, problems: [duplicateProblem(row.rowNumber)] })
    else stillAccepted.push(row)
  }
  for (const row of rejected) if (repeated.has(row.rowNumber) && !row.problems.some((p) => p.reason === 'duplicate_in_file')) row.problems.push(duplicateProblem(row.rowNumber))
  rejected.sort((a, b) => a.rowNumber - b.rowNumber)
  return { accepted: stillAccepted, rejected }
}

/** Phone numbers typed into Excel as numbers lost their leading 0 (0912… became 912…). */
function phoneText(value: CellValue): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    const digits = String(value)
    return digits.length === 9 || digits.length === 10 ? `0${digits}` : digits
  }
  const text = cellText(value)
  return text === null ? null : text.replace(/[\s.-]/g, '')
}

