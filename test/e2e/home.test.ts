// The home screen is the officer's work: what is due and overdue, each item opening the form that does it.
// A commune officer follows an overdue review from the list to its form (which refuses to save until presence,
// the test result and the risk are chosen), records it, and the item leaves the list; a province officer sees
// the same counts per commune. The demo data (db/seed/scenarios.ts) has work of every kind.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DESKTOP, MOBILE, demoAccount, expectAccessible, expectHeading, settled, signIn, useBrowser, vi, withPage } from './helpers.ts'

const browser = useBrowser()

const workList = (page: Page) => page.getByTestId('work-list')
const reviewLinks = (page: Page) => workList(page).getByRole('link', { name: new RegExp(`^${vi['work.action.review']}: `) })

describe('the home screen', () => {
  it('leads a commune officer from an overdue review to its form, and the done review leaves the list (360 px)', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, 'demo-commune-82')
      await expectHeading(page, vi['home.title'].replace('{name}', demoAccount('demo-commune-82').displayName))
      await expect.poll(() => reviewLinks(page).count()).toBeGreaterThan(0)
      expect(await page.getByTestId('work-total').textContent()).toMatch(/^\d+ việc quá hạn · \d+ việc đến hạn$/)
      const overdue = workList(page)
        .getByRole('listitem')
        .filter({ hasText: new RegExp(vi['work.daysOverdue'].replace('{days}', '\\d+')) })
        .first()
      await overdue.waitFor()
      await expectAccessible(page, 'home, commune officer, 360 px')

      const link = reviewLinks(page).first()
      const name = ((await link.textContent()) ?? '').replace(`${vi['work.action.review']}: `, '').trim()
      const before = await reviewLinks(page).count()
      await link.click()
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}\?form=review$/)
      await expectHeading(page, name)
      const dialog = page.getByRole('dialog', { name: vi['review.new'] })
      await dialog.waitFor()

      // Nothing is chosen for the officer: saving now is refused, with a message at each unchosen field.
      await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
      for (const message of [vi['review.choose.attended'], vi['review.choose.drugTest'], vi['review.choose.riskLevel']]) {
        await dialog.getByText(message, { exact: true }).waitFor()
      }
      expect(await dialog.getByLabel(vi['review.drugTest'], { exact: true }).getAttribute('aria-invalid')).toBe('true')
      await dialog.getByLabel(vi['review.attended'], { exact: true }).selectOption({ label: vi['review.attended.yes'] })
      await dialog.getByLabel(vi['review.drugTest'], { exact: true }).selectOption({ label: vi['review.test.negative'] })
      await dialog.getByLabel(vi['review.risk'], { exact: true }).selectOption({ label: vi['review.risk.low'] })
      await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })

      // Back home: this person's review is no longer due (the next one is a month away).
      await page.goto('/')
      await settled(page)
      await expect.poll(() => reviewLinks(page).count()).toBe(before - 1)
      expect(await reviewLinks(page).filter({ hasText: name }).count()).toBe(0)
    })
  })

  it('shows a province officer the counts per commune and the list (desktop)', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      await signIn(page, 'demo-officer-82')
      const table = page.getByRole('main').getByRole('table')
      await table.waitFor()
      expect(await table.getByRole('columnheader').allTextContents()).toEqual([vi['work.commune'], vi['review.overdue'], vi['review.due']])
      expect(await table.getByRole('row').count()).toBeGreaterThan(1)
      await expect.poll(() => workList(page).getByRole('listitem').count()).toBeGreaterThan(0)
      await expectAccessible(page, 'home, province officer, desktop')
    })
  })
})
