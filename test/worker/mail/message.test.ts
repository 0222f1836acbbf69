import { describe, expect, it } from 'vitest'
import { composeLinkMail, maskEmail } from '../../../worker/mail/message.ts'

describe('masking an address', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('nguyen.van.a@so-yte.gov.vn')).toBe('n***@so-yte.gov.vn')
    expect(maskEmail('A@Example.TEST')).toBe('A***@example.test')
    expect(maskEmail('broken')).toBe('***')
  })
})

describe('the link message', () => {
  const at = new Date('2026-11-27T03:00:00.000Z')
  it('gives the username, the link and the expiry in Vietnam time, in Vietnamese and then English', () => {
    const { subject, text } = composeLinkMail({ purpose: 'invite', username: 'can-bo-xa', url: 'https://binhan.example/accept-invite?token=t', expiresAt: at })
    expect(subject).toBe('Bình An: kích hoạt tài khoản / Activate your account')
    expect(text).toContain('tên đăng nhập can-bo-xa')
    expect(text).toContain('\nhttps://binhan.example/accept-invite?token=t\n')
    expect(text).toContain('hết hạn lúc 10:00 ngày 27/11/2026 (giờ Việt Nam)')
    expect(text.indexOf('Xin chào')).toBeLessThan(text.indexOf('You have been invited'))
  })

  it('says what a reset is', () => {
    const { subject, text } = composeLinkMail({ purpose: 'reset', username: 'can-bo-xa', url: 'u', expiresAt: at })
    expect(subject).toBe('Bình An: đặt lại mật khẩu / Reset your password')
    expect(text).toContain('A password reset was issued for can-bo-xa')
  })
})
