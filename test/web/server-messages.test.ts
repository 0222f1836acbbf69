import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEXT_MESSAGES } from '../../kernel/text-hygiene.ts'
import { ApiError } from '../../web/src/api.ts'
import { vi } from '../../web/src/i18n/vi.ts'
import { translate, loadLocale } from '../../web/src/i18n/i18n.tsx'
import { knownServerMessages, serverMessageVi } from '../../web/src/i18n/server-messages.ts'
import { fieldErrors, serverMessagesLoaded } from '../../web/src/lib/form-errors.ts'

// English is a chunk of its own on the web (decision 0039): loaded before the tests read it.
beforeAll(() => loadLocale('en'))

function sources(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n')
}

describe('the Vietnamese for the API’s field messages', () => {
  it('lists only messages the API really sends (so a reworded message is noticed)', () => {
    // The API's messages: the Worker's and the kernel's (the commands' schemas and rules live there).
    const api = sources('worker') + sources('kernel')
    const missing = knownServerMessages.filter((message) => !api.includes(`'${message}'`) && !api.includes(`"${message}"`))
    expect(missing).toEqual([])
  })

  it('translates every message the API names a field with (fieldError, invalidField): no English on a Vietnamese screen', () => {
    const api = sources('worker') + sources('kernel')
    const sent = [...api.matchAll(/(?:fieldError|invalidField)\(\s*'[^']*',\s*'([^']*)'/g)].map((m) => m[1]!)
    expect(sent.length).toBeGreaterThan(5)
    expect([...new Set(sent)].filter((message) => serverMessageVi(message) === null)).toEqual([])
  })

  it('translates every message of the text rule', () => {
    expect(Object.values(TEXT_MESSAGES).filter((message) => serverMessageVi(message) === null)).toEqual([])
  })

  it('translates exact messages and those with a number, and leaves unknown ones to the caller', () => {
    expect(serverMessageVi('is required')).toBe('Bắt buộc.')
    expect(serverMessageVi('must be at most 200 characters')).toBe('Tối đa 200 ký tự.')
    expect(serverMessageVi('the person must be at least 12 years old')).toBe('Người được quản lý phải từ 12 tuổi trở lên.')
    expect(serverMessageVi('must be a whole number from 1 to 6')).toBe('Phải là số nguyên từ 1 đến 6.')
    expect(serverMessageVi('must be at most 30')).toBe('Nhiều nhất là 30.')
    expect(serverMessageVi('something new the API says')).toBeNull()
  })

  it('puts them next to the fields in Vietnamese, and the English ones after a Vietnamese lead', async () => {
    await serverMessagesLoaded
    const err = new ApiError('validation_failed', 400, 'Invalid json.birthDate', {
      issues: [
        { field: 'json.birthDate', message: 'must not be in the future' },
        { field: 'json.notes', message: 'something new the API says' },
      ],
    })
    const t = (key: keyof typeof vi, params?: Record<string, string | number>) => translate('vi', key, params)
    expect(fieldErrors(err, t, 'vi')).toEqual({
      birthDate: 'Không được là ngày trong tương lai.',
      notes: `${vi['error.invalidField']} (something new the API says)`,
    })
    expect(fieldErrors(err, t, 'en').birthDate).toBe('must not be in the future')
  })
})
