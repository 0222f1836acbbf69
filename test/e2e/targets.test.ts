// The yearly plan in Chromium (decision 0036), at 360 px: the province admin sees the demo plan with achievement
// counted from the demo records, an invalid target refused next to its input, the plan saved as a new version;
// a commune officer sees the province and their commune, and no way to edit. axe-core finds nothing serious.
import { describe, expect, it } from 'vitest'
import { targetsText } from '../../web/src/components/targets-text.ts'
import { INDICATORS } from '../../kernel/domain/target-indicators.ts'
import { expectAccessible, goVia, MOBILE, screenshot, settled, signIn, useBrowser, withPage } from './helpers.ts'

const browser = useBrowser()
const tt = targetsText.vi
const started = INDICATORS.find((i) => i.code === 'community_rehab_started')!

describe('yearly plan and targets (360 px)', () => {
  it('a province admin reads the plan against the records, is refused a bad target next to it, and saves', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, 'demo-admin-01')
      await goVia(page, 'nav.targets', tt.title)
      await settled(page)
      await page.getByText('75/KH-UBND', { exact: false }).first().waitFor()
      const row = page.getByRole('row', { name: new RegExp(started.labelVi) })
      expect(await row.textContent()).toContain(started.unitVi)
      await expectAccessible(page, 'targets, province admin, 360 px')
      await row.scrollIntoViewIfNeeded()
      await screenshot(page, 'targets-mobile')

      await page.getByRole('button', { name: tt.edit }).click()
      const input = page.getByLabel(`${started.labelVi} (${started.unitVi})`, { exact: true })
      await input.fill('một trăm')
      await page.getByRole('button', { name: tt.save }).click()
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true')
      await page.getByText(tt.mustBeCount).waitFor()
      await expectAccessible(page, 'targets editor with an error, 360 px')

      await input.fill('130')
      await page.getByRole('button', { name: tt.save }).click()
      await page.getByText(tt.version.replace('{version}', '2'), { exact: false }).waitFor()
      expect(await page.getByRole('row', { name: new RegExp(started.labelVi) }).textContent()).toContain('130')
    })
  })

  it('a commune officer sees the province and their own commune, and cannot edit', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, 'demo-commune-01')
      await goVia(page, 'nav.targets', tt.title)
      await settled(page)
      const places = page.getByLabel(tt.place, { exact: true })
      await places.waitFor()
      const options = await places.locator('option').allTextContents()
      expect(options[0]).toBe(tt.province)
      expect(options).toHaveLength(2)
      expect(await page.getByRole('button', { name: tt.edit }).count()).toBe(0)
      await places.selectOption({ index: 1 })
      await page.getByRole('row', { name: new RegExp(started.labelVi) }).waitFor()
      await expectAccessible(page, 'targets, commune officer, 360 px')
    })
  })
})
