// The file-system blob store (decision 0038) on real files: private modes, whole-file writes, missing keys.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileBlobStore } from '../../worker/storage/blob-store.node.ts'
import { sha256 } from '../helpers/evidence-files.ts'

const root = mkdtempSync(join(tmpdir(), 'binhan-blobs-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const store = createFileBlobStore(join(root, 'attachments'))

describe('the file-system blob store', () => {
  it('writes files 0600 in directories 0700 and answers their size and SHA-256', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 thử nghiệm')
    expect(await store.put('82/abc', bytes)).toEqual({ size: bytes.byteLength, sha256: sha256(bytes) })
    expect(statSync(join(root, 'attachments', '82', 'abc')).mode & 0o777).toBe(0o600)
    expect(statSync(join(root, 'attachments', '82')).mode & 0o777).toBe(0o700)
    expect(statSync(join(root, 'attachments')).mode & 0o777).toBe(0o700)
    expect(await store.get('82/abc')).toEqual({ bytes, size: bytes.byteLength, sha256: sha256(bytes) })
  })

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await store.put('82/twice', new Uint8Array([1, 2, 3]))
    await store.put('82/twice', new Uint8Array([4, 5]))
    expect((await store.get('82/twice'))?.bytes).toEqual(new Uint8Array([4, 5]))
    expect(readdirSync(join(root, 'attachments', '82')).filter((name) => name.includes('.tmp-'))).toEqual([])
  })

  it('answers undefined for a missing key and deletes twice without error', async () => {
    expect(await store.get('82/none')).toBeUndefined()
    await store.put('82/gone', new Uint8Array([1]))
    await store.delete('82/gone')
    await store.delete('82/gone')
    expect(await store.get('82/gone')).toBeUndefined()
  })

  it('refuses keys that could leave its directory', async () => {
    for (const key of ['../x', '82/../../x', '/etc/passwd', '', '82//x', '.hidden'])
      await expect(store.put(key, new Uint8Array([1])), key).rejects.toThrow('Invalid blob key')
  })
})
