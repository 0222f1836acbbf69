// Shared by the e2e files: Debian's Chromium through playwright-core (one browser per file: useBrowser), sign-in
// by minting a session in the server's control database (the login screen's own tests use the form), axe-core
// checks and the screenshots kept in docs/screenshots/ (written only by `npm run screenshots`).
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { asc, eq, sql } from 'drizzle-orm'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { openControlDb } from '../../db/client.node.ts'
import { communes as controlCommunes, users } from '../../db/control/schema/index.ts'
import { createTestUser } from '../helpers/users.ts'
import { DEMO_USERS } from '../../worker/provision/demo-users.ts'
import type { ControlDb } from '../../db/types.ts'
import { createSession } from '../../worker/auth/session.ts'
import { SESSION_COOKIE } from '../../worker/auth/session-cookie.ts'
import { en } from '../../web/src/i18n/en.ts'
import { vi } from '../../web/src/i18n/vi.ts'
import { navFor } from '../../web/src/lib/navigation.ts'
import { isCentral } from '../../kernel/policy.ts'
import { addMonths, vietnamToday } from '../../kernel/calendar.ts'
import type { Role } from '../../kernel/roles.ts'

export { en, vi }
export const baseUrl = inject('baseUrl')
export const demoPassword = inject('demoPassword')

export type Catalogue = Record<keyof typeof vi, string>

/** 360 px: the cheap phones commune officers use; the nav sits behind the "Trình đơn" button there. */
export const MOBILE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const
export type Viewport = typeof MOBILE | typeof DESKTOP
export const isMobile = (v: Viewport) => v.viewport.width < 768

function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
}

/** The browser a test file shares: launched before its first test, closed after its last. */
export interface BrowserFixture {
  readonly browser: Browser
}

/** `const browser = useBrowser()` at the top of an e2e file; pass it to withPage and newPage. */
export function useBrowser(): BrowserFixture {
  let launched: Browser | undefined
  beforeAll(async () => {
    launched = await launchBrowser()
  })
  afterAll(async () => {
    await launched?.close()
  })
  return {
    get browser() {
      if (!launched) throw new Error('the browser is launched in beforeAll: use it inside a test')
      return launched
    },
  }
}

/**
 * A fresh browser profile. Service workers are blocked unless asked for: the production build registers
 * /sw.js, whose first activation may reload the page mid-test; only the offline test wants it.
 */
export async function newPage(
  fixture: BrowserFixture,
  viewport: Viewport,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await fixture.browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
    ...viewport,
    ...options,
  })
  // Fail within seconds rather than at the test timeout; each wait names what it waited for.
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return { context, page }
}

const DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url))
const readDistIndex = () => {
  try {
    return readFileSync(DIST_INDEX, 'utf8')
  } catch {
    return ''
  }
}
const DIST_INDEX_AT_START = readDistIndex()

/**
 * Runs `fn` on a fresh page and closes its profile afterwards. The app must not throw (an uncaught error in
 * the page fails the test); on a failure the message gets the URL, the page's errors, the body's HTML and a
 * screenshot in the temp directory, so a CI failure can be understood from its log.
 */
export async function withPage(
  browser: BrowserFixture,
  viewport: Viewport,
  fn: (page: Page, context: BrowserContext) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const { context, page } = await newPage(browser, viewport, options)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.stack || `${error.name}: ${error.message}`))
  try {
    await fn(page, context)
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
  } catch (err) {
    const file = join(tmpdir(), `binhan-e2e-failure-${Date.now()}.png`)
    const shot = await page.screenshot({ path: file }).then(
      () => file,
      () => 'none',
    )
    const body = await page
      .locator('body')
      .innerHTML({ timeout: 2_000 })
      .catch(() => '?')
    // An open dialog is where a refused save says why; the body's first 3,000 characters rarely reach it.
    const dialogs = await page
      .locator('dialog[open]')
      .allInnerTexts()
      .catch(() => [])
    // Another `vite build` in this working tree during the run replaces the hashed chunks the page asks for
    // ("Failed to fetch dynamically imported module"): a shared-machine accident, not the app.
    const rebuilt = readDistIndex() !== DIST_INDEX_AT_START ? '\n  NOTE: web/dist was rebuilt while this file ran (another build in this working tree)' : ''
    if (err instanceof Error) {
      err.message += `${rebuilt}\n  page: ${page.url()}\n  screenshot: ${shot}\n  page errors: ${pageErrors.join('\n') || 'none'}\n  open dialogs: ${dialogs.join(' | ').replace(/\s+/g, ' ') || 'none'}\n  body: ${body.slice(0, 3_000)}`
    }
    throw err
  } finally {
    await context.close()
  }
}

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
  /** What the header says about where the user works. */
  context: string
}

// The demo provinces and the communes the demo commune officers get (README "Demo accounts"; 82's is the
// province's first commune by code).
const PROVINCE_NAMES: Record<string, string> = { '82': 'Đồng Tháp', '01': 'Thành phố Hà Nội' }
const DEMO_COMMUNES: Record<string, string> = { '82': 'Phường Đạo Thạnh', '01': 'Phường Việt Hưng' }

export const DEMO_ACCOUNTS: DemoAccount[] = DEMO_USERS.map((u) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  context:
    u.province === null
      ? vi['header.central']
      : u.role === 'commune_officer'
        ? `${PROVINCE_NAMES[u.province]} · ${DEMO_COMMUNES[u.province]}`
        : PROVINCE_NAMES[u.province]!,
}))

export function demoAccount(username: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)
  if (!account) throw new Error(`no demo account ${username}`)
  return account
}

