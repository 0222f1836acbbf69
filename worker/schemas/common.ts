import * as v from 'valibot'

/** Two-digit province code of the 2025 administrative units (e.g. "01", "82"). */
export const ProvinceCode = v.pipe(v.string(), v.regex(/^\d{2}$/, 'must be a two-digit province code such as "01" or "82"'))

export const ProvinceParam = v.object({ province: ProvinceCode })

/** Five-digit official commune code (the kernel's: the case writes' schemas use it too). */
export { CommuneCode } from '../../kernel/commands/inputs.ts'

/** `?limit=`: a whole number of rows per page, from 1 to `max`; `byDefault` when absent. */
export const Limit = (max: number, byDefault: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(max, `must be at most ${max}`),
    ),
    String(byDefault),
  )

/** `?cursor=`: an opaque cursor from a previous page (base64url, at most `maxLength` characters). */
export const Cursor = (maxLength: number) =>
  v.optional(v.pipe(v.string(), v.maxLength(maxLength, 'is not a cursor from this API'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API')))
