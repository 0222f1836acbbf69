import { beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api.ts'
import { translate, loadLocale } from '../../web/src/i18n/i18n.tsx'
import { fieldErrors } from '../../web/src/lib/form-errors.ts'

// English is a chunk of its own on the web (decision 0039): loaded before the tests read it.
beforeAll(() => loadLocale('en'))

const t = (locale: 'vi' | 'en') => (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params)

describe('API errors shown next to their fields', () => {
  const rejected = new ApiError('password_rejected', 400, 'Invalid json.password', {
    issues: [
      { field: 'json.password', message: 'too short', code: 'too_short' },
      { field: 'json.password', message: 'too common', code: 'too_common' },
    ],
  })

  it('maps field paths to field names and translates password rules', () => {
    expect(fieldErrors(rejected, t('vi'), 'vi')).toEqual({
      password: `${translate('vi', 'error.password.too_short')} ${translate('vi', 'error.password.too_common')}`,
    })
    expect(fieldErrors(rejected, t('en'), 'en').password).toContain('at least 12 characters')
  })

  it('keeps the server explanation for other fields', () => {
    const err = new ApiError('validation_failed', 400, 'x', { issues: [{ field: 'json.username', message: 'must be 3–32 characters' }] })
    expect(fieldErrors(err, t('en'), 'en')).toEqual({ username: 'must be 3–32 characters' })
    expect(fieldErrors(err, t('vi'), 'vi').username).toBe('Giá trị không hợp lệ. (must be 3–32 characters)')
  })

  it('names a taken username and ignores errors without fields', () => {
    expect(fieldErrors(new ApiError('username_taken', 409, 'taken'), t('vi'), 'vi')).toEqual({ username: translate('vi', 'error.username_taken') })
    expect(fieldErrors(new ApiError('internal', 500, 'x', { requestId: 'r1' }), t('vi'), 'vi')).toEqual({})
    expect(new ApiError('internal', 500, 'x', { requestId: 'r1' }).requestId).toBe('r1')
    expect(fieldErrors(new Error('plain'), t('vi'), 'vi')).toEqual({})
  })
})
