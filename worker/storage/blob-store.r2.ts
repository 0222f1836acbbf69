import { checkKey, sha256Hex, type BlobStore } from './blob-store.ts'

/**
 * The parts of an R2 bucket binding (wrangler.toml [[r2_buckets]], binding EVIDENCE) used here; declared
 * locally so the Workers types do not clash with the DOM types the rest of the project uses.
 */
export interface R2BucketLike {
  put(key: string, value: Uint8Array<ArrayBuffer>, options?: { sha256?: string; customMetadata?: Record<string, string> }): Promise<unknown>
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; size: number } | null>
  delete(key: string): Promise<void>
}

/** R2 checks the SHA-256 given with a put and refuses the write when the bytes that arrived differ. */
export function createR2BlobStore(bucket: R2BucketLike): BlobStore {
  return {
    async put(key, bytes) {
      const sha256 = await sha256Hex(bytes)
      await bucket.put(checkKey(key), bytes, { sha256 })
      return { size: bytes.byteLength, sha256 }
    },
    async get(key) {
      const object = await bucket.get(checkKey(key))
      if (!object) return undefined
      const bytes = new Uint8Array(await object.arrayBuffer())
      return { bytes, size: bytes.byteLength, sha256: await sha256Hex(bytes) }
    },
    async delete(key) {
      await bucket.delete(checkKey(key))
    },
  }
}
