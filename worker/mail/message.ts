import type { OneTimeTokenPurpose } from '../../db/control/schema/index.ts'

/**
 * `n***@so-yte.gov.vn`: enough for the admin to recognise the address, not enough to copy it. The `*` next to
 * the `@` also keeps the audit trail's e-mail check (db/audit/append-audit.ts) from taking it for an address.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 1) return '***'
  return `${address[0]}***@${address.slice(at + 1).toLowerCase()}`
}

export interface LinkMailInput {
  purpose: OneTimeTokenPurpose
  username: string
  url: string
  expiresAt: Date
}

/** Vietnam has one time zone and no daylight saving: UTC+7 all year. */
function vietnamTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`
}

/**
 * The invite or reset message: Vietnamese, then one English paragraph. Only what the recipient needs: the
 * username to sign in with, the link and its expiry. No name, province or commune (a mailbox is not private
 * enough for those), and no word of what the system manages.
 */
export function composeLinkMail(input: LinkMailInput): { subject: string; text: string } {
  const expires = vietnamTime(input.expiresAt)
  const isInvite = input.purpose === 'invite'
  const subject = isInvite ? 'Bình An: kích hoạt tài khoản / Activate your account' : 'Bình An: đặt lại mật khẩu / Reset your password'
  const lead = isInvite
    ? `Bạn được mời sử dụng hệ thống Bình An với tên đăng nhập ${input.username}.\nMở liên kết dưới đây để đặt mật khẩu và kích hoạt tài khoản.`
    : `Quản trị viên đã cấp liên kết đặt lại mật khẩu cho tài khoản ${input.username} trên hệ thống Bình An.\nMở liên kết dưới đây để đặt mật khẩu mới.`
  const english = isInvite
    ? `You have been invited to Bình An as ${input.username}. Open the link above to choose a password; it works once and expires at ${expires} (Vietnam time). If you did not expect this message, ignore it and tell your province's administrator.`
    : `A password reset was issued for ${input.username} on Bình An. Open the link above to choose a new password; it works once and expires at ${expires} (Vietnam time). If you did not ask for it, tell your province's administrator.`
  const text = [
    'Xin chào,',
    '',
    lead,
    '',
    input.url,
    '',
    `Liên kết chỉ dùng được một lần và hết hạn lúc ${expires} (giờ Việt Nam). Không chuyển thư này cho người khác.`,
    'Nếu bạn không chờ thư này, hãy bỏ qua và báo cho quản trị viên của tỉnh.',
    '',
    '--',
    english,
    '',
  ].join('\n')
  return { subject, text }
}
