// A province admin invites a commune officer; the server e-mails the one-time link (in development: to the local
// outbox, decision 0018) and the admin sees only where it went. The officer takes the link from the outbox screen,
// sets a password and signs in with it; the link cannot be used twice. axe-core checks every screen and dialog.
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

const NEW_USER = { username: 'e2e-can-bo-my-tho', displayName: 'Trần Văn Bình', email: 'e2e-can-bo-my-tho@example.test', commune: 'Phường Mỹ Tho' }
const NEW_PASSWORD = 'mây trắng bay qua đồi 27'

describe('invite → accept → sign in', () => {
  it('a province admin invites a commune officer who sets a password from the e-mailed link and signs in', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      const admin = demoAccount('demo-admin-82')
      await signIn(page, admin.username)
      await goVia(page, 'nav.users', vi['users.title'])
      const list = page.getByRole('main').getByRole('list').first()
      await list.getByRole('listitem').filter({ hasText: '@demo-officer-82' }).waitFor()
      // The admin's own account has no actions; officers do.
      expect(
        await list
          .getByRole('listitem')
          .filter({ hasText: `@${admin.username}` })
          .getByRole('group')
          .count(),
      ).toBe(0)
      await expectAccessible(page, 'users list')
      await screenshot(page, 'users-desktop')

      // Invite, with the commune found through the diacritic-insensitive search.
      await page.getByRole('button', { name: vi['users.invite'], exact: true }).click()
      const invite = page.getByRole('dialog', { name: vi['users.invite'] })
      await invite.waitFor()
      await invite.getByLabel(vi['users.username'], { exact: true }).fill(NEW_USER.username)
      await invite.getByLabel(vi['users.displayName'], { exact: true }).fill(NEW_USER.displayName)
      await invite.getByLabel(vi['users.email'], { exact: true }).fill(NEW_USER.email)
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

      // Where the link went and until when, never the link itself.
      const sentDialog = page.getByRole('dialog', { name: vi['users.linkTitle'] })
      await sentDialog.waitFor()
      const sentText = (await sentDialog.textContent()) ?? ''
      const pageWithDialog = await page.content()
      expect(sentText).toContain(vi['users.sentInvite'].replace('{name}', NEW_USER.displayName).replace('{address}', 'e***@example.test'))
      expect(sentText).not.toContain(NEW_USER.email)
      expect(await sentDialog.getByRole('textbox').count()).toBe(0)
      expect(await sentDialog.getByRole('link').count()).toBe(0)
      await expectAccessible(page, 'link sent dialog')
      await screenshot(page, 'invite-link-desktop')
      await sentDialog.getByRole('button', { name: vi['common.close'] }).click()
      await sentDialog.waitFor({ state: 'hidden' })

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

      // Nothing on the admin's page holds the link: its token appears nowhere in the DOM (checked below).
      const adminPage = await page.content()
      expect(await card.textContent()).toContain('e***@example.test')
      await signOut(page)

      // The officer opens the message in the development outbox (standing in for the mailbox) and follows the link.
      await page.goto('/dev/outbox')
      await page.getByRole('heading', { level: 1, name: vi['outbox.title'] }).waitFor()
      const message = page.getByRole('listitem').filter({ hasText: NEW_USER.email }).first()
      await message.waitFor()
      expect(await message.textContent()).toContain('Bình An: kích hoạt tài khoản')
      await expectAccessible(page, 'development outbox')
      await screenshot(page, 'dev-outbox-desktop')
      const url = (await message.getByRole('link', { name: vi['outbox.open'] }).getAttribute('href'))!
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/accept-invite\?token=[a-z2-7]{40}$/)
      expect(new URL(url).origin).toBe(baseUrl)
      const token = new URL(url).searchParams.get('token')!
      for (const html of [pageWithDialog, adminPage]) expect(html).not.toContain(token)
      await message.getByRole('link', { name: vi['outbox.open'] }).click()
      await page.getByRole('heading', { level: 1, name: vi['invite.title'] }).waitFor()
      expect(await page.getByRole('main').textContent()).toContain(
        vi['invite.for'].replace('{username}', NEW_USER.username).replace('{name}', NEW_USER.displayName),
      )
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

  it('a reset goes to the address on file, which the admin cannot change, and only the mailbox gets the link', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      // The officer invited above has an address on file: the dialog says where the link will go.
      await signIn(page, demoAccount('demo-admin-82').username)
      await goVia(page, 'nav.users', vi['users.title'])
      const card = page
        .getByRole('main')
        .getByRole('listitem')
        .filter({ hasText: `@${NEW_USER.username}` })
      await card.getByRole('button', { name: vi['users.reset'] }).click()
      const send = page.getByRole('dialog', { name: vi['users.sendTitle'].replace('{name}', NEW_USER.displayName) })
      await send.waitFor()
      expect(await send.textContent()).toContain(vi['users.sendTo'].replace('{address}', 'e***@example.test'))
      // An active account's address is not offered for change.
      expect(await send.getByRole('textbox').count()).toBe(0)
      await expectAccessible(page, 'send link dialog')
      await send.getByRole('button', { name: vi['users.send'] }).click()
      const sent = page.getByRole('dialog', { name: vi['users.linkTitle'] })
      await sent.waitFor()
      expect(await sent.textContent()).toContain(vi['users.sentReset'].replace('{name}', NEW_USER.displayName).replace('{address}', 'e***@example.test'))
      const html = await page.content()
      await sent.getByRole('button', { name: vi['common.close'] }).click()
      await signOut(page)

      await page.goto('/dev/outbox')
      const message = page.getByRole('listitem').filter({ hasText: 'Bình An: đặt lại mật khẩu' }).filter({ hasText: NEW_USER.email }).first()
      await message.waitFor()
      const url = (await message.getByRole('link', { name: vi['outbox.open'] }).getAttribute('href'))!
      expect(html).not.toContain(new URL(url).searchParams.get('token')!)
      await page.goto(url.slice(baseUrl.length))
      await page.getByRole('heading', { level: 1, name: vi['invite.resetTitle'] }).waitFor()
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
