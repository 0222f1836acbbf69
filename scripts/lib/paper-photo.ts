// A synthetic camera photo of a signed paper, drawn in the browser (Chromium): paper grain, lines of print, a
// signature and a red stamp, under uneven light, as a high-quality JPEG of at least `minBytes`. Used by the e2e
// test and `npm run bench:photo`. Self-contained: Playwright sends the function's source to the page.

export interface PaperPhoto {
  base64: string
  bytes: number
  width: number
  height: number
}

export async function drawPaperPhoto({ width, height, minBytes }: { width: number; height: number; minBytes: number }): Promise<PaperPhoto> {
  const canvas = new OffscreenCanvas(width, height)
  const g = canvas.getContext('2d')!
  const light = g.createRadialGradient(width * 0.3, height * 0.3, 0, width * 0.5, height * 0.5, width * 0.8)
  light.addColorStop(0, '#f7f4ec')
  light.addColorStop(1, '#cfc8b8')
  g.fillStyle = light
  g.fillRect(0, 0, width, height)
  g.fillStyle = '#1d1d28'
  const size = Math.round(height / 70)
  g.font = `${size}px serif`
  for (let line = 0, y = size * 4; y < height * 0.8; line++, y += size * 1.6) {
    g.fillText(`${line + 1}. Biên bản kiểm tra (thử nghiệm) — xã mẫu, tiêu chí số ${line + 1}: đạt; số liệu ${(line * 37) % 101}.`, size * 3, y)
  }
  g.strokeStyle = '#182a8a'
  g.lineWidth = size / 5
  g.beginPath()
  for (let x = 0; x < width * 0.25; x += 4) g.lineTo(width * 0.6 + x, height * 0.88 + Math.sin(x / 23) * size * 1.5)
  g.stroke()
  g.strokeStyle = '#c0262d'
  g.lineWidth = size / 3
  g.beginPath()
  g.arc(width * 0.7, height * 0.86, size * 4, 0, Math.PI * 2)
  g.stroke()
  // Sensor noise: what makes a real photo large, and what a re-encode has to deal with.
  const image = g.getImageData(0, 0, width, height)
  let seed = 12345
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const n = (seed % 25) - 12
    image.data[i] = image.data[i]! + n
    image.data[i + 1] = image.data[i + 1]! + n
    image.data[i + 2] = image.data[i + 2]! + n
  }
  g.putImageData(image, 0, 0)
  let blob: Blob | undefined
  for (const quality of [0.8, 0.85, 0.9, 0.93, 0.96, 0.98, 1]) {
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality })
    if (blob.size >= minBytes) break
  }
  const bytes = new Uint8Array(await blob!.arrayBuffer())
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { base64: btoa(text), bytes: bytes.length, width, height }
}
