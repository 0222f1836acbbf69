// What an evidence file may be (decision 0038), read by the server before it stores a byte and by the phone
// before it queues one: the same answer both sides.

/**
 * 5 MB per file: a photo shrunk on the phone is at most 400 KB and a scanned multi-page PDF a few MB, while a
 * province's whole year of dossiers (168 communes × ~20 files) stays within a few GB of storage.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

/** Bytes per PUT: small enough that a request on 2G finishes in ~30 s, so a cut costs at most that. */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024

export const attachmentContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type AttachmentContentType = (typeof attachmentContentTypes)[number]

const signatures: readonly { type: AttachmentContentType; bytes: readonly number[] }[] = [
  // "%PDF-": the header PDF readers look for (ISO 32000-1 §7.5.2).
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker then the first segment's marker byte.
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
]

/** Bytes needed to tell the types apart. */
export const SNIFF_BYTES = 8

/** The type the file's first bytes show, whatever its name says; undefined for anything else. */
export function sniffContentType(head: Uint8Array): AttachmentContentType | undefined {
  return signatures.find((s) => s.bytes.every((byte, i) => head[i] === byte))?.type
}

/** The file name as shown and offered on download: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim()
  return clean.slice(0, 200) || 'tep-dinh-kem'
}