/** The nav link names a role must see, generated from web/src/lib/navigation.ts and a catalogue. */
export function expectedNav(role: Role, t: Catalogue = vi): string[] {
  return navFor({ role, province: isCentral(role) ? null : '01', communes: [] }).map((item) => t[item.label])
}

export const mainNav = (page: Page, t: Catalogue = vi) => page.getByRole('navigation', { name: t['nav.label'] })
export const menuButton = (page: Page, t: Catalogue = vi) => page.getByRole('button', { name: t['nav.menu'] })
export const headerContext = (page: Page) => page.getByTestId('context')

/** Opens the 360 px menu when it is there and closed; on a desktop the nav is always shown. */
export async function openMenu(page: Page, t: Catalogue = vi): Promise<void> {
  const button = menuButton(page, t)
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click()
  await mainNav(page, t).waitFor()
}

/** Signs in through the login form (the page must show it) and waits for the signed-in shell. */
export async function fillLogin(scope: Page | Locator, username: string, password: string, t: Catalogue = vi): Promise<void> {
  await scope.getByLabel(t['login.username'], { exact: true }).fill(username)
  await scope.getByLabel(t['login.password'], { exact: true }).fill(password)
  await scope.getByRole('button', { name: t['login.submit'], exact: true }).click()
}

/** Signs in through the login screen, as a person does: only for the tests of that screen (and of the audit of a sign-in). */
export async function signInWithForm(page: Page, username: string, password: string = demoPassword): Promise<void> {
  await page.goto('/login')
  await fillLogin(page, username, password)
  await headerContext(page).waitFor()
  await page.waitForURL((url) => url.pathname !== '/login')
}

// The e2e server's control database (test/e2e/global-setup.ts), opened by this file's process to mint sessions.
let control: ControlDb | undefined
async function controlDb(): Promise<ControlDb> {
  if (control) return control
  control = openControlDb({ url: `file:${inject('dataDir')}/control.db` })
  // The server writes to the same file meanwhile: wait for its lock rather than fail with SQLITE_BUSY.
  await control.run(sql`pragma busy_timeout = 5000`)
  return control
}
afterAll(() => control?.$client.close())

/** A commune officer of further communes, made in the e2e server's control database (a second commune's officer). */
export async function createCommuneOfficer(username: string, province: string, communes: string[]): Promise<void> {
  const db = await controlDb()
  await createTestUser(db, { username, role: 'commune_officer', province, communes })
}

/** The communes of a province by code, from the e2e server's control database (the official units). */
export async function communeCodes(province: string): Promise<string[]> {
  const db = await controlDb()
  const rows = await db
    .select({ code: controlCommunes.code })
    .from(controlCommunes)
    .where(eq(controlCommunes.provinceCode, province))
    .orderBy(asc(controlCommunes.code))
  return rows.map((r) => r.code)
}

/**
 * Signs in without the form (epic-stack's habit): a session created by the app's own createSession in the
 * server's control database, its cookie set on the page's profile, then the app opened at /. No password, no
 * login throttle, no sign-in audit entry.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  const db = await controlDb()
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username))
  if (!user) throw new Error(`no user ${username} in the e2e server's control database`)
  const { token } = await createSession(db, user.id, new Date())
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }])
  await page.goto('/')
  await headerContext(page).waitFor()
}

/** The text of the page's first-level heading, once it says `expected` (a lazy screen may still be loading). */
export async function expectHeading(page: Page, expected: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(expected)
}

export async function signOut(page: Page, t: Catalogue = vi): Promise<void> {
  await openMenu(page, t)
  await mainNav(page, t).getByRole('button', { name: t['header.signOut'] }).click()
  await page.getByLabel(t['login.username'], { exact: true }).waitFor()
}

/** Follows a main-navigation link (opening the 360 px menu first) and waits for the page's heading. */
export async function goVia(page: Page, link: keyof typeof vi, heading: string = vi[link]): Promise<void> {
  await openMenu(page)
  await mainNav(page).getByRole('link', { name: vi[link], exact: true }).click()
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor()
}

/** Waits until no "Đang tải…" status is left on the page. */
export async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: vi['common.loading'] }).count()).toBe(0)
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/**
 * axe-core on the page as it is now: no violation of impact serious or critical. The message lists every
 * violation (any impact) with where it is, so a failure says what to fix. Evaluated through the DevTools
 * protocol, so the app's CSP (no inline script) stays on.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>
        }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }))
  })
  const describe = (list: AxeViolation[]) => list.map((v) => `${v.id} [${v.impact}] ${v.help} at ${v.targets.join(', ')}`).join('\n  ')
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    blocking.map((v) => v.id),
    `axe on "${screen}" (${page.url()}):\n  ${describe(violations)}`,
  ).toEqual([])
}

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

/**
 * Saves the viewport as docs/screenshots/<name>.png (linked from README) when SCREENSHOTS=1 (`npm run
 * screenshots`); otherwise does nothing, so `npm test` leaves the working tree as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled', caret: 'hide' })
}

/** Today in Vietnam as YYYY-MM-DD, what date inputs take. */
export const isoToday = () => vietnamToday(new Date())
/** A YYYY-MM-DD day moved by whole months, clamped at month ends like the plans' own rule. */
export const isoPlusMonths = addMonths

/** Today in Vietnam as dd/mm/yyyy, computed independently of the app's own formatter. */
export function todayShownInVietnam(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date())
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get('day')}/${get('month')}/${get('year')}`
}

/** The worker is active and controls the page (the first visit is controlled only after a reload unless it claims it). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  // Evaluations can fail while the app reloads itself on `controllerchange`; expect.poll retries them.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'no active service worker'), {
      timeout: 30_000,
      message: 'no active service worker: the production build must serve /sw.js and the app register it',
    })
    .toBe('activated')
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null).catch(() => false))) await page.reload()
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true)
}
