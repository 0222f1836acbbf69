import * as v from 'valibot'
import { TextField } from '../../kernel/text-hygiene.ts'
import { CommuneCode, ProvinceCode } from './common.ts'

/** Lower-case letters, digits, dot, dash, underscore; 3–32 characters; starts with a letter or digit. */
export const Username = v.pipe(
  v.string('is required'),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'must be 3–32 characters: letters a–z, digits, dot, dash or underscore'),
)

export const DisplayName = v.pipe(TextField('line', 'is required'), v.minLength(1, 'is required'), v.maxLength(100, 'must be at most 100 characters'))

/** Where invite and reset links go. Lower-cased, so one mailbox is one address (decision 0018). */
export const Email = v.pipe(
  v.string('is required'),
  v.trim(),
  v.toLowerCase(),
  v.nonEmpty('is required'),
  v.maxLength(254, 'must be at most 254 characters'),
  v.email('must be an e-mail address such as ten@example.gov.vn'),
)

const CommuneList = v.pipe(
  v.array(CommuneCode, 'must be a list of commune codes'),
  v.maxLength(200, 'must list at most 200 communes'),
  v.check((codes) => new Set(codes).size === codes.length, 'must not repeat a commune'),
)

export const ProvinceRole = v.picklist(
  ['province_officer', 'commune_officer', 'province_reviewer'],
  'must be province_officer, commune_officer or province_reviewer',
)

export const InviteOfficerBody = v.object({
  username: Username,
  displayName: DisplayName,
  email: Email,
  role: ProvinceRole,
  communes: v.optional(CommuneList, []),
})

export const UserAccessBody = v.object({
  role: ProvinceRole,
  communes: v.optional(CommuneList, []),
})

export const InviteProvinceAdminBody = v.object({
  username: Username,
  displayName: DisplayName,
  email: Email,
})

/** A new invite or reset link; `email` only where the account has none yet or was never activated (user-admin.ts). */
export const SendLinkBody = v.object({
  email: v.optional(Email),
})

export const UserIdParam = v.object({ userId: v.pipe(v.string(), v.uuid('must be a user id')) })
export const ProvinceUserParams = v.object({ province: ProvinceCode, userId: v.pipe(v.string(), v.uuid('must be a user id')) })

export const UserListQuery = v.object({
  status: v.optional(v.picklist(['invited', 'active', 'disabled'], 'must be invited, active or disabled')),
  role: v.optional(v.picklist(['province_admin', 'province_officer', 'commune_officer', 'province_reviewer'], 'must be a province role')),
  /** The last username of the previous page. */
  after: v.optional(v.pipe(v.string(), v.maxLength(64))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(100, 'must be at most 100'),
    ),
    '50',
  ),
})

export const OnboardProvinceBody = v.object({ province: ProvinceCode })
