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
  createdAt: string
  lastLoginAt: string | null
}

/** An invitation or reset link an admin hands over (no e-mail is assumed). */
export interface IssuedLink {
  user: UserView
  link: { purpose: OneTimeTokenPurpose; url: string; expiresAt: string }
}

/** What the accept-invite screen shows of a link before the password is chosen. */
export interface LinkInfo {
  purpose: OneTimeTokenPurpose
  username: string
  displayName: string
  expiresAt: string
}
