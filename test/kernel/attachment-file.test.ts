import { describe, expect, it } from 'vitest'
import { cleanFileName, sniffContentType } from '../../kernel/domain/attachment-file.ts'
import { executable, JPEG, pdf, png } from '../helpers/evidence-files.ts'

const text = (value: string) => new TextEncoder().encode(value)

describe('what a file is, by its first bytes', () => {
  it('tells PDF, JPEG and PNG apart', () => {
    expect(sniffContentType(pdf())).toBe('application/pdf')
    expect(sniffContentType(JPEG)).toBe('image/jpeg')
    expect(sniffContentType(png())).toBe('image/png')
  })

  it('knows nothing else: a program, a text, an HTML page, a GIF, a file cut before its signature', () => {
    for (const bytes of [executable(), text('%PDX-1.4'), text('<html><script>'), text('GIF89a'), new Uint8Array([0x89, 0x50, 0x4e]), new Uint8Array()])
      expect(sniffContentType(bytes)).toBeUndefined()
  })
})

describe('the file name shown', () => {
  it('keeps the name as given, Vietnamese and all, without a path or control characters', () => {
    expect(cleanFileName('Biên bản kiểm tra.pdf')).toBe('Biên bản kiểm tra.pdf')
    expect(cleanFileName('C:\\Users\\a\\ảnh.jpg')).toBe('ảnh.jpg')
    expect(cleanFileName('../../etc/passwd')).toBe('passwd')
    expect(cleanFileName('a\u0000b\u202ec.jpg')).toBe('abc.jpg')
    expect(cleanFileName('   ')).toBe('tep-dinh-kem')
    expect(cleanFileName('x'.repeat(300))).toHaveLength(200)
  })
})
