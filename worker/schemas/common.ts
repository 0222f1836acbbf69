import * as v from 'valibot'

/** Two-digit province code of the 2025 administrative units (e.g. "01", "82"). */
export const ProvinceCode = v.pipe(
  v.string(),
  v.regex(/^\d{2}$/, 'must be a two-digit province code such as "01" or "82"'),
)

export const ProvinceParam = v.object({ province: ProvinceCode })

/** Five-digit official commune code. */
export const CommuneCode = v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a five-digit commune code'))
