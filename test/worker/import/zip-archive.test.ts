import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { inflateBounded, MAX_OVERSHOOT_BYTES } from '../../../worker/import/bounded-inflate.ts'
import type { InflateMeter } from '../../../worker/import/raw-table.ts'
import { readTable, TableReadError } from '../../../worker/import/read-table.ts'
import { listEntries, MAX_COMPRESSION_RATIO, RATIO_GRACE_BYTES, readEntry, TOO_COMPRESSED, TOO_LARGE } from '../../../worker/import/zip-archive.ts'
import { writeXlsx } from '../../../worker/lib/xlsx-writer.ts'
import { forgeDeclaredSize, xlsxBomb } from '../../helpers/zip-bomb.ts'

const MiB = 1024 * 1024
const LIMITS = { maxRows: 20_000, maxUncompressedBytes: 50 * MiB }

function readError(bytes: Uint8Array, meter?: InflateMeter): TableReadError {
  try {
    readTable(bytes, meter ? { ...LIMITS, meter } : LIMITS)
  } catch (error) {
    if (error instanceof TableReadError) return error
    throw error
  }
  throw new Error('expected a TableReadError')
}

describe('inflating within bounds', () => {
  const spaces = deflateSync(new Uint8Array(64 * MiB).fill(0x20), { level: 9 }) // ~64 KB: a ratio of ~1000

  it('stops at the first slice past the budget, never more than 66 KB over, whatever the input holds', () => {
    const result = inflateBounded(spaces, { maxBytes: 8 * MiB, maxRatio: 10_000, ratioGraceBytes: 0 })
    expect(result).toMatchObject({ ok: false, over: 'budget' })
    if (result.ok) return
    expect(result.inflatedBytes).toBeGreaterThan(8 * MiB)
    expect(result.inflatedBytes).toBeLessThanOrEqual(8 * MiB + MAX_OVERSHOOT_BYTES)
  })

  it('stops a stream that inflates beyond the ratio once past the grace, long before the budget', () => {
    const result = inflateBounded(spaces, { maxBytes: 1024 * MiB, maxRatio: MAX_COMPRESSION_RATIO, ratioGraceBytes: RATIO_GRACE_BYTES })
    expect(result).toMatchObject({ ok: false, over: 'ratio' })
    if (result.ok) return
    expect(result.inflatedBytes).toBeLessThan(RATIO_GRACE_BYTES + MAX_OVERSHOOT_BYTES)
  })

  it('gives back exactly what was deflated when it stays within both bounds', () => {
    const text = strToU8(
      Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>Người Thử ${i * 7919}</t></is></c></row>`).join(''),
    )
    const deflated = deflateSync(text)
    const result = inflateBounded(deflated, { maxBytes: text.length, maxRatio: MAX_COMPRESSION_RATIO, ratioGraceBytes: RATIO_GRACE_BYTES })
    expect(result.ok && Buffer.from(result.data).equals(Buffer.from(text))).toBe(true)
    expect(inflateBounded(deflated, { maxBytes: text.length - 1, maxRatio: MAX_COMPRESSION_RATIO, ratioGraceBytes: RATIO_GRACE_BYTES })).toMatchObject({
      ok: false,
      over: 'budget',
    })
  })
})

describe('a zip bomb uploaded as a workbook', () => {
  // ~95 MiB of empty cells from ~99 KB, as in the report that found the stall (7.4 s for one upload).
  const bomb = xlsxBomb({ unpackedBytes: 95 * MiB })
  // What reading must inflate before it reaches the sheet: the workbook and its relationships.
  const WORKBOOK_AND_RELS = Object.values(unzipSync(bomb, { filter: (part) => !part.name.startsWith('xl/worksheets/') })).reduce(
    (n, part) => n + part.length,
    0,
  )

  it('is refused as too_large before inflating when it declares its size honestly (over the budget)', () => {
    expect(bomb.length).toBeLessThan(110_000)
    const meter = { inflatedBytes: 0 }
    expect(readError(bomb, meter)).toMatchObject({ code: 'too_large', message: TOO_LARGE })
    expect(meter.inflatedBytes).toBe(WORKBOOK_AND_RELS) // of the sheet, nothing
  })

  it('is stopped while inflating, just past the ratio bound, when it declares a small size to slip past that check', () => {
    const forged = forgeDeclaredSize(bomb, 'xl/worksheets/sheet1.xml', 1000)
    expect(listEntries(forged).find((e) => e.name === 'xl/worksheets/sheet1.xml')!.declaredSize).toBe(1000)
    const meter = { inflatedBytes: 0 }
    expect(readError(forged, meter)).toMatchObject({ code: 'too_large', message: TOO_COMPRESSED })
    // Before the bound all 95 MiB were inflated (~5.8 s of CPU). It inflates ~1,000:1, so it is over the 100:1
    // bound as soon as the grace is used up, and stopped within one slice of it.
    expect(meter.inflatedBytes).toBeGreaterThan(RATIO_GRACE_BYTES)
    expect(meter.inflatedBytes).toBeLessThanOrEqual(WORKBOOK_AND_RELS + RATIO_GRACE_BYTES + MAX_OVERSHOOT_BYTES)
  })

  it('is stopped by the ratio when its honest size fits the budget', () => {
    expect(readError(xlsxBomb({ unpackedBytes: 40 * MiB }))).toMatchObject({ code: 'too_large', message: TOO_COMPRESSED })
  })

  it('is held to the budget even at a ratio that passes: a part may not unpack beyond what is left', () => {
    // Varied rows deflate ~25:1 (a real sheet's ratio), within the ratio bound; the budget still applies.
    const rows = Array.from({ length: 20_000 }, (_, r) => [`Nguyễn Thị Hồng ${r * 7919}`, `Thôn ${r % 97}, xã Tân Lập`, 30_000 + r])
    const bytes = writeXlsx([{ name: 'Danh sách', header: ['Họ và tên', 'Địa chỉ', 'Số'], rows }])
    const sheet = listEntries(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!
    expect(sheet.declaredSize / sheet.compressedSize).toBeLessThan(MAX_COMPRESSION_RATIO)
    const refused = { left: sheet.declaredSize - 1, inflated: 0 }
    expect(() => readEntry(bytes, { ...sheet, declaredSize: 0 }, refused)).toThrow(TOO_LARGE)
    expect(refused.inflated).toBeGreaterThan(refused.left) // stopped past the bound, within one slice
    expect(refused.inflated).toBeLessThanOrEqual(refused.left + MAX_OVERSHOOT_BYTES)
    const budget = { left: sheet.declaredSize, inflated: 0 }
    expect(readEntry(bytes, sheet, budget)).toHaveLength(sheet.declaredSize)
    expect(budget).toEqual({ left: 0, inflated: sheet.declaredSize })
    expect(readTable(bytes, LIMITS).rows).toHaveLength(20_000)
  })
})

describe('the central directory', () => {
  const workbook = (level: 0 | 6) =>
    zipSync(
      {
        'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': strToU8(
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row></sheetData></worksheet>',
        ),
      },
      { level },
    )

  it('reads stored (uncompressed) entries as well as deflated ones', () => {
    expect(readTable(workbook(0), LIMITS).header).toEqual(['Họ và tên'])
    expect(readTable(workbook(6), LIMITS).header).toEqual(['Họ và tên'])
  })

  it('finds entries written with data descriptors, whose local headers carry no sizes', () => {
    const bytes = xlsxBomb({ unpackedBytes: 1000, filler: ' ' })
    expect(new DataView(bytes.buffer).getUint16(6, true) & 8).toBe(8) // bit 3: sizes follow the data
    expect(readTable(bytes, LIMITS).header).toEqual(['Họ và tên'])
  })

  it('reads ZIP64 sizes and offsets from the extra field', () => {
    const files: [string, string][] = [
      ['xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Số CCCD</t></is></c></row></sheetData></worksheet>'],
    ]
    const bytes = zip64(files)
    expect(listEntries(bytes).map((e) => e.declaredSize)).toEqual(files.map(([, text]) => strToU8(text).length))
    expect(readTable(bytes, LIMITS).header).toEqual(['Số CCCD'])
  })

  it('refuses encrypted entries and unknown compression methods as damaged', () => {
    const bytes = workbook(6)
    const encrypted = bytes.slice()
    const view = new DataView(encrypted.buffer)
    let at = encrypted.length - 22
    while (view.getUint32(at, true) !== 0x06054b50) at--
    const central = view.getUint32(at + 16, true)
    view.setUint16(central + 8, view.getUint16(central + 8, true) | 1, true)
    expect(readError(encrypted).code).toBe('not_a_spreadsheet')
    const unknown = bytes.slice()
    new DataView(unknown.buffer).setUint16(central + 10, 12, true) // bzip2
    expect(readError(unknown).code).toBe('not_a_spreadsheet')
  })
})

/** A ZIP64 archive of stored entries, every size and offset in the 0x0001 extra field, with a ZIP64 end record. */
function zip64(files: [string, string][]): Uint8Array {
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const [name, text] of files) {
    const [nameBytes, data] = [strToU8(name), strToU8(text)]
    const local = new DataView(new ArrayBuffer(30))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 45, true)
    local.setUint32(18, data.length, true)
    local.setUint32(22, data.length, true)
    local.setUint16(26, nameBytes.length, true)
    const header = new DataView(new ArrayBuffer(46 + nameBytes.length + 28))
    header.setUint32(0, 0x02014b50, true)
    header.setUint16(4, 45, true)
    header.setUint16(6, 45, true)
    for (const field of [20, 24, 42]) header.setUint32(field, 0xffffffff, true)
    header.setUint16(28, nameBytes.length, true)
    header.setUint16(30, 28, true)
    new Uint8Array(header.buffer).set(nameBytes, 46)
    const extra = 46 + nameBytes.length
    header.setUint16(extra, 0x0001, true)
    header.setUint16(extra + 2, 24, true)
    header.setBigUint64(extra + 4, BigInt(data.length), true)
    header.setBigUint64(extra + 12, BigInt(data.length), true)
    header.setBigUint64(extra + 20, BigInt(offset), true)
    parts.push(new Uint8Array(local.buffer), nameBytes, data)
    central.push(new Uint8Array(header.buffer))
    offset += 30 + nameBytes.length + data.length
  }
  const centralSize = central.reduce((sum, c) => sum + c.length, 0)
  const end = new DataView(new ArrayBuffer(56 + 20 + 22))
  end.setUint32(0, 0x06064b50, true)
  end.setBigUint64(4, 44n, true)
  end.setBigUint64(24, BigInt(files.length), true)
  end.setBigUint64(32, BigInt(files.length), true)
  end.setBigUint64(40, BigInt(centralSize), true)
  end.setBigUint64(48, BigInt(offset), true)
  end.setUint32(56, 0x07064b50, true)
  end.setBigUint64(64, BigInt(offset + centralSize), true)
  end.setUint32(72, 1, true)
  end.setUint32(76, 0x06054b50, true)
  end.setUint16(76 + 8, 0xffff, true)
  end.setUint16(76 + 10, 0xffff, true)
  end.setUint32(76 + 12, 0xffffffff, true)
  end.setUint32(76 + 16, 0xffffffff, true)
  const all = [...parts, ...central, new Uint8Array(end.buffer)]
  const out = new Uint8Array(all.reduce((sum, p) => sum + p.length, 0))
  let at = 0
  for (const p of all) {
    out.set(p, at)
    at += p.length
  }
  return out
}
