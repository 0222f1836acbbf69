// Rules for a new password (pure, no I/O). Lengths count Unicode code points after NFC, so a Vietnamese
// letter such as "ệ" counts once however the input method composed it.
//   too_short          fewer than 12 code points
//   too_long           more than 128: a guard against hashing and checking huge inputs (nothing else is checked then)
//   too_common         in the shipped list (common-passwords.ts) after folding case and diacritics, or a
//                      common password with digits/punctuation around it ("Password2024!", "matkhau@123"),
//                      or with simple letter substitutions ("p@ssw0rd"), or one short unit repeated, or a run
//                      such as "123456789012" / "abcdefghijkl"
//   contains_username  contains the username or the display name (folded, spaces and punctuation ignored)
import { COMMON_PASSWORDS } from './common-passwords.ts'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 128
/** Stems shorter than this are not looked up: "abc" + digits says more about the digits than the word. */
export const MIN_STEM_LENGTH = 4

export type PasswordProblemCode = 'too_short' | 'too_long' | 'too_common' | 'contains_username'

export interface PasswordProblem {
  code: PasswordProblemCode
  message: string
}

export interface PasswordContext {
  username: string
  displayName?: string
}

const MESSAGES: Record<PasswordProblemCode, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  too_long: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  too_common: 'This password is too common or too easy to guess. Choose another; a few unrelated words work well.',
  contains_username: 'Do not use your username or your name in your password.',
}

const problem = (code: PasswordProblemCode): PasswordProblem => ({ code, message: MESSAGES[code] })

export const codePointLength = (text: string) => [...text].length

/** Lower case without diacritics ("Mật Khẩu" → "mat khau", "Đ" → "d"), NFC. The form the shipped list is stored in. */
export function foldPassword(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').normalize('NFC').toLowerCase()
}

const EDGES = /^[\p{N}\p{P}\p{S}\p{Z}]+|[\p{N}\p{P}\p{S}\p{Z}]+$/gu

/** A folded password without leading and trailing digits, punctuation, symbols and spaces: "!!dragon2024" → "dragon". */
export function passwordStem(folded: string): string {
  return folded.replace(EDGES, '')
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' }

/** Undoes common letter substitutions; "1" is read both as "i" and as "l". */
function unleet(text: string): string[] {
  const plain = [...text].map((ch) => LEET[ch] ?? ch).join('')
  return plain.includes('1') ? [plain.replaceAll('1', 'i'), plain.replaceAll('1', 'l')] : [plain]
}

/** The forms of a folded password looked up in the shipped list. */
function lookupForms(folded: string): string[] {
  const stem = passwordStem(folded)
  const forms = [folded, ...unleet(folded)]
  if (codePointLength(stem) >= MIN_STEM_LENGTH) forms.push(stem, ...unleet(stem))
  return forms
}

const inList = (folded: string) => lookupForms(folded).some((form) => COMMON_PASSWORDS.has(form))

/** The shortest unit the whole text repeats, when it repeats at least twice ("abcabcabc" → "abc"). */
function repeatedUnit(chars: readonly string[]): string | undefined {
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue
    if (chars.every((ch, i) => ch === chars[i % size])) return chars.slice(0, size).join('')
  }
  return undefined
}

/** "123456789012", "9876543210987", "abcdefghijkl", "zyxwvutsrqpo": every step +1 or every step −1. */
function isRun(chars: readonly string[]): boolean {
  const digits = chars.every((ch) => ch >= '0' && ch <= '9')
  const letters = chars.every((ch) => ch >= 'a' && ch <= 'z')
  if (!digits && !letters) return false
  const steps = new Set<number>()
  for (let i = 1; i < chars.length; i++) {
    const diff = chars[i]!.charCodeAt(0) - chars[i - 1]!.charCodeAt(0)
    steps.add(digits ? (diff + 10) % 10 : diff)
  }
  return steps.size === 1 && (steps.has(1) || steps.has(digits ? 9 : -1))
}

function isTooCommon(folded: string): boolean {
  if (inList(folded)) return true
  const chars = [...folded]
  if (isRun(chars)) return true
  const unit = repeatedUnit(chars)
  // A short unit repeated ("hihihihihihi", "123412341234") or a common one ("matkhaumatkhau").
  return unit !== undefined && (codePointLength(unit) <= 4 || isRun([...unit]) || inList(unit))
}

/** Letters and digits only, folded: "Nguyễn Văn An" → "nguyenvanan", "an.nguyen" → "annguyen". */
const compact = (text: string) => foldPassword(text).replace(/[^\p{L}\p{N}]/gu, '')

function containsIdentity(folded: string, context: PasswordContext): boolean {
  const password = compact(folded)
  const username = compact(context.username)
  if (codePointLength(username) >= 3 && password.includes(username)) return true
  const name = compact(context.displayName ?? '')
  return codePointLength(name) >= 4 && password.includes(name)
}

/** Every problem with a proposed new password; an empty array means it is acceptable. */
export function checkNewPassword(password: string, context: PasswordContext): PasswordProblem[] {
  const nfc = password.normalize('NFC')
  const length = codePointLength(nfc)
  if (length > MAX_PASSWORD_LENGTH) return [problem('too_long')]
  const problems: PasswordProblem[] = []
  if (length < MIN_PASSWORD_LENGTH) problems.push(problem('too_short'))
  const folded = foldPassword(nfc)
  if (isTooCommon(folded)) problems.push(problem('too_common'))
  if (containsIdentity(folded, context)) problems.push(problem('contains_username'))
  return problems
}
