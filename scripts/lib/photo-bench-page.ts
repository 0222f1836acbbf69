// Bundled by scripts/bench-photo.ts into the page: the phone's own shrinkPhoto on photos drawn in the page.
import { shrinkPhoto } from '../../web/src/evidence/shrink-photo.ts'
import { drawPaperPhoto } from './paper-photo.ts'

export interface PhotoCase {
  width: number
  height: number
  minBytes: number
}

export interface PhotoResult {
  inputBytes: number
  outputBytes: number
  width: number
  height: number
  quality: number
  ms: number
}

async function benchPhoto(spec: PhotoCase): Promise<PhotoResult> {
  const photo = await drawPaperPhoto(spec)
  const binary = atob(photo.base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const started = performance.now()
  const shrunk = await shrinkPhoto(new Blob([bytes], { type: 'image/jpeg' }))
  return {
    inputBytes: photo.bytes,
    outputBytes: shrunk.blob.size,
    width: shrunk.width,
    height: shrunk.height,
    quality: shrunk.quality,
    ms: performance.now() - started,
  }
}

Object.assign(globalThis, { benchPhoto })
