// Issue 17 point 5 (decision 0038), in Chromium at 360 px: the demo commune officer attaches a 4 MB photo of a
// signed paper, which the phone shrinks to at most 400 KB before it uploads; a file picked offline waits on the
// phone and uploads once the connection is back; a renamed program is refused on the phone.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drawPaperPhoto } from '../../scripts/lib/paper-photo.ts'
import { evidenceLabel } from '../../web/src/evidence/labels.ts'
import { executable, png } from '../helpers/evidence-files.ts'
import { MOBILE, expectAccessible, goVia, signIn, useBrowser, vi, withPage } from './helpers.ts'

const browser = useBrowser()
const l = (key: Parameters<typeof evidenceLabel>[1], params?: Record<string, string | number>) => evidenceLabel('vi', key, params)
const field = (page: Page) => page.getByRole('group', { name: l('title') })
const picker = (page: Page) => field(page).getByLabel(l('pick'))

/** The server's record of the file behind the field's download link. */
async function uploaded(page: Page, fileName: string): Promise<{ size: number; contentType: string; state: string }> {
  const href = await field(page).getByRole('link', { name: fileName }).getAttribute('href')
  return page.evaluate(async (url) => (await (await fetch(url.replace(/\/content$/, ''))).json()).data, href!)
}

describe('evidence files (commune officer)', () => {
  it('shrinks a 4 MB photo to at most 400 KB, queues a file picked offline and uploads it back online', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, 'demo-commune-82')
      await goVia(page, 'nav.activities', vi['activities.title'])
      await picker(page).waitFor()

      const photo = await page.evaluate(drawPaperPhoto, { width: 4000, height: 3000, minBytes: 4_000_000 })
      expect(photo.bytes).toBeGreaterThanOrEqual(4_000_000)
      const name = `bien-ban-ky-${Date.now() % 100_000}.jpg`
      await picker(page).setInputFiles({ name, mimeType: 'image/jpeg', buffer: Buffer.from(photo.base64, 'base64') })
      await field(page).getByRole('link', { name }).waitFor({ timeout: 60_000 })
      const sent = await uploaded(page, name)
      expect(sent).toMatchObject({ state: 'complete', contentType: 'image/jpeg' })
      expect(sent.size).toBeLessThanOrEqual(400_000)
      expect(sent.size).toBeGreaterThan(50_000)

      // Offline: the file is checked and kept on the phone, shown as waiting.
      await context.setOffline(true)
      const offlineName = `so-lieu-${Date.now() % 100_000}.png`
      await picker(page).setInputFiles({ name: offlineName, mimeType: 'image/png', buffer: Buffer.from(png(600, 400, true)) })
      const line = field(page).getByRole('listitem').filter({ hasText: offlineName })
      await expect.poll(async () => (await line.textContent()) ?? '').toContain(l('waiting'))
      expect(await field(page).getByRole('link', { name: offlineName }).count()).toBe(0)
      await expectAccessible(page, 'evidence field with a file waiting offline')

      await context.setOffline(false)
      await field(page).getByRole('link', { name: offlineName }).waitFor({ timeout: 30_000 })
      expect(await uploaded(page, offlineName)).toMatchObject({ state: 'complete', contentType: 'image/png' })

      // A program renamed to .jpg never leaves the phone.
      await picker(page).setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(executable()) })
      await expect.poll(async () => (await field(page).getByRole('alert').allTextContents()).join(' ')).toContain(l('reason.type'))
    })
  })
})
