import { randomUUID } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../db/private-files.ts'
import { checkKey, sha256Hex, type BlobStore } from './blob-store.ts'

/**
 * Files under `root` (DATA_DIR/attachments): directories 0700, files 0600, as the databases (README
 * "Operations"). A write goes to a temporary file renamed into place, so a reader never sees half a file and a
 * crash leaves at most a stray `.tmp-*` beside it.
 */
export function createFileBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => join(root, ...checkKey(key).split('/'))
  return {
    async put(key, bytes) {
      const path = pathOf(key)
      ensurePrivateDir(dirname(path))
      const temp = `${path}.tmp-${randomUUID()}`
      await writeFile(temp, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' })
      await rename(temp, path)
      return { size: bytes.byteLength, sha256: await sha256Hex(bytes) }
    },
    async get(key) {
      try {
        const bytes = new Uint8Array(await readFile(pathOf(key)))
        return { bytes, size: bytes.byteLength, sha256: await sha256Hex(bytes) }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
