// Issue #17 (decisions 0037, 0044): a commune officer without signal prepares the year's self-assessment with a
// photo of the signed plan; back online it syncs, and the officer submits it; the province reviewer returns it
// with a comment on a criterion; the commune resubmits; the reviewer recognises the commune; the province's list
// counts it as newly recognised and the year's progress moves. At 360 px, in Vietnamese.
// (The photo's shrinking, the reviewer's download and its audit entry: certification-offline.test.ts.)
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drawPaperPhoto } from '../../scripts/lib/paper-photo.ts'
import { evidenceLabel } from '../../web/src/evidence/labels.ts'
import { certVi } from '../../web/src/routes/certification/messages-vi.ts'
import {
  MOBILE,
  communeCodes,
  createCommuneOfficer,
  expectHeading,
  newPage,
  screenshot,
  signIn,
  useBrowser,
  waitForServiceWorkerControl,
  withPage,
} from './helpers.ts'

const browser = useBrowser()
const status = (page: Page) => page.getByTestId('dossier-status')

/**
 * The commune's dossier is the phone's (decision 0044): a save or submission shows once the outbox has sent it and
 * the pull after it has run, several round trips on a loaded shared machine.
 */
async function expectStatus(page: Page, key: keyof typeof certVi): Promise<void> {
  await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toBe(certVi[key])
}

/** The phone shows a queued submission at once; the reviewer sees it only once the outbox has sent it. */
async function expectSent(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('dossier-pending').count(), { timeout: 60_000 }).toBe(0)
  expect(await page.getByTestId('dossier-refused').count()).toBe(0)
}

async function overviewCounts(page: Page): Promise<{ newly: string; progress: string }> {
  await page.goto('/certification')
  await expectHeading(page, certVi['cert.title'])
  await page.getByTestId('cert-progress').waitFor()
  return {
    newly: (await page.getByTestId('cert-new').textContent()) ?? '',
    progress: (await page.getByTestId('cert-progress').locator('strong').textContent()) ?? '',
  }
}

describe('drug-free communes', () => {
  it('prepares with a photo offline → syncs → submits → returned with a comment → resubmits → recognised; the province list shows it newly recognised', async () => {
    // A commune the demo data leaves alone (no people, no assessment): the last of the province by code.
    const commune = (await communeCodes('82')).at(-1)!
    await createCommuneOfficer('e2e-cert-officer', '82', [commune])
    const reviewer = await newPage(browser, MOBILE)
    try {
      await signIn(reviewer.page, 'demo-reviewer-82')
      const before = await overviewCounts(reviewer.page)

      await withPage(
        browser,
        MOBILE,
        async (page, context) => {
          await signIn(page, 'e2e-cert-officer')
          await waitForServiceWorkerControl(page)
          await page.goto('/certification')
          await expectHeading(page, certVi['cert.title'])
          const start = page.getByRole('button', { name: certVi['cert.start'].replace('{year}', String(new Date().getFullYear())) })
          await start.waitFor({ timeout: 30_000 })
          // Prepared without signal: the dossier, its answers and the photo wait on the phone.
          await context.setOffline(true)
          await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
          await start.click()
          await expectStatus(page, 'cert.status.draft')
          const dossier = new URL(page.url()).pathname

          for (const metric of ['drug_venues', 'offenders_arrested', 'drug_plants']) {
            await page.locator(`input[name="police-${metric}"]`).fill('0')
            await page.locator(`input[name="source-${metric}"]`).fill('Báo cáo 12/BC-CAX ngày 01/12 (thử)')
          }
          await page.locator('input[name="document-DF.5"]').fill('Kế hoạch 3/KH-UBND (thử)')
          await page.locator('select[name="answer-DF.6"]').selectOption('yes')
          await page.getByRole('button', { name: certVi['cert.save'], exact: true }).click()
          await expect.poll(() => page.getByTestId('dossier-blocking').textContent(), { timeout: 20_000 }).toBe(certVi['cert.allMet'])
          const photo = await page.evaluate(drawPaperPhoto, { width: 1600, height: 1200, minBytes: 500_000 })
          const evidence = page.locator('tr[data-criterion="DF.5"]').getByRole('group', { name: evidenceLabel('vi', 'title') })
          await evidence
            .getByLabel(evidenceLabel('vi', 'pick'))
            .setInputFiles({ name: 'ke-hoach.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo.base64, 'base64') })
          await expect
            .poll(async () => (await evidence.getByRole('listitem').filter({ hasText: 'ke-hoach.jpg' }).textContent()) ?? '', { timeout: 30_000 })
            .toContain(evidenceLabel('vi', 'waiting'))
          // Back online: the outbox sends the dossier and its answers, then the photo uploads behind them.
          await context.setOffline(false)
          await page.getByTestId('dossier-pending').waitFor({ state: 'detached', timeout: 60_000 })
          await evidence.getByRole('link', { name: 'ke-hoach.jpg' }).waitFor({ timeout: 60_000 })
          await page.getByRole('button', { name: certVi['cert.submit'], exact: true }).click()
          await expectStatus(page, 'cert.status.submitted')
          await expectSent(page)

          // The reviewer returns it with a comment on DF.5.
          await reviewer.page.goto(dossier)
          await expectStatus(reviewer.page, 'cert.status.submitted')
          await reviewer.page.locator('textarea[name="reason"]').fill('Cần bổ sung (thử)')
          await reviewer.page.locator('input[name="comment-DF.5"]').fill('Ghi rõ ngày ban hành kế hoạch (thử)')
          await reviewer.page.getByRole('button', { name: certVi['cert.return'], exact: true }).click()
          await expectStatus(reviewer.page, 'cert.status.returned')

          // The commune sees the comment beside the criterion, corrects and resubmits.
          await page.reload()
          await expectStatus(page, 'cert.status.returned')
          await expect.poll(() => page.getByTestId('return-comment').textContent()).toContain('Ghi rõ ngày ban hành kế hoạch (thử)')
          // Submitting saves the correction first (through the outbox), then submits the version it made.
          await page.locator('input[name="document-DF.5"]').fill('Kế hoạch 3/KH-UBND ngày 10/01 (thử)')
          await page.getByRole('button', { name: certVi['cert.submit'], exact: true }).click()
          await expectStatus(page, 'cert.status.submitted')
          await expectSent(page)

          // The reviewer recognises it with the provincial chair's decision.
          await reviewer.page.goto(dossier)
          await expectStatus(reviewer.page, 'cert.status.submitted')
          await reviewer.page.locator('textarea[name="reason"]').fill('Đạt các tiêu chí (thử)')
          await reviewer.page.locator('input[name="decision-number"]').fill('88/QĐ-UBND (thử)')
          await reviewer.page.locator('input[name="decision-signer"]').fill('Chủ tịch UBND tỉnh (thử)')
          await reviewer.page.getByRole('button', { name: certVi['cert.recognise'], exact: true }).click()
          await expectStatus(reviewer.page, 'cert.status.recognised')
          await screenshot(reviewer.page, 'certification-recognised-mobile')
        },
        { serviceWorkers: 'allow' },
      )

      const after = await overviewCounts(reviewer.page)
      expect(Number(after.newly)).toBe(Number(before.newly) + 1)
      expect(after.progress).not.toBe(before.progress)
      await screenshot(reviewer.page, 'certification-overview-mobile')
    } finally {
      await reviewer.context.close()
    }
  }, 180_000)
})
