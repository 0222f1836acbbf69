// The province's own overview (issue #18; decision 0045) on a phone: a province officer opens it from the menu, sees
// the province's communes from its snapshot (the server's primary refreshed it at start), opens a commune's trend
// by quarter and downloads the table as XLSX.
import { describe, expect, it } from 'vitest'
import { centralVi } from '../../web/src/central/central-vi.ts'
import { vi } from '../../web/src/i18n/vi.ts'
import { MOBILE, expectAccessible, signIn, useBrowser, withPage } from './helpers.ts'

const browser = useBrowser()

describe('the province overview', () => {
  it('lets a province officer open the communes’ table, a commune’s trend and the XLSX (360 px)', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page) => {
        await signIn(page, 'demo-officer-82')
        await page.getByRole('button', { name: vi['nav.menu'] }).click()
        await page.getByRole('link', { name: vi['nav.provinceOverview'] }).click()
        await page.getByRole('heading', { level: 2, name: centralVi['province.title'] }).waitFor()
        const table = page.getByTestId('province-table')
        await table.waitFor()
        // Every commune of the province and its total, each opening its trend.
        const rows = await table.locator('tbody tr').count()
        expect(rows).toBeGreaterThan(2)
        expect(await table.getByRole('button').count()).toBe(rows)
        expect(await table.textContent()).not.toContain('*')
        await expectAccessible(page, 'province overview, 360 px')

        const commune = table.getByRole('button').first()
        const name = ((await commune.textContent()) ?? '').trim()
        await commune.click()
        await page.getByRole('heading', { level: 2, name: centralVi.trendOf.replace('{name}', name) }).waitFor()
        await page.getByRole('img', { name: centralVi.chartLabel.replace('{name}', name) }).waitFor()
        await expect.poll(() => page.getByTestId('trend-table').locator('thead th').count()).toBe(9)
        await expectAccessible(page, 'province trend, 360 px')

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: centralVi['province.download'] }).click()])
        expect(download.suggestedFilename()).toMatch(/^tong-hop-tinh-82-20\d\d-Q[1-4]\.xlsx$/)
      },
      { acceptDownloads: true },
    )
  }, 120_000)
})
