// The central overview (issue #18; decision 0042) on a phone: a central viewer's home is the overview of the
// provinces' snapshots (the server's primary refreshed them at start), they change the quarter, open a province's
// trend by quarter and download the summary table as XLSX.
import { describe, expect, it } from 'vitest'
import { centralVi } from '../../web/src/central/central-vi.ts'
import { MOBILE, expectAccessible, signIn, useBrowser, withPage } from './helpers.ts'

const browser = useBrowser()

describe('the central overview', () => {
  it('lets a central viewer change the quarter, open a province’s trend and download the table (360 px)', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page) => {
        await signIn(page, 'demo-central-viewer')
        await page.getByRole('heading', { level: 2, name: centralVi.title }).waitFor()
        const table = page.getByTestId('central-table')
        await table.waitFor()
        // 34 provinces and the national row; the demo provinces have a snapshot, so their names open the trend.
        await expect.poll(() => table.locator('tbody tr').count()).toBe(35)
        await expect.poll(() => table.getByRole('button').count()).toBeGreaterThanOrEqual(2)
        expect(await page.getByTestId('national-cards').textContent()).toContain('2/34')
        await expectAccessible(page, 'central overview, 360 px')

        const quarter = page.getByLabel(centralVi.quarter, { exact: true })
        const options = await quarter.locator('option').allTextContents()
        const answered = page.waitForResponse((res) => res.url().includes(`/api/central/summary?period=${options[1]}`) && res.ok())
        await quarter.selectOption(options[1]!)
        await answered
        await table.waitFor()

        const province = table.getByRole('button').first()
        const name = ((await province.textContent()) ?? '').trim()
        await province.click()
        await page.getByRole('heading', { level: 2, name: centralVi.trendOf.replace('{name}', name) }).waitFor()
        await page.getByRole('img', { name: centralVi.chartLabel.replace('{name}', name) }).waitFor()
        await expect.poll(() => page.getByTestId('trend-table').locator('thead th').count()).toBe(9)
        await expectAccessible(page, 'central trend, 360 px')

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: centralVi.download }).click()])
        expect(download.suggestedFilename()).toBe(`tong-hop-${options[1]}.xlsx`)
        const path = await download.path()
        expect(path).toBeTruthy()
      },
      { acceptDownloads: true },
    )
  }, 120_000)
})
