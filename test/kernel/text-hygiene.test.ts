import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { looksLikeFormula, TEXT_MESSAGES, TextField, textProblem, withoutUnsafeCharacters } from '../../kernel/text-hygiene.ts'

// Invented names; each hostile character is written as an escape so the test reads as what it checks.
describe('the text rule', () => {
  it('accepts Vietnamese as typed, in NFC and NFD alike, and notes with line breaks and tabs', () => {
    for (const name of ['Nguyễn Thị Hồng Ánh', 'Đặng Văn Ưng', 'Nguyễn Thị Hồng Ánh'.normalize('NFD'), "Trần O'Brien-Lê", 'Phòng khám 12/3, số 5'])
      expect(textProblem(name, 'line')).toBeNull()
    expect(textProblem('Dòng một\nDòng hai\r\n\tthụt vào', 'multiline')).toBeNull()
    expect(textProblem('Gia đình 👨‍👩‍👧 đến thăm ❤️', 'multiline')).toBeNull() // joiners and a variation selector
    expect(textProblem('', 'line')).toBeNull() // whether a value is required is for the schema's length rule
  })

  it('refuses control characters, NUL included, in every kind of text', () => {
    for (const bad of ['Nguyễn\u0000Văn', 'A\u0007B', 'Lê\u001bVăn', 'DEL\u007f', 'C1\u0085', 'C1\u009b']) {
      expect(textProblem(bad, 'line')).toBe(TEXT_MESSAGES.control)
      expect(textProblem(bad, 'multiline')).toBe(TEXT_MESSAGES.control)
    }
  })

  it('keeps names on one line', () => {
    for (const bad of ['Nguyễn\nVăn', 'Nguyễn\tVăn', 'Nguyễn\rVăn', 'Nguyễn\u2028Văn']) expect(textProblem(bad, 'line')).toBe(TEXT_MESSAGES.lineBreak)
  })

  it('refuses bidirectional overrides, embeddings, isolates and marks', () => {
    for (const bad of ['Nguyễn \u202eếyugN', 'A\u202aB\u202c', 'A\u2066B\u2069', 'A\u200fB', 'A\u061cB']) {
      expect(textProblem(bad, 'line')).toBe(TEXT_MESSAGES.bidi)
      expect(textProblem(bad, 'multiline')).toBe(TEXT_MESSAGES.bidi)
    }
  })

  it('refuses values made only of invisible characters, and invisible characters inside a name', () => {
    for (const blank of ['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff\u00ad', '\u3164', '\u200b \u200b']) {
      expect(textProblem(blank, 'line')).toBe(TEXT_MESSAGES.noVisible)
      expect(textProblem(blank, 'multiline')).toBe(TEXT_MESSAGES.noVisible)
    }
    expect(textProblem('\u0301\u0300', 'multiline')).toBe(TEXT_MESSAGES.noVisible) // marks on nothing
    expect(textProblem('Ng\u200buyễn', 'line')).toBe(TEXT_MESSAGES.invisible)
    expect(textProblem('Lê\u00adVăn', 'line')).toBe(TEXT_MESSAGES.invisible)
    expect(textProblem('Ng\u200buyễn', 'multiline')).toBeNull()
  })

  it('refuses floods of combining marks, allowing the two Vietnamese needs and one more', () => {
    expect(textProblem('a\u0302\u0323', 'line')).toBeNull() // ậ decomposed
    expect(textProblem('a\u0302\u0323\u0301', 'line')).toBeNull()
    expect(textProblem('a\u0302\u0323\u0301\u0300', 'line')).toBe(TEXT_MESSAGES.marks)
    expect(textProblem(`Z${'\u0336\u0317\u0353'.repeat(10)}algo`, 'multiline')).toBe(TEXT_MESSAGES.marks)
  })

  it('refuses broken UTF-16 (a lone surrogate)', () => {
    expect(textProblem('Lê \ud800 Văn', 'line')).toBe(TEXT_MESSAGES.broken)
    expect(textProblem('Lê 😀 Văn', 'multiline')).toBeNull()
  })
})

describe('a text field', () => {
  const Name = v.pipe(TextField('line'), v.minLength(2, 'is required'))

  it('is trimmed and NFC', () => {
    const nfd = '  Nguyễn Thị Ánh \n'.normalize('NFD')
    expect(v.parse(Name, nfd)).toBe('Nguyễn Thị Ánh'.normalize('NFC'))
  })

  it('reports the rule broken as its message', () => {
    const result = v.safeParse(Name, 'Nguyễn\u202e')
    expect(result.success).toBe(false)
    expect(result.issues?.[0]?.message).toBe(TEXT_MESSAGES.bidi)
  })
})

describe('text kept but never refused', () => {
  it('loses what the rule refuses: an uploaded file name keeps its words', () => {
    expect(withoutUnsafeCharacters('danh-sach\u202excslx.exe')).toBe('danh-sachxcslx.exe')
    expect(withoutUnsafeCharacters(' Danh\u0000 sách\u200b.xlsx '.normalize('NFD'))).toBe('Danh sách.xlsx')
  })
})

describe('text a spreadsheet would run', () => {
  it('begins with = + - or @, after any blanks', () => {
    for (const formula of ['=1+1', '+84912345678', '-2+3', '@SUM(A1)', ' =HYPERLINK("x")', '\t=1']) expect(looksLikeFormula(formula)).toBe(true)
    for (const text of ['Nguyễn Văn A', '0912345678', 'a=b', '1-2', '']) expect(looksLikeFormula(text)).toBe(false)
  })
})
