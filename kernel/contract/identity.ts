import type { Role } from '../roles.ts'
import type { OneTimeTokenPurpose, UserStatus } from '../vocabulary.ts'

/** A province or commune by code and name. */
export interface Place {
  code: string
  name: string
}

/** The signed-in user (GET /api/me, POST /api/auth/login): who, which role, where. */
export interface Me {
  id: string
  username: string
  displayName: string
  role: Role
  province: Place | null
  communes: Place[]
}

/** A user account as admins see it. */
export interface UserView {
  id: string
  username: string
  displayName: string
  role: Role
  province: string | null
  status: UserStatus
  communes: string[]
  /** `n***@domain`: admins see where links go, never the whole address. */
  maskedEmail: string | null
  createdAt: string
  lastLoginAt: string | null
}

/** The answer to an invite or a reset: where the link was e-mailed and until when it works, never the link (decision 0018). */
export interface LinkSent {
  user: UserView
  delivery: { purpose: OneTimeTokenPurpose; sentTo: string; expiresAt: string }
}

/** GET /api/dev/outbox (development only). */
export interface OutboxEntry {
  id: string
  to: string
  subject: string
  sentAt: string
  link: string
}

/** What the accept-invite screen shows of a link before the password is chosen. */
export interface LinkInfo {
  purpose: OneTimeTokenPurpose
  username: string
  displayName: string
  expiresAt: string
}
