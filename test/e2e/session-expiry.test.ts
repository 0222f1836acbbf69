// A session that ends server-side while a form is being filled: the next API call opens the "session
// expired" dialog over the page, signing in there keeps what was typed.
import { describe, expect, it } from 'vitest'
import { DESKTOP, baseUrl, demoPassword, expectAccessible, fillLogin, goVia, useBrowser, withPage, signIn, vi } from './helpers.ts'

const browser = useBrowser()

describe('session expiry', () => {
  it('shows the sign-in dialog on the next request (again after Escape) and keeps the typed values', async () => {
    await withPage(browser, DESKTOP, async (page, context) => {
      await signIn(page, 'demo-officer-82')
      await goVia(page, 'nav.account', vi['account.title'])
      const typed = { current: demoPassword, next: 'sông dài biển rộng núi cao 26', confirm: 'sông dài biển rộng núi cao 26' }
      await page.getByLabel(vi['account.current'], { exact: true }).fill(typed.current)
      await page.getByLabel(vi['account.new'], { exact: true }).fill(typed.next)
      await page.getByLabel(vi['account.confirm'], { exact: true }).fill(typed.confirm)

      // The session ends on the server (as a logout elsewhere would); the browser still holds its cookie.
      const cookie = (await context.cookies()).find((c) => c.name === 'binhan_session')
      expect(cookie).toBeDefined()
      const logout = await fetch(`${baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { Cookie: `${cookie!.name}=${cookie!.value}`, Origin: baseUrl, 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(logout.status).toBe(200)
      expect((await context.cookies()).some((c) => c.name === 'binhan_session')).toBe(true)

      await page.getByRole('button', { name: vi['common.save'] }).click()
      const dialog = page.getByRole('dialog', { name: vi['relogin.title'] })
      await dialog.waitFor()
      expect(await dialog.textContent()).toContain(vi['relogin.body'])
      expect(await dialog.getByLabel(vi['login.username'], { exact: true }).inputValue()).toBe('demo-officer-82')
      await expectAccessible(page, 'session expired dialog')

      // Dismissed with Escape, it comes back with the next request that finds the session gone.
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: vi['common.save'] }).click()
      await dialog.waitFor()

      await fillLogin(dialog, 'demo-officer-82', demoPassword)
      await dialog.waitFor({ state: 'hidden' })
      expect(new URL(page.url()).pathname).toBe('/account/password')
      expect(await page.getByLabel(vi['account.current'], { exact: true }).inputValue()).toBe(typed.current)
      expect(await page.getByLabel(vi['account.new'], { exact: true }).inputValue()).toBe(typed.next)
      expect(await page.getByLabel(vi['account.confirm'], { exact: true }).inputValue()).toBe(typed.confirm)
      // The new session works (the password itself is left unchanged: other files sign in as this officer).
      expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(200)
    })
  })
})
