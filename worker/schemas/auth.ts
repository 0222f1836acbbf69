import * as v from 'valibot'
import { TOKEN_PATTERN } from '../auth/tokens.ts'

// Lengths are generous but bounded: a 1 MB "password" must not reach the hash function.
export const LoginBody = v.object({
  username: v.pipe(v.string('is required'), v.trim(), v.toLowerCase(), v.minLength(1, 'is required'), v.maxLength(64, 'must be at most 64 characters')),
  password: v.pipe(v.string('is required'), v.minLength(1, 'is required'), v.maxLength(1024, 'must be at most 1024 characters')),
})

export const OneTimeToken = v.pipe(v.string('is required'), v.regex(TOKEN_PATTERN, 'is not a valid link token'))

export const TokenParam = v.object({ token: OneTimeToken })

export const AcceptInviteBody = v.object({
  token: OneTimeToken,
  password: v.pipe(v.string('is required'), v.maxLength(1024, 'must be at most 1024 characters')),
})

export const ChangePasswordBody = v.object({
  currentPassword: v.pipe(v.string('is required'), v.minLength(1, 'is required'), v.maxLength(1024, 'must be at most 1024 characters')),
  newPassword: v.pipe(v.string('is required'), v.maxLength(1024, 'must be at most 1024 characters')),
})
