// Every demo role signs in through the form and sees exactly its navigation (web/src/lib/navigation.ts) and
// where it works, at 360 px (menu button) and on a desktop; the English switch keeps dates dd/mm/yyyy.
import { describe, expect, it } from 'vitest'
import {
  DEMO_ACCOUNTS,
  DESKTOP,
  MOBILE,
  en,
  expectAccessible,
  expectHeading,
  expectedNav,
  headerContext,
  isMobile,
  useBrowser,
  mainNav,
  menuButton,
  withPage,
  screenshot,
  signIn,
  signInWithForm,
  todayShownInVietnam,
  vi,
} from './helpers.ts'

const browser = useBrowser()

const roleScreenshots = new Set<string>()

for (const viewport of [MOBILE, DESKTOP]) {
  const size = isMobile(viewport) ? 'mobile' : 'desktop'
  describe(`${size} (${viewport.viewport.width}×${viewport.viewport.height})`, () => {
    for (const account of DEMO_ACCOUNTS) {
      it(`${account.username} (${account.role}) sees exactly its navigation and its context`, async () => {
        await withPage(browser, viewport, async (page) => {
          await signIn(page, account.username)
          await expectHeading(page, vi['home.title'].replace('{name}', account.displayName))
          expect(await headerContext(page).textContent()).toBe(account.context)
          const header = page.getByRole('banner')
          expect(await header.textContent()).toContain(`${account.displayName} · ${vi[`role.${account.role}`]} · ${account.context}`)

          if (isMobile(viewport)) {
            // Behind the menu button until opened.
            expect(await mainNav(page).count()).toBe(0)
            expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false')
            await menuButton(page).click()
            await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('true')
          } else {
            expect(await menuButton(page).isVisible()).toBe(false)
          }
          const links = mainNav(page).getByRole('link')
          expect((await links.allInnerTexts()).map((s) => s.trim())).toEqual(expectedNav(account.role))
          expect(await mainNav(page).getByRole('link', { name: vi['nav.home'], exact: true }).getAttribute('aria-current')).toBe('page')
          expect(await mainNav(page).getByRole('button', { name: vi['header.signOut'] }).isVisible()).toBe(true)
          await expectAccessible(page, `home, ${account.role}, ${size}, navigation shown`)

          if (isMobile(viewport)) {
            await menuButton(page).click()
            await expect.poll(() => mainNav(page).count()).toBe(0)
            expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false')
            await expectAccessible(page, `home, ${account.role}, ${size}, menu closed`)
          }
          const shot = `home-${account.role.replaceAll('_', '-')}-${size}`
          if (!roleScreenshots.has(shot)) {
            roleScreenshots.add(shot)
            await screenshot(page, shot)
          }
        })
      })
    }
  })
}

describe('screens a role may not use', () => {
  // The router asks the kernel's policy as the server does (web/src/lib/navigation.ts): typing the address of a
  // screen the role cannot use shows "not for your role" and calls nothing of that screen's API.
  const cases = [
    { username: 'demo-admin-82', path: '/import', api: '/imports' },
    { username: 'demo-central-viewer', path: '/reports', api: '/api/p/' },
    { username: 'demo-central-admin', path: '/caseload', api: '/api/p/' },
    { username: 'demo-officer-82', path: '/province/users', api: '/users' },
  ]
  for (const { username, path, api } of cases) {
    it(`${username} typing ${path} is told it is not for their role, and no ${api} request is made`, async () => {
      await withPage(browser, MOBILE, async (page) => {
        await signIn(page, username)
        const requests: string[] = []
        page.on('request', (request) => {
          const url = new URL(request.url())
          if (url.pathname.startsWith('/api/') && url.pathname.includes(api)) requests.push(url.pathname)
        })
        await page.goto(path)
        await expectHeading(page, vi['notForRole.title'])
        expect(await page.getByRole('link', { name: vi['notFound.home'] }).getAttribute('href')).toBe('/')
        expect(requests).toEqual([])
        await expectAccessible(page, `not for the role: ${username} on ${path}`)
      })
    })
  }
})

describe('English', () => {
  it('switches the whole UI to English, keeps it after a reload, and still writes dates dd/mm/yyyy', async () => {
    // An English-speaking browser: the app must still start in Vietnamese and format dates the Vietnamese way.
    await withPage(
      browser,
      DESKTOP,
      async (page) => {
        const before = todayShownInVietnam()
        // Through the form: the users screen below shows this sign-in's date (a minted session records none).
        await signInWithForm(page, 'demo-admin-82')
        expect(await page.locator('html').getAttribute('lang')).toBe('vi')
        await mainNav(page).getByRole('button', { name: vi['lang.switchLabel'] }).click()

        await mainNav(page, en).waitFor()
        expect(await page.locator('html').getAttribute('lang')).toBe('en')
        expect((await mainNav(page, en).getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(expectedNav('province_admin', en))
        expect(await page.getByRole('banner').textContent()).toContain(en['role.province_admin'])
        await expectHeading(page, en['home.title'].replace('{name}', demoName('demo-admin-82')))

        await mainNav(page, en).getByRole('link', { name: en['nav.users'], exact: true }).click()
        await page.getByRole('heading', { level: 1, name: en['users.title'] }).waitFor()
        const ownCard = page.getByRole('listitem').filter({ hasText: '@demo-admin-82' })
        await ownCard.waitFor()
        const lastLogin = (await ownCard.textContent()) ?? ''
        const match = lastLogin.match(new RegExp(`${en['users.lastLogin']}: (\\d{2}/\\d{2}/\\d{4})`))
        expect(match, lastLogin).not.toBeNull()
        expect([before, todayShownInVietnam()]).toContain(match![1])
        expect(await page.getByRole('button', { name: en['users.invite'] }).isVisible()).toBe(true)
        await expectAccessible(page, 'users list in English')

        await page.reload()
        await page.getByRole('heading', { level: 1, name: en['users.title'] }).waitFor()
        expect(await page.locator('html').getAttribute('lang')).toBe('en')

        await mainNav(page, en).getByRole('button', { name: en['lang.switchLabel'] }).click()
        await page.getByRole('heading', { level: 1, name: vi['users.title'] }).waitFor()
        expect(await page.locator('html').getAttribute('lang')).toBe('vi')
        expect((await mainNav(page).getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(expectedNav('province_admin'))
      },
      { locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' },
    )
  })
})

function demoName(username: string): string {
  return DEMO_ACCOUNTS.find((a) => a.username === username)!.displayName
}
