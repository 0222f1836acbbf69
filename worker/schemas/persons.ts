import * as v from 'valibot'
import { personCategories, personStatuses } from '../../db/tenant/schema/index.ts'
import { TextField, type TextKind } from '../../kernel/text-hygiene.ts'
import { CommuneCode } from './common.ts'

/** YYYY-MM-DD that is a real calendar day. */
export const IsoDate = v.pipe(
  v.string('must be a date YYYY-MM-DD'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'is not a real calendar date'),
)

// Trimmed, NFC and clean (kernel/text-hygiene.ts): names and addresses on one line, notes free.
const Text = (max: number, kind: TextKind = 'line') => v.pipe(TextField(kind), v.maxLength(max, `must be at most ${max} characters`))
const OptionalText = (max: number, kind: TextKind = 'line') => v.optional(v.nullable(Text(max, kind)))

export const PersonId = v.pipe(v.string(), v.uuid('must be an id (UUID)'))

const personFields = {
  fullName: v.pipe(Text(100), v.minLength(2, 'is required')),
  birthDate: IsoDate,
  sex: v.picklist(['male', 'female'], 'must be male or female'),
  citizenId: v.pipe(v.string('is required'), v.trim(), v.regex(/^\d{12}$/, 'must be 12 digits')),
  communeCode: CommuneCode,
  category: v.picklist(personCategories, `must be one of ${personCategories.join(', ')}`),
  addressDetail: OptionalText(200),
  phone: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.regex(/^(\+84|0)\d{9,10}$/, 'must be a Vietnamese phone number such as 0912345678')))),
  addictionDeterminedOn: v.optional(v.nullable(IsoDate)),
  addictionDeterminedBy: OptionalText(200),
  assignedOfficerId: v.optional(v.nullable(v.pipe(v.string(), v.uuid('must be a user id')))),
  notes: OptionalText(2000, 'multiline'),
}

export const CreatePersonBody = v.object({
  /** Client-generated for offline registration; the server makes one otherwise. */
  id: v.optional(PersonId),
  ...personFields,
})
export type CreatePersonInput = v.InferOutput<typeof CreatePersonBody>

export const UpdatePersonBody = v.object({
  /** The version this change was based on: a stale one answers 409 with the current record. */
  version: v.pipe(v.number('must be the record version (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')),
  ...v.partial(v.object({ ...personFields, status: v.picklist(personStatuses, `must be one of ${personStatuses.join(', ')}`) })).entries,
})
export type UpdatePersonInput = v.InferOutput<typeof UpdatePersonBody>

export const PersonParams = v.object({ province: v.string(), personId: PersonId })

export const PersonListQuery = v.object({
  /** A name (any case, with or without diacritics) or a full 12-digit citizen ID. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'must be at most 100 characters'))),
  commune: v.optional(CommuneCode),
  category: v.optional(v.picklist(personCategories, `must be one of ${personCategories.join(', ')}`)),
  status: v.optional(v.picklist(personStatuses, `must be one of ${personStatuses.join(', ')}`)),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(300), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(200, 'must be at most 200')), '50'),
})
