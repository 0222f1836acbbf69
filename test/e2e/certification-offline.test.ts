// Issue #17 (decision 0044), in Chromium at 360 px: a commune officer without signal starts the year's
// self-assessment, answers a criterion and attaches a 4 MB photo of the signed plan (shrunk on the phone); back
// online the outbox sends the dossier and the photo uploads behind it; the province reviewer sees the answer and
// downloads the photo, and the download is in the province's audit trail. Offline, the reviewer's list says the
// province works online instead of waiting.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drawPaperPhoto } from '../../scripts/lib/paper-photo.ts'
import { evidenceLabel } from '../../web/src/evidence/labels.ts'
import { certVi } from '../../web/src/routes/certification/messages-vi.ts'
import { MOBILE, communeCodes, createCommuneOfficer, expectHeading, newPage, signIn, useBrowser, waitForServiceWorkerControl, withPage } from './helpers.ts'

const browser = useBrowser()
const l = (key: Parameters<typeof evidenceLabel>[1]) => evidenceLabel('vi', key)
const row = (page: Page, code: string) => page.locator(`tr[data-criterion="${code}"]`)
const evidence = (page: Page, code: string) => row(page, code).getByRole('group', { name: l('title') })

describe('drug-free dossier offline', () => {
  it('starts, answers and attaches a photo offline; syncs back online; the province sees the answer and downloads the photo (audited)', async () => {
    // A commune nobody else's test uses: the one before the last (certification.test.ts takes the last).
    const commune = (await communeCodes('82')).at(-2)!
    await createCommuneOfficer('e2e-cert-offline', '82', [commune])
    const startLabel = certVi['cert.start'].replace('{year}', String(new Date().getFullYear()))
    let dossier = ''
    let href = ''
    const fileName = `ke-hoach-ky-${Date.now() % 100_000}.jpg`

    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, 'e2e-cert-offline')
        // The app's files from the service worker offline (the dossier and evidence screens are lazy chunks).
        await waitForServiceWorkerControl(page)
        await page.goto('/certification')
        await expectHeading(page, certVi['cert.title'])
        // The list comes from the phone's store once the first pull has brought the officer's commune.
        const start = page.getByRole('button', { name: startLabel })
        await start.waitFor({ timeout: 30_000 })

        await context.setOffline(true)
        await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
        await start.click()
        await expect.poll(() => page.getByTestId('dossier-status').textContent(), { timeout: 20_000 }).toBe(certVi['cert.status.draft'])
        dossier = new URL(page.url()).pathname
        await page.getByTestId('dossier-pending').waitFor()

        await page.locator('input[name="document-DF.5"]').fill('Kế hoạch 3/KH-UBND (thử)')
        await page.locator('select[name="answer-DF.6"]').selectOption('yes')
        await page.getByRole('button', { name: certVi['cert.save'], exact: true }).click()
        // Judged on the phone with the criteria it pulled: the plan's reference meets DF.5.
        await expect.poll(() => row(page, 'DF.5').getByTestId('criterion-result').textContent(), { timeout: 20_000 }).toBe(certVi['cert.result.met'])

        const photo = await page.evaluate(drawPaperPhoto, { width: 4000, height: 3000, minBytes: 4_000_000 })
        expect(photo.bytes).toBeGreaterThanOrEqual(4_000_000)
        await evidence(page, 'DF.5')
          .getByLabel(l('pick'))
          .setInputFiles({ name: fileName, mimeType: 'image/jpeg', buffer: Buffer.from(photo.base64, 'base64') })
        const waiting = evidence(page, 'DF.5').getByRole('listitem').filter({ hasText: fileName })
        await expect.poll(async () => (await waiting.textContent()) ?? '', { timeout: 30_000 }).toContain(l('waiting'))
        // Shrunk on the phone before it waits: what the server will receive.
        const queuedBytes = await page.evaluate(
          (name) =>
            new Promise<number>((resolve, reject) => {
              const open = indexedDB.open('binhan-offline')
              open.onerror = () => reject(open.error)
              open.onsuccess = () => {
                const all = open.result.transaction('evidence').objectStore('evidence').getAll()
                all.onsuccess = () => {
                  open.result.close()
                  resolve((all.result as { fileName: string; size: number }[]).find((e) => e.fileName === name)?.size ?? -1)
                }
              }
            }),
          fileName,
        )
        expect(queuedBytes).toBeGreaterThan(50_000)
        expect(queuedBytes).toBeLessThanOrEqual(400_000)

        // Back online: the start and the answers go out through the outbox, then the photo uploads.
        await context.setOffline(false)
        await page.getByTestId('dossier-pending').waitFor({ state: 'detached', timeout: 60_000 })
        await evidence(page, 'DF.5').getByRole('link', { name: fileName }).waitFor({ timeout: 60_000 })
      },
      { serviceWorkers: 'allow' },
    )

    const reviewer = await newPage(browser, MOBILE)
    try {
      await signIn(reviewer.page, 'demo-reviewer-82')
      await reviewer.page.goto(dossier)
      await expect.poll(() => reviewer.page.getByTestId('dossier-status').textContent(), { timeout: 20_000 }).toBe(certVi['cert.status.draft'])
      expect(await row(reviewer.page, 'DF.5').getByTestId('criterion-answer').textContent()).toBe('Kế hoạch 3/KH-UBND (thử)')
      expect(await row(reviewer.page, 'DF.6').getByTestId('criterion-answer').textContent()).toBe(certVi['cert.yes'])
      const link = evidence(reviewer.page, 'DF.5').getByRole('link', { name: fileName })
      href = (await link.getAttribute('href'))!
      const download = await reviewer.page.evaluate(async (url) => {
        const res = await fetch(url)
        return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength }
      }, href)
      expect(download).toMatchObject({ status: 200, type: 'image/jpeg' })
      expect(download.bytes).toBeLessThanOrEqual(400_000)

      // Offline, the province's list says it works online rather than spinning.
      await reviewer.page.goto('/certification')
      await reviewer.page.getByTestId('cert-progress').waitFor()
      expect(await reviewer.page.getByTestId('cert-online-only').count()).toBe(0)
      await reviewer.context.setOffline(true)
      await reviewer.page.getByTestId('cert-online-only').waitFor()
      await reviewer.context.setOffline(false)
    } finally {
      await reviewer.context.close()
    }

    // The download is in the province's trail (read by the province admin, who may read it).
    const attachmentId = /attachments\/([^/]+)\/content/.exec(href)?.[1]
    expect(attachmentId).toBeDefined()
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, 'demo-admin-82')
      const trail = await page.evaluate(async (id) => {
        const res = await fetch(`/api/p/82/audit?action=attachment.download&entityId=${id}`)
        return (await res.json()) as { data: { action: string }[] }
      }, attachmentId!)
      expect(trail.data.map((e) => e.action)).toContain('attachment.download')
    })
  }, 240_000)
})
