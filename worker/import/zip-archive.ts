// The entries of a ZIP archive (an .xlsx), read from its central directory, and one entry's bytes inflated
// within a budget. See read-xlsx.ts and decision 0019.
import { inflateBounded, type InflateBounds } from './bounded-inflate.ts'
import { DAMAGED, fail, UPLOAD_AGAIN } from './raw-table.ts'

export interface ZipEntry {
  /** As stored, slashes normalised and lower-cased (OPC part names are case-insensitive). */
  name: string
  method: number
  isEncrypted: boolean
  compressedSize: number
  /** What the archive claims; a forged claim is caught while inflating. */
  declaredSize: number
  localHeaderOffset: number
}

/** Compressed bytes per byte unpacked beyond which a part is refused (Apache POI's default, 1 %). */
export const MAX_COMPRESSION_RATIO = 100
/** A part smaller than this is not held to the ratio: short XML can compress better. */
export const RATIO_GRACE_BYTES = 1024 * 1024

export const TOO_LARGE = `The workbook is too large once unpacked: delete other sheets and pictures, or save the list as CSV UTF-8, ${UPLOAD_AGAIN}`
export const TOO_COMPRESSED = `The workbook unpacks to far more than its size (a "zip bomb", or a sheet with a huge formatted empty area): copy the list into a new workbook, or save it as CSV UTF-8, ${UPLOAD_AGAIN}`

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/**
 * The central directory is the archive's own index (as fflate's unzipSync reads it), so entries written with
 * data descriptors, whose local headers carry no sizes, are found like any other. Anything out of bounds is a
 * damaged file.
 */
export function listEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : fail('not_a_spreadsheet', DAMAGED))
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : fail('not_a_spreadsheet', DAMAGED))
  const u64 = (at: number) => (at + 8 <= bytes.length ? Number(view.getBigUint64(at, true)) : fail('not_a_spreadsheet', DAMAGED))

  let end = bytes.length - 22
  const stop = Math.max(0, end - 65_535)
  while (end >= stop && view.getUint32(end, true) !== EOCD) end--
  if (end < stop) return fail('not_a_spreadsheet', DAMAGED)
  let count = u16(end + 10)
  let offset = u32(end + 16)
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const zip64 = u64(end - 12)
    if (u32(zip64) !== ZIP64_EOCD) return fail('not_a_spreadsheet', DAMAGED)
    count = u64(zip64 + 32)
    offset = u64(zip64 + 48)
  }

  const entries: ZipEntry[] = []
  const decoder = new TextDecoder()
  for (let i = 0, at = offset; i < count; i++) {
    if (u32(at) !== CENTRAL) return fail('not_a_spreadsheet', DAMAGED)
    const [nameLength, extraLength, commentLength] = [u16(at + 28), u16(at + 30), u16(at + 32)]
    if (at + 46 + nameLength + extraLength > bytes.length) return fail('not_a_spreadsheet', DAMAGED)
    let [compressedSize, declaredSize, localHeaderOffset] = [u32(at + 20), u32(at + 24), u32(at + 42)]
    // ZIP64: the 8-byte values sit in extra field 0x0001, in this order, only for the fields marked 0xffffffff.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
      if (u16(x) !== 0x0001) continue
      let field = x + 4
      if (declaredSize === 0xffffffff) {
        declaredSize = u64(field)
        field += 8
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(field)
        field += 8
      }
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(field)
    }
    entries.push({
      name: partName(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))),
      method: u16(at + 10),
      isEncrypted: (u16(at + 8) & 1) === 1,
      compressedSize,
      declaredSize,
      localHeaderOffset,
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

// Part names are case-insensitive in OPC; some writers add a leading slash or use backslashes.
export const partName = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase()

/** Output left for the parts of one workbook: every part read is charged to it. */
export interface UnpackBudget {
  left: number
  /** Bytes inflated so far, a refused part's included. */
  inflated: number
}

/**
 * One entry's bytes. A declared size over the budget is refused before anything is inflated; the real size is
 * bounded while inflating, by the budget and by MAX_COMPRESSION_RATIO, whatever the archive declared.
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, budget: UnpackBudget): Uint8Array {
  if (entry.isEncrypted || (entry.method !== 0 && entry.method !== 8)) return fail('not_a_spreadsheet', DAMAGED)
  if (entry.declaredSize > budget.left) return fail('too_large', TOO_LARGE)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) return fail('not_a_spreadsheet', DAMAGED)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  if (start + entry.compressedSize > bytes.length) return fail('not_a_spreadsheet', DAMAGED)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) {
    if (data.length > budget.left) return fail('too_large', TOO_LARGE)
    budget.left -= data.length
    return data
  }
  if (data.length === 0) return data
  const bounds: InflateBounds = { maxBytes: budget.left, maxRatio: MAX_COMPRESSION_RATIO, ratioGraceBytes: RATIO_GRACE_BYTES }
  const result = inflateBounded(data, bounds)
  budget.inflated += result.ok ? result.data.length : result.inflatedBytes
  if (!result.ok) return fail('too_large', result.over === 'budget' ? TOO_LARGE : TOO_COMPRESSED)
  budget.left -= result.data.length
  return result.data
}
