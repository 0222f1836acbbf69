// The remaining screens at 360 px and on a desktop: what each shows, and axe-core finds nothing serious or
// critical on any of them (home, users and the invite screens are checked in navigation/invite tests).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  DEMO_ACCOUNTS,
  DESKTOP,
  demoAccount,
  MOBILE,
  expectAccessible,
  goVia,
  isMobile,
  useBrowser,
  withPage,
  screenshot,
  settled,
  signIn,
  signInWithForm,
  vi,
} from './helpers.ts'

const browser = useBrowser()

/** "03/12/2026 01:32": the date, then the time. */
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

/** The body rows of the page's table as arrays of cell texts. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('main')
    .locator('table tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))
}

for (const viewport of [MOBILE, DESKTOP]) {
  const size = isMobile(viewport) ? 'mobile' : 'desktop'

  describe(`${size} (${viewport.viewport.width}×${viewport.viewport.height})`, () => {
    it('province admin: audit trail with filters, change password, page not found', async () => {
      await withPage(browser, viewport, async (page) => {
        // Through the form: the trail below must show this sign-in.
        await signInWithForm(page, 'demo-admin-82')

        await goVia(page, 'nav.audit', vi['audit.title'])
        await page.getByRole('main').locator('table').waitFor()
        const rows = await tableRows(page)
        const login = rows.find((cells) => cells[1] === vi['auditAction.auth.login'])
        expect(login, JSON.stringify(rows.slice(0, 5))).toBeDefined()
        expect(login![0]).toMatch(DATE_TIME)
        expect(login![2]).toContain(`${demoAccount('demo-admin-82').displayName} · ${vi['role.province_admin']}`)
        expect(await page.getByLabel(vi['audit.trail'], { exact: true }).inputValue()).toBe('users')
        await expectAccessible(page, `province audit trail, ${size}`)
        if (!isMobile(viewport)) await screenshot(page, 'audit-trail-desktop')

        // Only failures: the successful sign-in above goes, every row left says failure (or there is none).
        await page.getByLabel(vi['audit.outcome'], { exact: true }).selectOption('failure')
        await expect
          .poll(async () => {
            const failures = await tableRows(page)
            if (failures.length === 0) return page.getByText(vi['audit.empty']).isVisible()
            return failures.every((cells) => cells[4] === vi['audit.outcome.failure'])
          })
          .toBe(true)
        await settled(page)
        await expectAccessible(page, `province audit trail filtered, ${size}`)

        await goVia(page, 'nav.account', vi['account.title'])
        await page.getByLabel(vi['account.current'], { exact: true }).fill('binh-an-demo-2026')
        await page.getByLabel(vi['account.new'], { exact: true }).fill('một mật khẩu mới khá dài')
        await page.getByLabel(vi['account.confirm'], { exact: true }).fill('một mật khẩu khác hẳn')
        await page.getByRole('button', { name: vi['common.save'] }).click()
        await page.getByText(vi['account.mismatch']).waitFor()
        expect(await page.getByLabel(vi['account.confirm'], { exact: true }).getAttribute('aria-invalid')).toBe('true')
        await expectAccessible(page, `change password with an error, ${size}`)
        if (isMobile(viewport)) await screenshot(page, 'change-password-mobile')

        await page.goto('/khong-co-trang-nay')
        await page.getByRole('heading', { level: 1, name: vi['notFound.title'] }).waitFor()
        expect(await page.getByRole('link', { name: vi['notFound.home'] }).getAttribute('href')).toBe('/')
        await expectAccessible(page, `not found, ${size}`)
      })
    })

    it('province admin: province settings (the review policy and the case rules), an error next to its field, saved', async () => {
      await withPage(browser, viewport, async (page) => {
        await signIn(page, 'demo-admin-82')
        await goVia(page, 'nav.settings', vi['settings.title'])
        const interval = page.getByLabel(vi['settings.intervalMonths'], { exact: true })
        const grace = page.getByLabel(vi['settings.graceDays'], { exact: true })
        await interval.waitFor()
        const reviewForm = page.locator('form').filter({ has: interval })
        expect(await interval.inputValue()).toBe('1')
        expect(await grace.inputValue()).toBe('7')

        await interval.fill('9')
        await reviewForm.getByRole('button', { name: vi['common.save'] }).click()
        await expect.poll(() => interval.getAttribute('aria-invalid')).toBe('true')
        await page.getByText(vi['settings.intervalMonthsError']).waitFor()
        expect(await grace.getAttribute('aria-invalid')).toBeNull()
        await expectAccessible(page, `province settings with an error, ${size}`)

        // Saved with the default's values: the other tests' caseloads stay as they are.
        await interval.fill('1')
        await grace.fill('7')
        await reviewForm.getByRole('button', { name: vi['common.save'] }).click()
        await reviewForm.getByText(vi['settings.saved']).waitFor()
        expect(await interval.getAttribute('aria-invalid')).toBeNull()
        await expectAccessible(page, `province settings saved, ${size}`)
        if (isMobile(viewport)) await screenshot(page, 'province-settings-mobile')

        // The case rules: below the law's six months is refused next to the field; the law's values are kept.
        const minMonths = page.getByLabel(vi['settings.rules.minRehabMonths'], { exact: true })
        const rulesForm = page.locator('form').filter({ has: minMonths })
        expect(await minMonths.inputValue()).toBe('6')
        await minMonths.fill('5')
        await rulesForm.getByRole('button', { name: vi['common.save'] }).click()
        await expect.poll(() => minMonths.getAttribute('aria-invalid')).toBe('true')
        await rulesForm.getByText(vi['settings.rules.boundsError'].replace('{min}', '6').replace('{max}', '12')).waitFor()
        await minMonths.fill('6')
        await rulesForm.getByRole('button', { name: vi['common.save'] }).click()
        await rulesForm.getByText(vi['settings.saved']).waitFor()
        await rulesForm.getByText(vi['settings.rules.set']).waitFor()
        expect(await minMonths.getAttribute('aria-invalid')).toBeNull()
      })
    })

    it('central admin: provinces, a province and its admins, inviting an admin, the platform trail', async () => {
      await withPage(browser, viewport, async (page) => {
        await signIn(page, 'demo-central-admin')

        await goVia(page, 'nav.provinces', vi['provinces.title'])
        await page.getByRole('main').locator('table').waitFor()
        const rows = await tableRows(page)
        expect(rows).toHaveLength(34)
        const dongThap = rows.find((cells) => cells[0] === '82')
        expect(dongThap?.slice(1, 3)).toEqual(['Đồng Tháp', vi['tenant.active']])
        expect(
          rows
            .filter((cells) => cells[2] === vi['tenant.active'])
            .map((cells) => cells[0])
            .sort(),
        ).toEqual(['01', '82'])
        await expectAccessible(page, `admin provinces, ${size}`)
        if (!isMobile(viewport)) await screenshot(page, 'admin-provinces-desktop')

        await page.getByRole('row').filter({ hasText: 'Đồng Tháp' }).getByRole('link', { name: vi['provinces.open'] }).click()
        await page.getByRole('heading', { level: 1, name: `${vi['provinces.admins']} · 82` }).waitFor()
        await page.getByRole('main').getByRole('listitem').filter({ hasText: '@demo-admin-82' }).waitFor()
        await expectAccessible(page, `admin province detail, ${size}`)

        await page.getByRole('button', { name: vi['provinces.inviteAdmin'] }).click()
        const invite = page.getByRole('dialog', { name: vi['provinces.inviteAdmin'] })
        await invite.waitFor()
        expect(await invite.getByLabel(vi['users.role']).count()).toBe(0) // only province admins are invited here
        await expectAccessible(page, `invite province admin dialog, ${size}`)
        await page.keyboard.press('Escape')
        await invite.waitFor({ state: 'hidden' })

        await goVia(page, 'nav.platformAudit', vi['audit.platformTitle'])
        await page.getByRole('main').locator('table').waitFor()
        // Filtered to the demo accounts created at start-up by the system (sign-ins fill the first page otherwise).
        await page.getByLabel(vi['audit.action'], { exact: true }).selectOption('user.demo_create')
        await expect
          .poll(async () => {
            const entries = await tableRows(page)
            return (
              entries.length === DEMO_ACCOUNTS.length &&
              entries.every((cells) => cells[1] === vi['auditAction.user.demo_create'] && cells[2] === vi['audit.system'])
            )
          })
          .toBe(true)
        await expectAccessible(page, `platform audit trail, ${size}`)
      })
    })

    it('central viewer: the registered provinces without actions', async () => {
      await withPage(browser, viewport, async (page) => {
        await signIn(page, 'demo-central-viewer')
        await goVia(page, 'nav.provinces', vi['provinces.title'])
        await page.getByRole('main').locator('table').waitFor()
        // Registered provinces only (GET /api/provinces), without onboarding actions.
        expect((await tableRows(page)).map((cells) => cells[0]).sort()).toEqual(['01', '82'])
        expect(await page.getByRole('columnheader', { name: vi['users.actions'] }).count()).toBe(0)
        expect(await page.getByRole('main').getByRole('button').count()).toBe(0)
        await expectAccessible(page, `provinces for a central viewer, ${size}`)
      })
    })
  })
}
