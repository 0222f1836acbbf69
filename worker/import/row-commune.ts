// A row's commune: by its code, or by name (today's, or an old one with its district), then the caller's scope.
import type { AddressMatch } from './address-matcher.ts'
import { splitAddress } from './address-matcher.ts'
import type { AcceptedRow, AnalyseRowsInput } from './analyse-rows.ts'
import { cellText } from './columns.ts'
import type { RowReader } from './row-reader.ts'

export interface FoundCommune {
  communeCode: string | undefined
  via: AcceptedRow['communeVia']
  /** What a free-text address cell held besides the commune, district and province. */
  detail: string | null
}

/**
 * The address: a commune code, or a commune (current or old) with its old district and province, or one
 * free-text address cell; then the caller's scope.
 */
export function findCommune(reader: RowReader, input: AnalyseRowsInput, rowNumber: number): FoundCommune {
  const found = cellText(reader.cell('communeCode')) !== null ? byCode(reader, input) : byName(reader, input, rowNumber)
  if (found.communeCode !== undefined && input.scope !== null && !input.scope.has(found.communeCode)) {
    reader.problem(
      'commune',
      'out_of_scope',
      `${input.communeNames.get(found.communeCode) ?? found.communeCode} is not one of your communes`,
      reader.addressColumn(),
    )
    return { ...found, communeCode: undefined }
  }
  return found
}

function byCode(reader: RowReader, input: AnalyseRowsInput): FoundCommune {
  const code = cellText(reader.cell('communeCode'))!
  if (input.communeNames.has(code)) return { communeCode: code, via: 'code', detail: null }
  reader.problem('communeCode', 'invalid_value', 'is not a commune code of this province')
  return { communeCode: undefined, via: 'current', detail: null }
}

function byName(reader: RowReader, input: AnalyseRowsInput, rowNumber: number): FoundCommune {
  let query = { commune: cellText(reader.cell('commune')), district: cellText(reader.cell('district')), province: cellText(reader.cell('province')) }
  let detail: string | null = null
  const address = query.commune === null ? cellText(reader.cell('address')) : null
  if (address !== null) {
    const parts = splitAddress(address)
    query = { commune: parts.commune, district: parts.district ?? query.district, province: parts.province ?? query.province }
    detail = parts.detail
  }
  const none: FoundCommune = { communeCode: undefined, via: 'current', detail }
  if (query.commune === null) {
    reader.problem(null, 'missing_value', 'the commune (xã/phường) is required', reader.addressColumn())
    return none
  }
  const match: AddressMatch = input.matcher.match({ commune: query.commune, district: query.district, province: query.province })
  if (match.kind === 'matched') return { communeCode: match.code, via: match.via, detail }
  if (match.kind === 'ambiguous') {
    const chosen = input.resolutions.get(rowNumber)
    if (chosen !== undefined && match.candidates.some((c) => c.code === chosen)) return { communeCode: chosen, via: 'chosen', detail }
    reader.problems.push({
      column: reader.addressColumn(),
      field: 'commune',
      reason: 'ambiguous_address',
      message: `this old commune now belongs to ${match.candidates.length} communes: choose one`,
      candidates: match.candidates,
    })
  } else if (match.kind === 'other_province')
    reader.problem('province', 'other_province', 'is not this province (nor one merged into it)', reader.headerOf('province') ?? reader.addressColumn())
  else reader.problem('commune', 'unknown_address', 'matches no commune of this province, current or before July 2025', reader.addressColumn())
  return none
}
