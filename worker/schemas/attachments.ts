import * as v from 'valibot'
import { RecordId } from '../../kernel/commands/inputs.ts'
import { ownerKindNames } from '../attachments/owner-kinds.ts'

const OwnerKindField = v.picklist(ownerKindNames, `must be one of: ${ownerKindNames.join(', ')}`)
const OwnerId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{1,64}$/, 'must be the id of the record the file belongs to'))

/** POST /attachments: the file announced before its bytes (decision 0038). */
export const CreateAttachmentBody = v.object({
  id: RecordId,
  ownerKind: OwnerKindField,
  ownerId: OwnerId,
  criterionCode: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^[0-9A-Za-z._-]{1,32}$/, 'must be a criterion code')))),
  fileName: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(255, 'must be at most 255 characters')),
  size: v.pipe(v.number(), v.integer('must be a whole number of bytes'), v.minValue(1, 'must be at least 1 byte')),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file, 64 lower-case hex digits')),
})
export type CreateAttachmentInput = v.InferOutput<typeof CreateAttachmentBody>

export const AttachmentParams = v.object({ id: RecordId })

export const OwnerQuery = v.object({ ownerKind: OwnerKindField, ownerId: OwnerId })

export const ContentQuery = v.object({
  offset: v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'must be a whole number of bytes'), v.transform(Number)),
})
