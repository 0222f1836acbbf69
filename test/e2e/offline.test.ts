// Once the service worker (/sw.js, production build) controls the page, a reload without network still opens
// the app (not the browser's error page) and says it is offline. A user without offline data on the phone (here
// a province officer: only commune officers keep their records on the phone, see offline-sync.test.ts) gets the
// sign-in form, and a session that is still valid resumes by itself when the network returns.
import { describe, expect, it } from 'vitest'
import { MOBILE, demoAccount, expectAccessible, headerContext, useBrowser, withPage, screenshot, signIn, vi, waitForServiceWorkerControl } from './helpers.ts'

const browser = useBrowser()

describe('offline', () => {
  it('a reload without network shows the shell with the offline banner, and the session resumes online', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        const officer = demoAccount('demo-officer-82')
        await signIn(page, officer.username)
        await waitForServiceWorkerControl(page)
        // One more load under the worker's control, so whatever it caches at run time is cached too.
        await page.reload()
        await headerContext(page).waitFor()
        const banner = page.getByRole('status').filter({ hasText: vi['offline.banner'] })
        expect(await banner.count()).toBe(0)

        await context.setOffline(true)
        await page.reload()
        // Debian's Chromium 150 serves the reload offline (from the service worker) but leaves the new document's
        // navigator.onLine true: the emulation is applied again to it, as a phone without signal would report.
        if (await page.evaluate(() => navigator.onLine)) {
          await context.setOffline(false)
          await context.setOffline(true)
        }
        await banner.waitFor()
        expect(await page.evaluate(() => navigator.onLine)).toBe(false)
        // The app's own shell: its name and the sign-in form (whether the session is valid cannot be known offline).
        await page.getByRole('heading', { level: 1, name: vi['app.name'] }).waitFor()
        expect(await page.getByLabel(vi['login.username'], { exact: true }).isVisible()).toBe(true)
        expect(await headerContext(page).count()).toBe(0)
        await expectAccessible(page, 'offline reload')
        await screenshot(page, 'offline-mobile')

        // Back online: the still-valid session resumes without typing the password.
        await context.setOffline(false)
        await headerContext(page).waitFor()
        expect(await headerContext(page).textContent()).toBe(officer.context)
        await banner.waitFor({ state: 'detached' })
      },
      { serviceWorkers: 'allow' },
    )
  })
})
