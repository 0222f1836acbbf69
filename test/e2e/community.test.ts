// Issue #16 (decision 0033): the demo commune officer records a session of the commune's B93 club offline, the
// page survives a reload without a network, the session is sent once back online, and the province officer,
// reading online, sees it on the club's page. At 360 px, in Vietnamese.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  MOBILE,
  expectAccessible,
  expectHeading,
  goVia,
  headerContext,
  newPage,
  screenshot,
  signIn,
  useBrowser,
  vi,
  waitForServiceWorkerControl,
  withPage,
} from './helpers.ts'

const browser = useBrowser()
const chip = (page: Page) => page.getByTestId('sync-status')

async function expectChip(page: Page, text: string): Promise<void> {
  await expect.poll(async () => ((await chip(page).textContent()) ?? '').replace(`${vi['sync.title']}: `, '').trim(), { timeout: 30_000 }).toBe(text)
}

describe('community models (commune officer)', () => {
  it('a B93 club session recorded offline is sent back online and seen by the province', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, 'demo-commune-82')
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        await expectChip(page, vi['sync.chip.synced'])

        await goVia(page, 'nav.models', vi['models.title'])
        const club = page.getByRole('main').getByRole('link', { name: 'CLB B93', exact: true }).first()
        await club.click()
        await expectHeading(page, 'CLB B93')
        const clubPath = new URL(page.url()).pathname

        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        const topic = `Sinh hoạt ngoại tuyến ${Date.now() % 100_000} (thử)`
        await page.getByRole('button', { name: vi['model.newSession'], exact: true }).click()
        const dialog = page.getByRole('dialog', { name: vi['model.newSession'] })
        await dialog.getByLabel(vi['model.attendance'], { exact: true }).fill('7')
        await dialog.getByLabel(`${vi['model.topic']} ${vi['common.optional']}`, { exact: true }).fill(topic)
        await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
        await dialog.waitFor({ state: 'hidden' })
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        const session = page.getByRole('main').getByRole('listitem').filter({ hasText: topic })
        await expect.poll(() => session.count()).toBe(1)
        expect(await session.textContent()).toContain(vi['sync.queued'])

        // Reloaded without a network: the club's page opens from the phone, the session still queued.
        await page.reload()
        await headerContext(page).waitFor()
        await expectHeading(page, 'CLB B93')
        await expect.poll(() => session.count()).toBe(1)
        await expectAccessible(page, 'B93 club page offline with a queued session')
        await screenshot(page, 'model-session-offline-mobile')

        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])
        await expect.poll(async () => (await session.textContent()) ?? '').not.toContain(vi['sync.queued'])
        expect(await session.textContent()).toContain(vi['model.attendanceOf'].replace('{count}', '7'))

        // The activity log: the demo commune's lines and this quarter's totals, readable at 360 px.
        await goVia(page, 'nav.activities', vi['activities.title'])
        await expect.poll(() => page.getByRole('main').getByRole('listitem').count()).toBeGreaterThan(0)
        await page.getByRole('button', { name: vi['activities.new'], exact: true }).click()
        const form = page.getByRole('dialog', { name: vi['activities.new'] })
        await form.getByLabel(vi['activities.kind'], { exact: true }).selectOption({ label: vi['activity.kind.public_tips'] })
        // A tip is counts only: no topic field to write a name in.
        await expect.poll(() => form.getByLabel(`${vi['activities.topic']} ${vi['common.optional']}`, { exact: true }).count()).toBe(0)
        await form.getByLabel(vi['activity.count.tips'], { exact: true }).fill('5')
        await form.getByLabel(vi['activities.casesOpened'], { exact: true }).fill('2')
        await expectAccessible(page, 'activity form (public tips)')
        await screenshot(page, 'activity-tips-mobile')
        await form.getByRole('button', { name: vi['common.save'], exact: true }).click()
        await form.waitFor({ state: 'hidden' })
        await expectChip(page, vi['sync.chip.synced'])

        // The province officer reads the club online: the session is there, once.
        const province = await newPage(browser, MOBILE)
        try {
          await signIn(province.page, 'demo-officer-82')
          await province.page.goto(clubPath)
          await expectHeading(province.page, 'CLB B93')
          await expect.poll(() => province.page.getByRole('main').getByRole('listitem').filter({ hasText: topic }).count()).toBe(1)
        } finally {
          await province.context.close()
        }
      },
      { serviceWorkers: 'allow' },
    )
  }, 180_000)
})
