import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { oneTimeTokenPurposes } from '../../../kernel/vocabulary.ts'

export { oneTimeTokenPurposes, type OneTimeTokenPurpose } from '../../../kernel/vocabulary.ts'

/**
 * Sessions after Lucia's design: the browser holds a random token; only its SHA-256 (hex) is stored here,
 * so a leaked database cannot be replayed as cookies.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Invite and password-reset links: hashed like sessions, single use, expiring. */
export const oneTimeTokens = sqliteTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    purpose: text('purpose', { enum: oneTimeTokenPurposes }).notNull(),
    createdBy: text('created_by'),
    /** The issuing admin's client hash: an acceptance from the same client is flagged in the audit trail. */
    createdClientHash: text('created_client_hash'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('one_time_tokens_user_idx').on(t.userId)],
)

/**
 * Sign-in counters (worker/auth/login-throttle.ts): one row per account from one client, per account and per
 * client, keyed by salted hashes. `failures` counts attempts, one still being checked included (a success
 * gives it back). In the database so the reservation is one atomic statement for every Worker isolate.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }),
})
