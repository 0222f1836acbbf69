import { describe, expect, it } from 'vitest'
import { COMMON_PASSWORDS } from '../../../worker/auth/common-passwords.ts'
import { checkNewPassword, foldPassword, passwordStem, type PasswordContext } from '../../../worker/auth/password-policy.ts'

const user: PasswordContext = { username: 'an.nguyen', displayName: 'Nguyễn Văn An' }
const codes = (password: string, context: PasswordContext = user) => checkNewPassword(password, context).map((p) => p.code)

describe('length', () => {
  it('accepts 12 to 128 code points', () => {
    expect(codes('tre xanh bên sông')).toEqual([])
    expect(codes('kz7#qw9!mp2x')).toEqual([]) // exactly 12
    expect(codes('ab'.repeat(40) + 'kz7#qw9!mp2x' + 'cd'.repeat(18))).toEqual([]) // exactly 128
  })

  it('reports too_short below 12 code points, with an English message', () => {
    const problems = checkNewPassword('kz7#qw9!mp2', user)
    expect(problems).toEqual([{ code: 'too_short', message: 'Use at least 12 characters.' }])
  })

  it('counts code points after NFC, so decomposed Vietnamese is not longer than it looks', () => {
    const nfc = 'Hồ Gươm đẹp' // 11 code points in NFC
    const nfd = nfc.normalize('NFD')
    expect(nfd.length).toBeGreaterThan(12)
    expect(codes(nfd)).toEqual(['too_short'])
    expect(codes(`${nfd}!`)).toEqual([])
  })

  it('counts an astral character (emoji) once', () => {
    expect(codes('🌾🌾🌾 lúa 9x')).toEqual(['too_short']) // 10 code points, 13 UTF-16 units
  })

  it('reports too_long above 128 code points, and checks nothing else then', () => {
    expect(codes('kz7#qw9!mp2x' + 'ab'.repeat(59))).toEqual(['too_long']) // 130
    expect(codes('a'.repeat(1_000_000))).toEqual(['too_long'])
    expect(checkNewPassword('a'.repeat(129), user)[0]?.message).toBe('Use at most 128 characters.')
  })
})

describe('too_common', () => {
  it('ships a list that can be matched: folded, and no shorter than a stem', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(5_000)
    for (const entry of COMMON_PASSWORDS) {
      expect(entry).toBe(foldPassword(entry))
      expect([...entry].length).toBeGreaterThanOrEqual(4)
    }
    expect(COMMON_PASSWORDS.has('1qaz2wsx3edc')).toBe(true)
    expect(COMMON_PASSWORDS.has('password')).toBe(true)
  })

  it.each([
    '1qaz2wsx3edc', // in the list as it is
    'QWERTY123456', // case folded
    'password1234',
    'Password2024!', // a common password with digits and punctuation around it
    '!!!Dragon!!!1',
    '2024iloveyou!!',
    'P@ssw0rd1234', // substitutions
    'm0nk3y1234567', // 0→o, 3→e
    'matkhau123456', // Vietnamese patterns
    'MậtKhẩu@123456', // … with diacritics
    'anhyeuem123456',
    'emyeuanh2024!!',
    '123456789abc',
    'motdentam1234',
    'binhan123456',
    '111111111111', // one unit repeated
    'abcabcabcabc',
    '123412341234',
    'matkhaumatkhau', // a common unit repeated
    '123456789012', // runs, digits wrapping 9→0
    '098765432109',
    'abcdefghijklm',
  ])('rejects %s', (password) => {
    expect(codes(password, { username: 'zz' })).toContain('too_common')
  })

  it.each(['tre xanh bên sông', 'correct horse battery staple', 'Đồng lúa chín vàng 1975', 'kz7#qw9!mp2x', 'dragon fruit for breakfast'])(
    'accepts %s',
    (password) => {
      expect(codes(password, { username: 'zz' })).toEqual([])
    },
  )

  it('has an English message', () => {
    const [problem] = checkNewPassword('password1234', { username: 'zz' })
    expect(problem?.message).toMatch(/too common/)
  })

  it('strips only the edges when finding a stem', () => {
    expect(passwordStem(foldPassword('  Mật khẩu 2024!! '))).toBe('mat khau')
    expect(passwordStem('pa55word')).toBe('pa55word')
  })
})

describe('contains_username', () => {
  it('rejects the username, ignoring case, punctuation and diacritics', () => {
    expect(codes('An.Nguyen-bên sông')).toEqual(['contains_username'])
    expect(codes('xx annguyen xx yy')).toEqual(['contains_username'])
  })

  it('rejects the display name, however it is spaced or accented', () => {
    expect(codes('NguyenVanAn#2024')).toEqual(['contains_username'])
    expect(codes('nguyễn văn an ở huế')).toEqual(['contains_username'])
  })

  it('ignores usernames and names too short to mean anything', () => {
    expect(codes('an an an ở bờ sông', { username: 'an' })).toEqual([])
    expect(codes('tre xanh bên sông', { username: 'xanh' })).toEqual(['contains_username'])
  })

  it('works without a display name and reports every problem at once', () => {
    expect(codes('an.nguyen', { username: 'an.nguyen' })).toEqual(['too_short', 'contains_username'])
    const problems = checkNewPassword('an.nguyen', { username: 'an.nguyen' })
    expect(problems.find((p) => p.code === 'contains_username')?.message).toMatch(/username/)
  })
})
