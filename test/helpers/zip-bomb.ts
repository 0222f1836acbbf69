// Zip bombs built in the test, with fflate: an .xlsx whose worksheet is a long run of one small piece of XML.
// No binary fixture: what the bomb is stays readable here.
import { strToU8, Zip, ZipDeflate } from 'fflate'

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export interface BombOptions {
  /** The worksheet's size once inflated. */
  unpackedBytes: number
  /** What the worksheet repeats: empty cells by default (the costliest to scan). */
  filler?: string
  /** Writes this uncompressed size into the central directory, as a crafted bomb would to pass a size check. */
  declaredSize?: number
}

/**
 * A valid workbook (workbook, relationships, one sheet with a header cell) whose sheet inflates to
 * `unpackedBytes`. Streamed through fflate's Zip, so entries carry data descriptors (sizes after the data),
 * as many writers produce them. ~95 MiB of empty cells deflates to ~99 KB.
 */
export function xlsxBomb({ unpackedBytes, filler = '<c/>', declaredSize }: BombOptions): Uint8Array {
  const chunks: Uint8Array[] = []
  const zip = new Zip((err, data) => {
    if (err) throw err
    chunks.push(data)
  })
  const add = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 9 })
    zip.add(file)
    file.push(strToU8(text), true)
  }
  add('xl/workbook.xml', `<workbook xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)
  add('xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 })
  zip.add(sheet)
  const head = strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>')
  const tail = strToU8('</row></sheetData></worksheet>')
  sheet.push(head)
  const block = strToU8(filler.repeat(Math.ceil((1024 * 1024) / filler.length)).slice(0, 1024 * 1024))
  let left = unpackedBytes - head.length - tail.length
  for (; left > block.length; left -= block.length) sheet.push(block)
  sheet.push(block.subarray(0, Math.max(0, left)))
  sheet.push(tail, true)
  zip.end()
  const bytes = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0))
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return declaredSize === undefined ? bytes : forgeDeclaredSize(bytes, 'xl/worksheets/sheet1.xml', declaredSize)
}

/** Rewrites the uncompressed size an entry declares in the central directory (and in its data descriptor). */
export function forgeDeclaredSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const bytes = zip.slice()
  const view = new DataView(bytes.buffer)
  let end = bytes.length - 22
  while (view.getUint32(end, true) !== 0x06054b50) end--
  for (let at = view.getUint32(end + 16, true); view.getUint32(at, true) === 0x02014b50; ) {
    const [nameLength, extraLength, commentLength] = [view.getUint16(at + 28, true), view.getUint16(at + 30, true), view.getUint16(at + 32, true)]
    if (new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)) === entry) view.setUint32(at + 24, size, true)
    at += 46 + nameLength + extraLength + commentLength
  }
  return bytes
}
