import * as v from 'valibot'

/**
 * What a text field may hold: one rule for the API's schemas (worker/schemas/), the import (which checks rows
 * with those schemas) and the phone's offline checks (web/src/offline/checks.ts). Pure. Decision 0019.
 *
 * Every text is NFC (the same name typed on two phones is the same bytes) and refuses: control characters
 * (NUL, C0, DEL, C1); bidirectional controls, which reorder what is shown around them (a name could hide or
 * reverse the text beside it on a screen or in an exported file); broken UTF-16 (lone surrogates); a value made
 * only of invisible characters; more than three combining marks on one letter (Vietnamese needs two; "Zalgo"
 * text stacks dozens). Two kinds:
 * - `line`: names, addresses, institutions, certificate numbers — on one line, and no invisible characters
 *   anywhere (a zero-width space inside a name makes two people look the same and search miss both);
 * - `multiline`: notes — line breaks and tabs allowed, and joiners inside (emoji sequences use them).
 */
export type TextKind = 'line' | 'multiline'

/** The API's messages (English; web/src/i18n/server-messages.ts has them in Vietnamese). */
export const TEXT_MESSAGES = {
  control: 'must not contain control characters',
  lineBreak: 'must be on one line',
  bidi: 'must not contain text-direction control characters',
  broken: 'must not contain broken characters',
  invisible: 'must not contain invisible characters',
  noVisible: 'must contain visible characters',
  marks: 'has too many accents on one letter',
} as const

const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u
const LAYOUT = /[\t\n\r\u2028\u2029]/u
const BIDI_CONTROL = /\p{Bidi_Control}/u
const LONE_SURROGATE = /\p{Cs}/u
// Format characters (zero-width space and joiners, soft hyphen, BOM, word joiner…) and the blank fillers.
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{M}\u034f\u115f\u1160\u3164\uffa0]/u
export const MAX_MARKS_PER_LETTER = 3
const MARK_FLOOD = new RegExp(`\\p{M}{${MAX_MARKS_PER_LETTER + 1},}`, 'u')

/** The first rule `text` breaks (its API message), or null. Expects text already trimmed and NFC. */
export function textProblem(text: string, kind: TextKind): string | null {
  if (CONTROL_EXCEPT_LAYOUT.test(text)) return TEXT_MESSAGES.control
  if (kind === 'line' && LAYOUT.test(text)) return TEXT_MESSAGES.lineBreak
  if (BIDI_CONTROL.test(text)) return TEXT_MESSAGES.bidi
  if (LONE_SURROGATE.test(text)) return TEXT_MESSAGES.broken
  if (text.length > 0 && !VISIBLE.test(text)) return TEXT_MESSAGES.noVisible
  if (kind === 'line' && INVISIBLE.test(text)) return TEXT_MESSAGES.invisible
  if (MARK_FLOOD.test(text.normalize('NFD'))) return TEXT_MESSAGES.marks
  return null
}

/** The rule as a valibot action, reporting the rule broken. */
export function cleanText(kind: TextKind) {
  return v.check<string, (issue: v.CheckIssue<string>) => string>(
    (text) => textProblem(text, kind) === null,
    (issue) => textProblem(issue.input, kind) ?? TEXT_MESSAGES.control,
  )
}

/** A text field: trimmed, NFC, clean. Schemas add their own length bounds. */
export const TextField = (kind: TextKind, message?: string) => v.pipe(v.string(message), v.trim(), v.normalize('NFC'), cleanText(kind))

/** For text that is kept but never refused (an uploaded file's name): what the rule refuses, taken out. */
export function withoutUnsafeCharacters(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\u034f\u115f\u1160\u3164\uffa0]/gu, '')
    .trim()
}

/**
 * A spreadsheet would read this as a formula (or DDE) if typed into a cell: it begins, after any blanks, with
 * = + - or @ (OWASP's "CSV injection"). Imports flag such cells; exports write them as text only.
 */
export function looksLikeFormula(text: string): boolean {
  return /^[\s]*[=+\-@]/u.test(text)
}
