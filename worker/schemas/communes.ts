import * as v from 'valibot'

export const CommuneListQuery = v.object({
  /** Name filter, ignoring case and diacritics. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'must be at most 100 characters'))),
  kind: v.optional(v.picklist(['xa', 'phuong', 'dac_khu'], 'must be one of xa, phuong, dac_khu')),
})
