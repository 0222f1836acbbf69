// Issue #17 (decision 0037): a commune officer prepares the year's self-assessment and submits it; the province
// reviewer returns it with a comment on a criterion; the commune resubmits; the reviewer recognises the commune;
// the province's list counts it as newly recognised and the year's progress moves. At 360 px, in Vietnamese.
// (Evidence photos taken offline: certification-offline.test.ts.)
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { certVi } from '../../web/src/routes/certification/messages-vi.ts'
import { MOBILE, communeCodes, createCommuneOfficer, expectHeading, newPage, screenshot, signIn, useBrowser, withPage } from './helpers.ts'

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
  it('prepare → submit → return with a comment → resubmit → recognise; the province list shows it newly recognised', async () => {
    // A commune the demo data leaves alone (no people, no assessment): the last of the province by code.
    const commune = (await communeCodes('82')).at(-1)!
    await createCommuneOfficer('e2e-cert-officer', '82', [commune])
    const reviewer = await newPage(browser, MOBILE)
    try {
      await signIn(reviewer.page, 'demo-reviewer-82')
      const before = await overviewCounts(reviewer.page)

      await withPage(browser, MOBILE, async (page) => {
        await signIn(page, 'e2e-cert-officer')
        await page.goto('/certification')
        await expectHeading(page, certVi['cert.title'])
        await page.getByRole('button', { name: certVi['cert.start'].replace('{year}', String(new Date().getFullYear())) }).click()
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
      })

      const after = await overviewCounts(reviewer.page)
      expect(Number(after.newly)).toBe(Number(before.newly) + 1)
      expect(after.progress).not.toBe(before.progress)
      await screenshot(reviewer.page, 'certification-overview-mobile')
    } finally {
      await reviewer.context.close()
    }
  }, 180_000)
})
