import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

import { roles, type Role } from '../../../kernel/roles.ts'
import { userStatuses } from '../../../kernel/vocabulary.ts'

export { userStatuses, type UserStatus } from '../../../kernel/vocabulary.ts'

export { roles, type Role }

/** Everyone who signs in. Central roles have no province; commune officers have a commune scope (user_communes). */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-case, unique across the platform: one login page for every province. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /**
     * Where invite and reset links are sent (decision 0018); null for accounts made before addresses were
     * required, which keep signing in but need one before a new link can be issued.
     */
    email: text('email'),
    role: text('role', { enum: roles }).notNull(),
    provinceCode: text('province_code'),
    status: text('status', { enum: userStatuses }).notNull(),
    /** PHC-style scrypt string; null until the invite is accepted. */
    passwordHash: text('password_hash'),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
    lastLoginAt: integer('last_login_at', { mode: 'timestamp_ms' }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('users_username_unique').on(t.username), index('users_province_idx').on(t.provinceCode)],
)

/** The communes a commune officer may work in (one or more, all in the user's province). */
export const userCommunes = sqliteTable(
  'user_communes',
  {
    userId: text('user_id').notNull(),
    communeCode: text('commune_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.communeCode] })],
)
