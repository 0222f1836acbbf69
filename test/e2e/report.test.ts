// Issue #16 point 5 (decision 0035): a commune officer records a session of the commune's B93 club offline, syncs,
// and sees it in the quarter's report at 360 px; a province officer reads the province's report with its table
// per commune and downloads it as XLSX, whose Vietnamese headers and session count match the screen.
import { readFileSync } from 'node:fs'
import { unzipSync, strFromU8 } from 'fflate'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { periodName } from '../../kernel/domain/report-period.ts'
import { communityVi } from '../../web/src/i18n/community-vi.ts'
import { reportVi } from '../../web/src/i18n/report-vi.ts'
import {
  DESKTOP,
  MOBILE,
  expectAccessible,
  expectHeading,
  goVia,
  headerContext,
  isoToday,
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
const quarter = () => {
  const today = isoToday()
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
}

async function expectChip(page: Page, text: string): Promise<void> {
  await expect.poll(async () => ((await chip(page).textContent()) ?? '').replace(`${vi['sync.title']}: `, '').trim(), { timeout: 30_000 }).toBe(text)
}

/** A figure's cells on the report (this period, the same period last year, the change), as shown. */
async function figure(page: Page, id: string): Promise<string[]> {
  const row = page.locator(`[data-figure="${id}"]`)
  await row.waitFor()
  return row.locator('td').allTextContents()
}
const count = (text: string) => Number(text.replaceAll('.', ''))

/**
 * A worksheet's rows as text, from the XLSX's own XML (inline strings and numbers, as the server writes them),
 * each cell at its column (the writer leaves empty cells out).
 */
function xlsxRows(bytes: Uint8Array, sheet: number): string[][] {
  const xml = strFromU8(unzipSync(bytes)[`xl/worksheets/sheet${sheet}.xml`]!)
  const decode = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&')
  const columnOf = (ref: string) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  return [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map(([, row]) => {
    const cells: string[] = []
    for (const [, ref, body] of row!.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g))
      cells[columnOf(ref!)] = decode(/<(?:v|t)[^>]*>([\s\S]*?)<\/(?:v|t)>/.exec(body ?? '')?.[1] ?? '')
    return Array.from(cells, (c) => c ?? '')
  })
}

describe('the quarter’s report', () => {
  it('counts a B93 session recorded offline, for the commune and in the province’s XLSX', async () => {
    const period = quarter()
    let sessionsAfter = 0
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, 'demo-commune-82')
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        await expectChip(page, vi['sync.chip.synced'])

        await goVia(page, 'nav.reports', vi['reports.title'])
        await page.getByText(periodName(period)).first().waitFor()
        const [before] = await figure(page, 'model.b93_club.sessions')

        await goVia(page, 'nav.models', vi['models.title'])
        await page.getByRole('main').getByRole('link', { name: 'CLB B93', exact: true }).first().click()
        await expectHeading(page, 'CLB B93')
        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        await page.getByRole('button', { name: vi['model.newSession'], exact: true }).click()
        const dialog = page.getByRole('dialog', { name: vi['model.newSession'] })
        await dialog.getByLabel(vi['model.attendance'], { exact: true }).fill('9')
        await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
        await dialog.waitFor({ state: 'hidden' })
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])

        await goVia(page, 'nav.reports', vi['reports.title'])
        await expect.poll(async () => count((await figure(page, 'model.b93_club.sessions'))[0]!)).toBe(count(before!) + 1)
        sessionsAfter = count((await figure(page, 'model.b93_club.sessions'))[0]!)
        // Every part of a sơ kết report is there, each with the same quarter of last year beside it.
        for (const part of ['cases', 'rehab', 'compulsory', 'postRehab', 'methadone', 'models', 'activities'] as const)
          await page.getByRole('heading', { level: 2, name: reportVi[`report.s.${part}`], exact: true }).waitFor()
        const lastYear = reportVi['report.col.previous'].replace('{period}', periodName(`${Number(period.slice(0, 4)) - 1}${period.slice(4)}`))
        expect(await page.getByRole('columnheader', { name: lastYear, exact: true }).count()).toBe(7)
        await page.locator('.report-chart svg polyline').first().waitFor()
        // Readable at 360 px: the page itself never scrolls sideways (wide tables scroll inside their frame).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
        await expectAccessible(page, 'report, commune, 360 px')
        await screenshot(page, 'report-commune-mobile')

        // The print view: the signature block, none of the app's navigation.
        await page.emulateMedia({ media: 'print' })
        await page.getByText(reportVi['report.print.preparer'], { exact: true }).waitFor({ state: 'visible' })
        expect(await page.getByText(reportVi['report.print.head'], { exact: true }).isVisible()).toBe(true)
        expect(await page.getByRole('button', { name: reportVi['report.print'] }).isVisible()).toBe(false)
        expect(await headerContext(page).isVisible()).toBe(false)
        await page.emulateMedia({ media: 'screen' })
      },
      { serviceWorkers: 'allow' },
    )

    const province = await newPage(browser, DESKTOP)
    try {
      const { page } = province
      await signIn(page, 'demo-officer-82')
      await goVia(page, 'nav.reports', vi['reports.title'])
      const [total] = await figure(page, 'model.b93_club.sessions')
      expect(count(total!)).toBeGreaterThanOrEqual(sessionsAfter)
      await page.getByRole('heading', { level: 2, name: reportVi['report.byCommune'] }).waitFor()
      // Per commune (each commune sent without its zeros, decision 0043, and laid back on the screen): the B93
      // sessions of the communes add up to the total, the officer's commune among them, zeros shown as 0.
      await page.getByLabel(reportVi['report.byCommune.section']).selectOption('models')
      const table = page.locator('.report-by-commune table')
      const title = `${reportVi['report.f.models'].replace('{name}', communityVi['model.kind.b93_club'])} ${reportVi['report.f.sessions']}`
      await table.getByRole('columnheader', { name: title, exact: true }).waitFor()
      const sessionsColumn = (await table.locator('thead th').allTextContents()).indexOf(title)
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')))
      const communes = rows.slice(0, -1)
      expect(communes.length).toBeGreaterThan(1)
      expect(communes.filter((r) => count(r[sessionsColumn]!) === 0).length).toBeGreaterThan(0)
      expect(communes.reduce((sum, r) => sum + count(r[sessionsColumn]!), 0)).toBe(count(total!))
      expect(count(rows.at(-1)![sessionsColumn]!)).toBe(count(total!))
      await expectAccessible(page, 'report, province, desktop')
      await screenshot(page, 'report-province-desktop')

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: reportVi['report.download'] }).click()])
      expect(download.suggestedFilename()).toBe(`bao-cao-82-${period}.xlsx`)
      const bytes = new Uint8Array(readFileSync((await download.path())!))
      // Sheet 1, the summary: Vietnamese headers naming the period, the B93 sessions as the screen counts them.
      const summary = xlsxRows(bytes, 1)
      expect(summary[0]).toEqual(['Chỉ tiêu', `Kỳ báo cáo (${periodName(period)})`, expect.stringContaining('Cùng kỳ năm trước'), 'Tăng (+), giảm (−)'])
      const sessions = summary.find((r) => r[0] === 'CLB B93: buổi sinh hoạt')
      expect(sessions, JSON.stringify(summary.map((r) => r[0]))).toBeDefined()
      expect(Number(sessions![1])).toBe(count(total!))
      // Sheet 2, per commune: the communes' names under their Vietnamese header, the total last.
      const perCommune = xlsxRows(bytes, 2)
      expect(perCommune[0]!.slice(0, 2)).toEqual(['Mã xã', 'Tên xã, phường, đặc khu'])
      const column = perCommune[0]!.indexOf('CLB B93: buổi sinh hoạt')
      expect(Number(perCommune.at(-1)![column])).toBe(count(total!))
      expect(perCommune.at(-1)![1]).toMatch(/^Tổng cộng — /)

      // The province's paper view, as on A4 (794 px wide at 96 dpi): signed for the province, within the page.
      await page.setViewportSize({ width: 794, height: 1123 })
      await page.emulateMedia({ media: 'print' })
      await page.getByText(reportVi['report.print.headProvince'], { exact: true }).waitFor({ state: 'visible' })
      expect(await page.getByRole('heading', { level: 2, name: reportVi['report.byCommune'] }).isVisible()).toBe(false)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the paper view fits the page').toBeLessThanOrEqual(794)
      await screenshot(page, 'report-print')
    } finally {
      await province.context.close()
    }
  }, 240_000)
})
