import * as v from 'valibot'
import { IsoDate, RecordId } from '../../kernel/commands/inputs.ts'
import { activityKinds, communityModelKinds } from '../../kernel/vocabulary.ts'
import { CommuneCode, Cursor, Limit } from './common.ts'

// Params and queries of the activity log and community models (decision 0033); the bodies are the commands'.

export const ActivityParams = v.object({ province: v.string(), activityId: RecordId })
export const ModelParams = v.object({ province: v.string(), modelId: RecordId })
export const MemberParams = v.object({ province: v.string(), memberId: RecordId })

export const ActivityListQuery = v.object({
  commune: v.optional(CommuneCode),
  kind: v.optional(v.picklist(activityKinds, `must be one of ${activityKinds.join(', ')}`)),
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  cursor: Cursor(200),
  limit: Limit(200, 50),
})

export const ModelListQuery = v.object({
  commune: v.optional(CommuneCode),
  kind: v.optional(v.picklist(communityModelKinds, `must be one of ${communityModelKinds.join(', ')}`)),
  cursor: Cursor(200),
  limit: Limit(200, 50),
})

/** A period (both days inclusive) and optionally one commune. */
export const FiguresQuery = v.pipe(
  v.object({ from: IsoDate, to: IsoDate, commune: v.optional(CommuneCode) }),
  v.forward(
    v.check((q) => q.from <= q.to, 'must not be before from'),
    ['to'],
  ),
)

/** A keyset cursor: base64url of the last row's sort values. */
export function encodeKeyset(values: [string, string]): string {
  return btoa(JSON.stringify(values)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
export function decodeKeyset(cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as unknown
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]]
  } catch {
    // not base64 JSON
  }
  return undefined
}
