// One row of a legacy list as analyse-rows.ts reads it: its cells by field, its problems, its converted values.
import type { RejectionReason, RowProblem, AnalyseRowsInput } from './analyse-rows.ts'
import { normalizePhone } from '../../kernel/domain/phone.ts'
import { cellText, parseCategory, parseCitizenId, parseDate, parseSex, type CellValue, type ColumnMatch, type ImportField } from './columns.ts'

export type Row = AnalyseRowsInput['rows'][number]

/** One row's cells by field, and the problems found in it so far (each under its column as headed in the file). */
export class RowReader {
  readonly problems: RowProblem[] = []
  private readonly row: Row
  private readonly columns: ColumnMatch
  constructor(row: Row, columns: ColumnMatch) {
    this.row = row
    this.columns = columns
  }

  cell(field: ImportField): CellValue {
    const index = this.columns.columns[field]
    return index === undefined ? null : (this.row.cells[index] ?? null)
  }

  headerOf(field: ImportField): string | null {
    return this.columns.headers[field] ?? null
  }

  /** Where an address problem is shown: the commune column, else the address or commune-code column. */
  addressColumn(): string | null {
    return this.headerOf('commune') ?? this.headerOf('address') ?? this.headerOf('communeCode')
  }

  problem(field: ImportField | null, reason: RejectionReason, message: string, column = field ? this.headerOf(field) : null): void {
    this.problems.push({ column, field, reason, message })
  }
}

/** Values the file gives, converted from how lists write them; what cannot be converted is reported here. */
export function readValues(reader: RowReader) {
  const required = (field: ImportField) => {
    const text = cellText(reader.cell(field))
    if (text === null) reader.problem(field, 'missing_value', 'is required')
    return text
  }
  const date = (field: ImportField, isRequired: boolean): string | undefined => {
    const raw = reader.cell(field)
    if (cellText(raw) === null) {
      if (isRequired) reader.problem(field, 'missing_value', 'is required')
      return undefined
    }
    const parsed = parseDate(raw)
    if (parsed === null) reader.problem(field, 'invalid_value', 'must be a date dd/mm/yyyy')
    return parsed ?? undefined
  }
  const fullName = required('fullName')
  const birthDate = date('birthDate', true)
  const sexText = required('sex')
  const sex = sexText === null ? undefined : (parseSex(sexText) ?? undefined)
  if (sexText !== null && sex === undefined) reader.problem('sex', 'invalid_value', 'must be Nam or Nữ')
  const citizenId = parseCitizenId(reader.cell('citizenId'))
  if (citizenId === null) reader.problem('citizenId', 'missing_value', 'is required')
  const categoryText = required('category')
  const category = categoryText === null ? undefined : (parseCategory(categoryText) ?? undefined)
  if (categoryText !== null && category === undefined) reader.problem('category', 'invalid_value', 'must be Sử dụng trái phép, Nghiện or Sau cai nghiện')
  const addictionDeterminedOn = date('addictionDeterminedOn', false)
  // Left out when the list has none: the person's registration date stays unknown, never the import day (decision 0034).
  const registeredOn = date('registeredOn', false)
  return {
    fullName: fullName ?? undefined,
    birthDate,
    sex,
    citizenId: citizenId ?? undefined,
    category,
    addictionDeterminedOn: addictionDeterminedOn ?? null,
    ...(registeredOn ? { registeredOn } : {}),
  }
}

/** The cell as the registration form's rule reads a phone (kernel/domain/phone.ts): the same spellings pass both. */
export function phoneText(value: CellValue): string | null {
  if (typeof value === 'number') return normalizePhone(value)
  const text = cellText(value)
  return text === null ? null : normalizePhone(text)
}
