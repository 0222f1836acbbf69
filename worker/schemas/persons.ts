import * as v from 'valibot'
import { personCategories, personStatuses } from '../../kernel/records.ts'
import { RecordId } from '../../kernel/commands/inputs.ts'
import { CommuneCode, Cursor, Limit } from './common.ts'

// The write bodies are the commands' (kernel/commands/inputs.ts): the phone and the import check with them too.
export { CreatePersonBody, type CreatePersonInput } from '../../kernel/commands/inputs.ts'

export const PersonParams = v.object({ province: v.string(), personId: RecordId })

export const PersonListQuery = v.object({
  /** A name (any case, with or without diacritics) or a full 12-digit citizen ID. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'must be at most 100 characters'))),
  commune: v.optional(CommuneCode),
  category: v.optional(v.picklist(personCategories, `must be one of ${personCategories.join(', ')}`)),
  status: v.optional(v.picklist(personStatuses, `must be one of ${personStatuses.join(', ')}`)),
  cursor: Cursor(300),
  limit: Limit(200, 50),
})
