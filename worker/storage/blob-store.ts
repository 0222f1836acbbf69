// One storage interface for uploaded files (decision 0038): R2 on Workers (blob-store.r2.ts), the file system
// on Node (blob-store.node.ts). Keys are the app's own (`<province>/<attachment id>[.part<n>]`), never a
// name a client gave, so no store has to guard against paths like `../`; each still checks the key's shape.

export interface StoredBlob {
  size: number
  /** Lower-case hex SHA-256 of the bytes, computed by the store as it wrote them. */
  sha256: string
}

export interface BlobStore {
  /** Writes the whole object (replacing one under the same key) and answers what it wrote. */
  put(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<StoredBlob>
  /** The object's bytes, or undefined when there is none under the key. */
  get(key: string): Promise<(StoredBlob & { bytes: Uint8Array<ArrayBuffer> }) | undefined>
  /** Removes the object; a missing one is not an error (retries delete twice). */
  delete(key: string): Promise<void>
}

const KEY = /^[0-9A-Za-z][0-9A-Za-z._-]*(\/[0-9A-Za-z][0-9A-Za-z._-]*)*$/

/** Throws on a key a store must never see (empty, absolute, `..`, odd characters): a bug, not a user error. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) throw new Error('Invalid blob key')
  return key
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}
