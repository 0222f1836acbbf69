/**
 * Keys for comparing Vietnamese place names. Pure string functions, safe in Workers and browsers.
 *
 * Three strengths, strictest first; callers should try them in that order and accept a looser
 * match only when it is unique, because each step forgets more of the name:
 * - foldVietnamese: only spelling noise (Unicode form, case, spaces) is ignored.
 * - foldTonePlacement: also ignores WHERE the tone mark sits ("Hoà" = "Hòa", "Thuỷ" = "Thủy"),
 *   while still telling tones apart ("Hòa" ≠ "Hóa").
 * - foldDiacritics: ignores every mark and đ/d; "Vân" = "Văn", so it can collide.
 */

/** Vietnamese tone marks in decomposed form: huyền, sắc, ngã, hỏi, nặng. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu
const COMBINING_MARKS = /\p{M}/gu

/** NFC, lower case, trimmed, runs of whitespace (incl. NBSP) collapsed to one space. */
export function foldVietnamese(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim()
}

/**
 * Like foldVietnamese, but the tone mark of each word is moved to the end of the word, so the
 * old ("Hoà", "Thuỷ") and new ("Hòa", "Thủy") placement rules give the same key.
 */
export function foldTonePlacement(name: string): string {
  return foldVietnamese(name).split(' ').map(moveToneToWordEnd).join(' ')
}

function moveToneToWordEnd(word: string): string {
  const decomposed = word.normalize('NFD')
  const tones = decomposed.match(TONE_MARKS) ?? []
  // Sorting keeps the key stable if a malformed word carries two tone marks; NFC keeps keys readable.
  return (decomposed.replace(TONE_MARKS, '') + tones.sort().join('')).normalize('NFC')
}

/** Like foldVietnamese, but with every diacritic removed and đ read as d ("Đồng Tháp" → "dong thap"). */
export function foldDiacritics(name: string): string {
  return foldVietnamese(name).normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/gu, 'd').normalize('NFC')
}
