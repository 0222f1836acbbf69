// The sign-in screen: a wrong password says so and lets nobody in; a deep link while signed out lands on it.
// Only one failed sign-in in the whole suite: the server throttles after 5 failures per account and per
// client address, and every page here comes from 127.0.0.1.
import { describe, expect, it } from 'vitest'
import {
  DESKTOP,
  MOBILE,
  demoAccount,
  demoPassword,
  expectAccessible,
  expectHeading,
  fillLogin,
  headerContext,
  useBrowser,
  mainNav,
  withPage,
  screenshot,
  settled,
  signInWithForm,
  vi,
} from './helpers.ts'

const browser = useBrowser()

describe('sign-in', () => {
  it('a wrong password shows the error and no navigation; the right one then signs in', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await page.goto('/login')
      await page.getByRole('heading', { level: 2, name: vi['login.title'] }).waitFor()
      await settled(page)
      await expectAccessible(page, 'login (360 px)')
      await screenshot(page, 'login-mobile')

      await fillLogin(page, 'demo-central-viewer', 'not-the-password-2026')
      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.textContent()).toBe(vi['login.invalid'])
      expect(await mainNav(page).count()).toBe(0)
      expect(await headerContext(page).count()).toBe(0)
      expect(new URL(page.url()).pathname).toBe('/login')
      // The password is cleared for the next try, the username kept.
      expect(await page.getByLabel(vi['login.password'], { exact: true }).inputValue()).toBe('')
      expect(await page.getByLabel(vi['login.username'], { exact: true }).inputValue()).toBe('demo-central-viewer')
      expect(await page.getByRole('button', { name: vi['login.submit'], exact: true }).isDisabled()).toBe(true)
      await expectAccessible(page, 'login with the error shown')

      await signInWithForm(page, 'demo-central-viewer')
      expect(new URL(page.url()).pathname).toBe('/')
      expect(await page.getByRole('alert').count()).toBe(0)
    })
  })

  it('a page opened while signed out leads to the sign-in form, then on to the app', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      await page.goto('/province/users')
      await page.waitForURL('**/login')
      await page.getByLabel(vi['login.username'], { exact: true }).waitFor()
      expect(await mainNav(page).count()).toBe(0)
      await settled(page)
      await expectAccessible(page, 'login (desktop)')
      await screenshot(page, 'login-desktop')
      await fillLogin(page, 'demo-officer-82', demoPassword)
      await headerContext(page).waitFor()
      await page.waitForURL((url) => url.pathname === '/')
      await expectHeading(page, vi['home.title'].replace('{name}', demoAccount('demo-officer-82').displayName))
    })
  })
})
