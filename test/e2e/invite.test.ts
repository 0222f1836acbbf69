// A province admin invites a commune officer, the officer opens the one-time link, sets a password and
// signs in with it; the link cannot be used twice. axe-core checks every screen and dialog on the way.
import { describe, expect, it } from 'vitest'
import {
  DESKTOP,
  baseUrl,
  demoAccount,
  expectAccessible,
  expectHeading,
  expectedNav,
  fillLogin,
  goVia,
  headerContext,
  useBrowser,
  mainNav,
  withPage,
  openMenu,
  screenshot,
  settled,
  signIn,
  signOut,
  vi,
} from './helpers.ts'

const browser = useBrowser()

const NEW_USER = { username: 'e2e-can-bo-my-tho', displayName: 'Trần Văn Bình', commune: 'Phường Mỹ Tho' }
const NEW_PASSWORD = 'mây trắng bay qua đồi 27'

describe('invite → accept → sign in', () => {
  it('a province admin invites a commune officer who sets a password from the link and signs in', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      const admin = demoAccount('demo-admin-82')
      await signIn(page, admin.username)
      await goVia(page, 'nav.users', vi['users.title'])
      const list = page.getByRole('main').getByRole('list').first()
      await list.getByRole('listitem').filter({ hasText: '@demo-officer-82' }).waitFor()
      // The admin's own account has no actions; officers do.
      expect(await list.getByRole('listitem').filter({ hasText: `@${admin.username}` }).getByRole('group').count()).toBe(0)
      await expectAccessible(page, 'users list')
      await screenshot(page, 'users-desktop')

      // Invite, with the commune found through the diacritic-insensitive search.
      await page.getByRole('button', { name: vi['users.invite'], exact: true }).click()
      const invite = page.getByRole('dialog', { name: vi['users.invite'] })
      await invite.waitFor()
      await invite.getByLabel(vi['users.username'], { exact: true }).fill(NEW_USER.username)
      await invite.getByLabel(vi['users.displayName'], { exact: true }).fill(NEW_USER.displayName)
      expect(await invite.getByLabel(vi['users.role'], { exact: true }).inputValue()).toBe('commune_officer')
      await invite.getByLabel(vi['users.scopeSearch']).fill('my tho')
      const checkbox = invite.getByRole('checkbox', { name: new RegExp(`^${NEW_USER.commune} \\(\\d{5}\\)$`) })
      await checkbox.waitFor()
      const shown = await invite.getByRole('checkbox').count()
      expect(shown).toBeGreaterThan(0)
      expect(shown).toBeLessThan(10) // filtered out of the province's ~100 communes
      await checkbox.check()
      await expect.poll(() => invite.getByRole('group').first().textContent()).toContain(vi['users.scopeChosen'].replace('{count}', '1'))
      await expectAccessible(page, 'invite dialog')
      await invite.getByRole('button', { name: vi['users.invite'], exact: true }).click()

      // The one-time link, shown once.
      const linkDialog = page.getByRole('dialog', { name: vi['users.linkTitle'] })
      await linkDialog.waitFor()
      const url = await linkDialog.getByLabel(vi['users.linkTitle'], { exact: true }).inputValue()
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/accept-invite\?token=[a-z2-7]{40}$/)
      expect(new URL(url).origin).toBe(baseUrl)
      expect(await linkDialog.textContent()).toContain(NEW_USER.displayName)
      await expectAccessible(page, 'one-time link dialog')
      await screenshot(page, 'invite-link-desktop')
      await linkDialog.getByRole('button', { name: vi['common.close'] }).click()
      await linkDialog.waitFor({ state: 'hidden' })

      const card = list.getByRole('listitem').filter({ hasText: `@${NEW_USER.username}` })
      await card.waitFor()
      expect(await card.textContent()).toContain(vi['status.invited'])
      expect(await card.textContent()).toContain(NEW_USER.commune)

      // The access dialog of the new officer shows the chosen commune ticked.
      await card.getByRole('button', { name: vi['users.scope'] }).click()
      const access = page.getByRole('dialog', { name: vi['users.scopeTitle'].replace('{name}', NEW_USER.displayName) })
      await access.waitFor()
      expect(await access.getByRole('checkbox', { name: new RegExp(`^${NEW_USER.commune} `) }).isChecked()).toBe(true)
      await expectAccessible(page, 'access dialog')
      await access.getByRole('button', { name: vi['common.close'] }).click()
      await access.waitFor({ state: 'hidden' })

      await signOut(page)

      // The officer opens the link.
      await page.goto(url.slice(baseUrl.length))
      await page.getByRole('heading', { level: 1, name: vi['invite.title'] }).waitFor()
      expect(await page.getByRole('main').textContent()).toContain(vi['invite.for'].replace('{username}', NEW_USER.username).replace('{name}', NEW_USER.displayName))
      await expectAccessible(page, 'accept invite (valid link)')
      await screenshot(page, 'accept-invite-desktop')
      const newPassword = page.getByLabel(vi['account.new'], { exact: true })
      const confirm = page.getByLabel(vi['account.confirm'], { exact: true })
      const submit = page.getByRole('button', { name: vi['invite.submit'] })

      // The server's password rules, shown next to the field in Vietnamese.
      await newPassword.fill(`${NEW_USER.username} 2026`)
      await confirm.fill(`${NEW_USER.username} 2026`)
      await submit.click()
      await page.getByText(vi['error.password.contains_username']).waitFor()
      expect(await newPassword.getAttribute('aria-invalid')).toBe('true')
      await expectAccessible(page, 'accept invite (password rejected)')

      await newPassword.fill(NEW_PASSWORD)
      await confirm.fill(NEW_PASSWORD)
      await submit.click()
      await page.getByRole('status').filter({ hasText: vi['invite.done'] }).waitFor()
      await page.getByRole('link', { name: vi['invite.goLogin'] }).click()
      await page.waitForURL('**/login')

      // The new officer signs in and sees the commune officer's navigation and commune.
      await fillLogin(page, NEW_USER.username, NEW_PASSWORD)
      await headerContext(page).waitFor()
      await expectHeading(page, vi['home.title'].replace('{name}', NEW_USER.displayName))
      expect(await headerContext(page).textContent()).toBe(`Đồng Tháp · ${NEW_USER.commune}`)
      expect(await page.getByRole('banner').textContent()).toContain(`${NEW_USER.displayName} · ${vi['role.commune_officer']}`)
      await openMenu(page)
      expect((await mainNav(page).getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(expectedNav('commune_officer'))
      expect(await page.getByRole('main').textContent()).toContain(NEW_USER.commune)
      await signOut(page)

      // The link was used up.
      await page.goto(url.slice(baseUrl.length))
      await page.getByRole('alert').filter({ hasText: vi['invite.invalid'] }).waitFor()
      expect(await page.getByLabel(vi['account.new'], { exact: true }).count()).toBe(0)
      await expectAccessible(page, 'accept invite (used link)')
    })
  })

  it('a malformed link says the link is invalid without asking for a password', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      await page.goto('/accept-invite?token=not-a-token')
      await page.getByRole('alert').filter({ hasText: vi['invite.invalid'] }).waitFor()
      expect(await page.getByLabel(vi['account.new'], { exact: true }).count()).toBe(0)
      await settled(page)
      await expectAccessible(page, 'accept invite (malformed link)')
    })
  })
})
