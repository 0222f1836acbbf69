// Photos shrink on the phone before they queue (decision 0038): a 4 MB camera picture of a signed paper would
// take minutes on 2G and fill the phone's storage while it waits. JPEG again, at falling quality and then a
// smaller size, until it fits; text stays legible because the size falls only after quality has.

/** Target after shrinking: a 4 MB photo becomes at most this (issue 17). */
export const PHOTO_TARGET_BYTES = 400_000
/** Long side first tried: enough for a signature and 10-point print on an A4 page photographed whole. */
const FIRST_LONG_SIDE = 2048
const QUALITIES = [0.82, 0.72, 0.62, 0.52]
const SCALE_STEP = 0.8
const MAX_ROUNDS = 8

export interface ShrunkPhoto {
  blob: Blob
  width: number
  height: number
  quality: number
}

type Canvas = OffscreenCanvas | HTMLCanvasElement

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

function encode(canvas: Canvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality })
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/jpeg', quality))
}

/** The photo as a JPEG of at most `target` bytes (a file already that small is kept as it is). */
export async function shrinkPhoto(file: Blob, target: number = PHOTO_TARGET_BYTES): Promise<ShrunkPhoto> {
  // The camera's orientation (EXIF) is applied, so the paper is upright once re-encoded without it.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  try {
    const { width, height } = bitmap
    // Small enough already (a phone that shrinks itself, a PNG screenshot): sent as it is.
    if (file.size <= target) return { blob: file, width, height, quality: 1 }
    let scale = Math.min(1, FIRST_LONG_SIDE / Math.max(width, height))
    let last: ShrunkPhoto | undefined
    for (let round = 0; round < MAX_ROUNDS; round++, scale *= SCALE_STEP) {
      const w = Math.max(1, Math.round(width * scale))
      const h = Math.max(1, Math.round(height * scale))
      const canvas = canvasOf(w, h)
      const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
      if (!context) throw new Error('no 2d context')
      // A PNG's transparent parts would turn black in a JPEG: paper is white.
      context.fillStyle = '#fff'
      context.fillRect(0, 0, w, h)
      context.imageSmoothingQuality = 'high'
      context.drawImage(bitmap, 0, 0, w, h)
      for (const quality of QUALITIES) {
        last = { blob: await encode(canvas, quality), width: w, height: h, quality }
        if (last.blob.size <= target) return last
      }
    }
    if (!last) throw new Error('not shrunk')
    return last
  } finally {
    bitmap.close()
  }
}
