// Offline field work, as the issue asks: the demo commune officer registers a person, makes and activates a
// plan, loses the connection, records a review, reloads the page offline (the review is still there, queued:
// 1 pending), reconnects; a second browser signed in as the same officer then reads the person page online and
// sees the review exactly once, and the first shows nothing pending. Then a conflict: two phones change the same
// person's notes, one of them offline; the sync screen shows both versions and "keep mine" wins. A plan completed
// offline (the certificate) goes the same way, with a contact of the post-rehab record it opens.
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { serverMessageVi } from '../../web/src/i18n/server-messages.ts'
import {
  MOBILE,
  baseUrl,
  demoAccount,
  demoPassword,
  expectAccessible,
  fillLogin,
  openMenu,
  mainNav,
  expectHeading,
  goVia,
  headerContext,
  useBrowser,
  newPage,
  screenshot,
  signIn,
  vi,
  waitForServiceWorkerControl,
  withPage,
  isoPlusMonths,
  isoToday,
} from './helpers.ts'

const browser = useBrowser()

const OFFICER = 'demo-commune-82'
const random = (below: number) => Math.floor(Math.random() * below)
const digits = (n: number, width: number) => String(n).padStart(width, '0')

/** A made-up man born in the 1980s, with a citizen ID of the valid format (4th digit 0: male, 1900s) and random digits. */
function syntheticPerson(tag: string) {
  const year = 1980 + random(10)
  return {
    fullName: `Võ Văn Ngoại Tuyến ${tag}`,
    birthDate: `${year}-${digits(1 + random(12), 2)}-${digits(1 + random(28), 2)}`,
    citizenId: `${digits(1 + random(96), 3)}0${String(year).slice(2)}${digits(random(1_000_000), 6)}`,
  }
}

const chip = (page: Page) => page.getByTestId('sync-status')
const timelineItems = (page: Page) => page.getByRole('main').getByRole('list').getByRole('listitem')
const reviewEntries = (page: Page) => timelineItems(page).filter({ hasText: vi['event.review'] })
const postRehabEntries = (page: Page) => timelineItems(page).filter({ hasText: vi['event.post_rehab'] })
const contactEntries = (page: Page) => timelineItems(page).filter({ hasText: vi['event.follow_up'] })

async function expectChip(page: Page, text: string): Promise<void> {
  await expect.poll(async () => ((await chip(page).textContent()) ?? '').replace(`${vi['sync.title']}: `, '').trim(), { timeout: 30_000 }).toBe(text)
}

async function register(page: Page, person: ReturnType<typeof syntheticPerson>): Promise<string> {
  // Through the app's own links (a page load would need the network or the service worker).
  await goVia(page, 'nav.persons', vi['persons.title'])
  await page.getByRole('main').getByRole('link', { name: vi['persons.register'], exact: true }).click()
  await expectHeading(page, vi['persons.register'])
  const form = page.getByRole('main')
  await form.getByLabel(vi['person.fullName'], { exact: true }).fill(person.fullName)
  await form.getByLabel(vi['person.birthDate'], { exact: true }).fill(person.birthDate)
  await form.getByLabel(vi['person.sex'], { exact: true }).selectOption({ label: vi['person.male'] })
  await form.getByLabel(vi['person.citizenId'], { exact: true }).fill(person.citizenId)
  await form.getByLabel(vi['person.determinedOn'], { exact: true }).fill(isoPlusMonths(isoToday(), -1))
  await form.getByLabel(vi['person.determinedBy'], { exact: true }).fill('Trạm Y tế xã (thử nghiệm)')
  await form.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/)
  await expectHeading(page, person.fullName)
  return new URL(page.url()).pathname
}

/** A plan started seven months ago on the chair's decision, its three required stages done: it may be completed today. */
async function planAndActivate(page: Page): Promise<void> {
  const startOn = isoPlusMonths(isoToday(), -7)
  await page.getByRole('button', { name: vi['plan.new'], exact: true }).click()
  const dialog = page.getByRole('dialog', { name: vi['plan.new'] })
  await dialog.getByLabel(vi['plan.registeredOn'], { exact: true }).fill(startOn)
  await dialog.getByLabel(vi['plan.startOn'], { exact: true }).fill(startOn)
  await dialog.getByLabel(vi['plan.plannedEndOn'], { exact: true }).fill(isoPlusMonths(startOn, 8))
  await dialog.getByLabel(vi['plan.member'], { exact: true }).fill('Nguyễn Văn Tổ Trưởng (thử)')
  await dialog.getByLabel(vi['plan.memberRole'], { exact: true }).fill('Công an xã')
  await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: vi['plan.activate'], exact: true }).click()
  const activate = page.getByRole('dialog', { name: vi['plan.activate'] })
  await fillDecision(activate, `QĐ-${random(10_000)}/UBND`, startOn)
  await activate.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await activate.waitFor({ state: 'hidden' })
  await page.getByText(`${vi['category.dependent']} · ${vi['pstatus.in_rehab']}`, { exact: true }).waitFor()
  for (const stage of ['intake_classification', 'detox_treatment', 'education_counselling'] as const) {
    const name = `${vi['plan.stage.edit']}: ${vi[`plan.stage.${stage}`]}`
    await page.getByRole('button', { name, exact: true }).click()
    const stageDialog = page.getByRole('dialog', { name })
    await stageDialog.getByLabel(vi['plan.stage.actualStartOn'], { exact: true }).fill(isoPlusMonths(startOn, 1))
    await stageDialog.getByLabel(vi['plan.stage.actualEndOn'], { exact: true }).fill(isoPlusMonths(startOn, 2))
    await stageDialog.getByRole('checkbox', { name: vi['plan.stage.doneMark'] }).check()
    await stageDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
    await stageDialog.waitFor({ state: 'hidden' })
  }
  await page.getByText(vi['plan.readyToComplete'], { exact: true }).first().waitFor()
}

/** A decision's fields in `scope` (a dialog or one of its groups); its date is today unless given. */
async function fillDecision(scope: Locator, number: string, date?: string): Promise<void> {
  await scope.getByLabel(vi['decision.number'], { exact: true }).fill(number)
  if (date) await scope.getByLabel(vi['decision.date'], { exact: true }).fill(date)
  await scope.getByLabel(vi['decision.signer'], { exact: true }).fill('Chủ tịch UBND xã (thử)')
  await scope.getByLabel(vi['decision.body'], { exact: true }).fill('UBND xã (thử nghiệm)')
}

/** The completion certificate, through the person page's form; answers the certificate's number. */
async function completePlan(page: Page): Promise<string> {
  const number = `TN-${random(10_000)}/QĐ-UBND`
  await page.getByRole('button', { name: vi['plan.complete'], exact: true }).click()
  const complete = page.getByRole('dialog', { name: vi['plan.complete'] })
  // The certificate; the demo province opens post-rehab management, on the chair's decision.
  await fillDecision(complete.getByRole('group', { name: vi['plan.certificate'] }), number)
  await complete.getByLabel(vi['plan.supporter'], { exact: true }).fill('Tình nguyện viên (thử)')
  await fillDecision(complete.getByRole('group', { name: vi['decision.legend'], exact: true }), `QĐ-${random(10_000)}/UBND`)
  await complete.getByRole('button', { name: vi['plan.complete'], exact: true }).click()
  await complete.waitFor({ state: 'hidden' })
  await page.getByText(`${vi['category.post_rehab']} · ${vi['pstatus.post_rehab']}`, { exact: true }).waitFor()
  return number
}

async function recordContact(page: Page): Promise<void> {
  await page.getByRole('button', { name: vi['followUp.new'], exact: true }).click()
  const dialog = page.getByRole('dialog', { name: vi['followUp.new'] })
  await dialog.getByLabel(vi['followUp.method'], { exact: true }).selectOption({ label: vi['followUp.phone'] })
  await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

async function recordReview(page: Page, notes: string): Promise<void> {
  await page.getByRole('button', { name: vi['review.new'], exact: true }).click()
  const dialog = page.getByRole('dialog', { name: vi['review.new'] })
  // Presence, the test and the risk have no default: the officer chooses each.
  await dialog.getByLabel(vi['review.attended'], { exact: true }).selectOption({ label: vi['review.attended.yes'] })
  await dialog.getByLabel(vi['review.drugTest'], { exact: true }).selectOption({ label: vi['review.test.negative'] })
  await dialog.getByLabel(vi['review.risk'], { exact: true }).selectOption({ label: vi['review.risk.low'] })
  await dialog.getByLabel(`${vi['review.notes']} ${vi['common.optional']}`, { exact: true }).fill(notes)
  await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

async function editNotes(page: Page, notes: string): Promise<void> {
  await page.getByRole('button', { name: vi['person.edit'], exact: true }).click()
  const dialog = page.getByRole('dialog', { name: vi['person.edit'] })
  await dialog.getByLabel(`${vi['person.notes']} ${vi['common.optional']}`, { exact: true }).fill(notes)
  await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe('offline sync (commune officer)', () => {
  it('a review recorded offline survives a reload, is sent once back online, and another phone sees it exactly once', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, OFFICER)
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        await expectChip(page, vi['sync.chip.synced'])

        // Online: registration, plan, activation go through the outbox and are answered at once.
        const person = syntheticPerson(`${Date.now() % 100_000}`)
        const personPath = await register(page, person)
        await planAndActivate(page)
        await expectChip(page, vi['sync.chip.synced'])

        // Offline: the review is queued on the phone and shown at once.
        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        await recordReview(page, 'Ghi ngoại tuyến (thử nghiệm)')
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        await expect.poll(() => reviewEntries(page).count()).toBe(1)
        expect(await reviewEntries(page).first().textContent()).toContain(vi['sync.queued'])
        // Background Sync (Chromium): the tag waits for the connection; the service worker then asks the page to send.
        const tags = await page.evaluate(async () => {
          const registration = (await navigator.serviceWorker.ready) as unknown as { sync?: { getTags(): Promise<string[]> } }
          return registration.sync ? registration.sync.getTags() : ['no Background Sync in this browser']
        })
        expect(tags).toContain('binhan-outbox')

        // Reloaded without a network: the app opens from the phone, the review is still there, still queued.
        await page.reload()
        await headerContext(page).waitFor()
        await expectHeading(page, person.fullName)
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        await expect.poll(() => reviewEntries(page).count()).toBe(1)
        expect(await reviewEntries(page).first().textContent()).toContain(vi['sync.queued'])
        await expectAccessible(page, 'person page offline with a queued review')
        await screenshot(page, 'offline-queued-mobile')
        await goVia(page, 'nav.sync', vi['sync.title'])
        expect(await page.getByTestId('sync-pending').textContent()).toBe('1')
        expect(await page.getByTestId('sync-entry').count()).toBe(1)
        await expectAccessible(page, 'sync screen offline')
        await screenshot(page, 'sync-pending-mobile')

        // Back online: sent by itself; nothing pending.
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])
        await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('0')

        // Another phone, signed in afresh as the same officer, reads the person page online: the review, once.
        const other = await newPage(browser, MOBILE)
        try {
          await signIn(other.page, OFFICER)
          await other.page.goto(personPath)
          await expectHeading(other.page, person.fullName)
          await expect.poll(() => reviewEntries(other.page).count()).toBe(1)
          expect(await reviewEntries(other.page).first().textContent()).not.toContain(vi['sync.queued'])
          await expectChip(other.page, vi['sync.chip.synced'])
        } finally {
          await other.context.close()
        }
        await page.goto(personPath)
        await expect.poll(() => reviewEntries(page).count()).toBe(1)
        await expectChip(page, vi['sync.chip.synced'])

        // The Background Sync relay: the browser's `sync` event reaches the service worker, which asks the page to
        // send (the worker itself never calls /api): the page syncs, here seen as its pull.
        const cdp = await context.newCDPSession(page)
        const registrationId = await new Promise<string>((resolve) => {
          cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
            const registration = registrations.find((r) => r.scopeURL.startsWith(baseUrl) && !r.isDeleted)
            if (registration) resolve(registration.registrationId)
          })
          void cdp.send('ServiceWorker.enable')
        })
        // Quiet first (the screen's own pull on opening is done), so the pull below can only come from the relay.
        await page.waitForLoadState('networkidle')
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        const pulled = page.waitForRequest((request) => request.url().includes('/sync/pull'), { timeout: 10_000 })
        await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: new URL(baseUrl).origin, registrationId, tag: 'binhan-outbox', lastChance: false })
        await pulled
      },
      { serviceWorkers: 'allow' },
    )
  }, 180_000)

  it('two phones change the same notes; the one that was offline sees both versions and keeps its own', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`X${Date.now() % 100_000}`)
      const personPath = await register(page, person)
      await expectChip(page, vi['sync.chip.synced'])

      const other = await newPage(browser, MOBILE)
      try {
        await signIn(other.page, OFFICER)
        await other.page.goto(personPath)
        await expectHeading(other.page, person.fullName)

        // Phone A edits offline; phone B edits the same notes online meanwhile.
        await context.setOffline(true)
        await editNotes(page, 'Ghi chú của máy A (thử)')
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        await editNotes(other.page, 'Ghi chú của máy B (thử)')
        await other.page.getByText(`${vi['person.notes']}: Ghi chú của máy B (thử)`).waitFor()

        // A reconnects: its change was based on an older version, a conflict, kept with both versions.
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.conflicts'].replace('{count}', '1'))
        await page.getByTestId('sync-status').click()
        await expectHeading(page, vi['sync.title'])
        const conflict = page.getByTestId('sync-conflict')
        await conflict.waitFor()
        const text = (await conflict.textContent()) ?? ''
        expect(text).toContain('Ghi chú của máy A (thử)')
        expect(text).toContain('Ghi chú của máy B (thử)')
        await expectAccessible(page, 'sync screen with a conflict')
        await screenshot(page, 'sync-conflict-mobile')

        await conflict.getByRole('button', { name: vi['sync.keepMine'], exact: true }).click()
        await expectChip(page, vi['sync.chip.synced'])
        await other.page.reload()
        await other.page.getByText(`${vi['person.notes']}: Ghi chú của máy A (thử)`).waitFor()
      } finally {
        await other.context.close()
      }
    })
  }, 180_000)

  it('a session that ended while changes were queued keeps them, asks to sign in again, then sends them', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`S${Date.now() % 100_000}`)
      await register(page, person)
      await expectChip(page, vi['sync.chip.synced'])
      await context.setOffline(true)
      await editNotes(page, 'Ghi chú trước khi hết phiên (thử)')
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))

      // The session ends on the server meanwhile (as a logout elsewhere would); the phone still holds its cookie.
      const cookie = (await context.cookies()).find((c) => c.name === 'binhan_session')!
      const logout = await fetch(`${baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { Cookie: `${cookie.name}=${cookie.value}`, Origin: baseUrl, 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(logout.status).toBe(200)

      // Back online, the push is refused (401): nothing is lost, the sign-in dialog opens over the page.
      await context.setOffline(false)
      const dialog = page.getByRole('dialog', { name: vi['relogin.title'] })
      await dialog.waitFor()
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
      await fillLogin(dialog, OFFICER, demoPassword)
      await dialog.waitFor({ state: 'hidden' })
      await expectChip(page, vi['sync.chip.synced'])
      await page.getByText(`${vi['person.notes']}: Ghi chú trước khi hết phiên (thử)`).waitFor()
    })
  }, 180_000)

  it('signing out with unsent changes asks first; discarding them leaves nothing on the phone', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`D${Date.now() % 100_000}`)
      await register(page, person)
      await expectChip(page, vi['sync.chip.synced'])
      await context.setOffline(true)
      await editNotes(page, 'Sẽ bị bỏ (thử)')
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
      await openMenu(page)
      await mainNav(page).getByRole('button', { name: vi['header.signOut'] }).click()
      const dialog = page.getByRole('dialog', { name: vi['signOut.unsentTitle'] })
      await dialog.waitFor()
      expect(await dialog.textContent()).toContain(vi['signOut.unsentBody'].replace('{count}', '1'))
      await expectAccessible(page, 'sign-out with unsent changes')
      await dialog.getByRole('button', { name: vi['signOut.discard'] }).click()
      await page.getByLabel(vi['login.username'], { exact: true }).waitFor()
      expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('binhan-offline')
      const left = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('binhan-offline')
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const db = open.result
              const tx = db.transaction(['persons', 'outbox'])
              let total = 0
              let done = 0
              for (const name of ['persons', 'outbox']) {
                const count = tx.objectStore(name).count()
                count.onsuccess = () => {
                  total += count.result
                  if (++done === 2) {
                    db.close()
                    resolve(total)
                  }
                }
              }
            }
          }),
      )
      expect(left).toBe(0)
    })
  }, 180_000)

  it('another user signing in over unsent changes is asked; the owner then signs in and they are sent', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`F${Date.now() % 100_000}`)
      const personPath = await register(page, person)
      await expectChip(page, vi['sync.chip.synced'])
      await context.setOffline(true)
      await editNotes(page, 'Ghi chú của cán bộ xã (thử)')
      // The officer's session ends elsewhere; back online, the app goes to sign-in, keeping the change.
      const cookie = (await context.cookies()).find((c) => c.name === 'binhan_session')!
      await fetch(`${baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { Cookie: `${cookie.name}=${cookie.value}`, Origin: baseUrl, 'Content-Type': 'application/json' },
        body: '{}',
      })
      await context.setOffline(false)
      await page.goto('/login')
      await page.getByLabel(vi['login.username'], { exact: true }).waitFor()

      await fillLogin(page, 'demo-officer-82', demoPassword)
      const dialog = page.getByRole('dialog', { name: vi['foreign.title'] })
      await dialog.waitFor()
      expect(await dialog.textContent()).toContain(vi['foreign.body'].replace('{count}', '1').replace('{owner}', demoAccount(OFFICER).displayName))
      await expectAccessible(page, 'another user’s unsent changes')
      await dialog.getByRole('button', { name: vi['foreign.signOut'] }).click()
      await page.getByLabel(vi['login.username'], { exact: true }).waitFor()

      await fillLogin(page, OFFICER, demoPassword)
      await headerContext(page).waitFor()
      await expectChip(page, vi['sync.chip.synced'])
      await page.goto(personPath)
      await page.getByText(`${vi['person.notes']}: Ghi chú của cán bộ xã (thử)`).waitFor()
    })
  }, 180_000)

  it('a change the server refuses at push time is shown with its reason on the sync screen, then discarded', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const first = syntheticPerson(`R${Date.now() % 100_000}`)
      await register(page, first)
      await expectChip(page, vi['sync.chip.synced'])

      // Offline, the same citizen ID again: nothing on the phone can tell it is taken; the server will.
      await context.setOffline(true)
      const twin = { ...first, fullName: `Võ Văn Trùng Số ${Date.now() % 100_000}` }
      const twinPath = await register(page, twin)
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
      await context.setOffline(false)
      await expectChip(page, vi['sync.chip.failed'].replace('{count}', '1'))
      await page.goto(twinPath)
      await page.getByText(vi['sync.personProblems'].replace('{count}', '1')).waitFor()

      await page.getByTestId('sync-status').click()
      await expectHeading(page, vi['sync.title'])
      const card = page.getByTestId('sync-entry').filter({ hasText: twin.fullName })
      await card.waitFor()
      const text = (await card.textContent()) ?? ''
      expect(text).toContain(vi['sync.reason.invalid'])
      expect(text).toContain(`${vi['person.citizenId']}: ${serverMessageVi('is already registered in the province')}`)
      await expectAccessible(page, 'sync screen with a refused change')
      await screenshot(page, 'sync-failed-mobile')

      await card.getByRole('button', { name: vi['sync.discard'], exact: true }).click()
      const confirm = page.getByRole('dialog', { name: vi['sync.discardTitle'] })
      await confirm.getByRole('button', { name: vi['sync.discardConfirm'], exact: true }).click()
      await card.waitFor({ state: 'detached' })
      await expectChip(page, vi['sync.chip.synced'])
      await goVia(page, 'nav.persons', vi['persons.title'])
      await page.getByRole('searchbox', { name: vi['persons.search'] }).fill(first.citizenId)
      await expect.poll(() => page.getByRole('main').getByRole('listitem').allInnerTexts()).toHaveLength(1)
      expect(await page.getByRole('main').getByRole('listitem').first().textContent()).toContain(first.fullName)
    })
  }, 180_000)

  it('a plan completed offline survives a reload, is sent once back online, and another phone sees it completed with one post-rehab record', async () => {
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, OFFICER)
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        const person = syntheticPerson(`C${Date.now() % 100_000}`)
        const personPath = await register(page, person)
        await planAndActivate(page)
        await expectChip(page, vi['sync.chip.synced'])

        // Offline: the certificate is queued and shown at once (plan completed, person post-rehab, 12 months of
        // post-rehab management); a contact of that new record can be recorded at once too.
        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        const number = await completePlan(page)
        await page.getByText(vi['plan.completed'], { exact: true }).waitFor()
        await expect.poll(() => postRehabEntries(page).count()).toBe(1)
        expect(await postRehabEntries(page).first().textContent()).toContain(vi['sync.queued'])
        await recordContact(page)
        await expect.poll(() => contactEntries(page).count()).toBe(1)
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '2'))

        // Reloaded without a network: still there, still queued.
        await page.reload()
        await headerContext(page).waitFor()
        await expectHeading(page, person.fullName)
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '2'))
        await page.getByText(`${vi['plan.completionNumber']}: ${number}`, { exact: false }).waitFor()
        await expect.poll(() => postRehabEntries(page).count()).toBe(1)
        expect(await postRehabEntries(page).first().textContent()).toContain(vi['sync.queued'])
        await expectAccessible(page, 'person page offline with a queued completion')

        // Back online: both sent, in order; the post-rehab record the server opened is the one on the phone.
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])
        await expect.poll(async () => (await postRehabEntries(page).first().textContent()) ?? '').not.toContain(vi['sync.queued'])
        expect(await postRehabEntries(page).count()).toBe(1)
        expect(await contactEntries(page).count()).toBe(1)

        // Another phone, signed in afresh: the plan completed with its certificate, one post-rehab record, one contact.
        const other = await newPage(browser, MOBILE)
        try {
          await signIn(other.page, OFFICER)
          await other.page.goto(personPath)
          await expectHeading(other.page, person.fullName)
          await other.page.getByText(`${vi['category.post_rehab']} · ${vi['pstatus.post_rehab']}`, { exact: true }).waitFor()
          await other.page.getByText(vi['plan.completed'], { exact: true }).waitFor()
          await other.page.getByText(`${vi['plan.completionNumber']}: ${number}`, { exact: false }).waitFor()
          await expectChip(other.page, vi['sync.chip.synced'])
          await expect.poll(() => postRehabEntries(other.page).count()).toBe(1)
          await expect.poll(() => contactEntries(other.page).count()).toBe(1)
          expect(await postRehabEntries(other.page).first().textContent()).not.toContain(vi['sync.queued'])
        } finally {
          await other.context.close()
        }
      },
      { serviceWorkers: 'allow' },
    )
  }, 180_000)

  it('support and a relapse recorded offline are sent when the connection returns', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`H${Date.now() % 100_000}`)
      await register(page, person)
      await planAndActivate(page)
      await completePlan(page)
      await expectChip(page, vi['sync.chip.synced'])

      await context.setOffline(true)
      await page.getByRole('button', { name: vi['support.new'], exact: true }).click()
      const support = page.getByRole('dialog', { name: vi['support.new'] })
      await support.getByLabel(vi['support.kind'], { exact: true }).selectOption({ label: vi['support.kind.preferential_loan'] })
      await support.getByLabel(vi['support.amount'], { exact: true }).fill('20.000.000')
      await expectAccessible(page, 'support form')
      await support.getByRole('button', { name: vi['common.save'], exact: true }).click()
      await support.waitFor({ state: 'hidden' })
      const given = timelineItems(page).filter({ hasText: vi['support.kind.preferential_loan'] })
      await expect.poll(() => given.count()).toBe(1)
      expect(await given.textContent()).toContain(vi['sync.queued'])

      await page.getByRole('button', { name: vi['postRehab.relapse'], exact: true }).click()
      const relapse = page.getByRole('dialog', { name: vi['postRehab.relapse'] })
      await relapse.getByRole('button', { name: vi['common.save'], exact: true }).click()
      await relapse.waitFor({ state: 'hidden' })
      // Post-rehab management ended: the person awaits an addiction determination (decision 0028), offered here.
      await page.getByText(`${vi['category.post_rehab']} · ${vi['pstatus.awaiting_determination']}`, { exact: true }).waitFor()
      await page.getByRole('button', { name: vi['legal.requestDetermination'], exact: true }).waitFor()
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '2'))

      await context.setOffline(false)
      await expectChip(page, vi['sync.chip.synced'])
      await expect.poll(async () => (await given.textContent()) ?? '').not.toContain(vi['sync.queued'])
      expect(await given.count()).toBe(1)
      await page.reload()
      await page.getByText(`${vi['category.post_rehab']} · ${vi['pstatus.awaiting_determination']}`, { exact: true }).waitFor()
      expect(await postRehabEntries(page).first().textContent()).toContain(vi['postRehab.relapsedOn'].replace(' {date}', ''))
    })
  }, 180_000)

  it('a phone whose offline store predates support records upgrades it and downloads its scope again', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await page.goto('/login')
      await page.getByLabel(vi['login.username'], { exact: true }).waitFor()
      // The store as the previous version of the app made it (IndexedDB version 1), after some pulls.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('binhan-offline', 1)
            open.onupgradeneeded = () => {
              const db = open.result
              for (const name of ['persons', 'plans', 'reviews', 'postRehab', 'followUps']) db.createObjectStore(name, { keyPath: 'id' })
              db.createObjectStore('communes', { keyPath: 'code' })
              db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
              db.createObjectStore('meta').put(
                { deviceId: crypto.randomUUID(), userId: null, cursor: 'a-cursor-from-before', complete: true, lastSyncedAt: null },
                'sync',
              )
            }
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              open.result.close()
              resolve()
            }
          }),
      )
      await fillLogin(page, OFFICER, demoPassword)
      await headerContext(page).waitFor()
      await expectChip(page, vi['sync.chip.synced'])
      const readStore = () =>
        page.evaluate(
          () =>
            new Promise<{ version: number; stores: string[]; cursor: unknown }>((resolve, reject) => {
              const open = indexedDB.open('binhan-offline')
              open.onerror = () => reject(open.error)
              open.onsuccess = () => {
                const db = open.result
                const get = db.transaction('meta').objectStore('meta').get('sync')
                get.onsuccess = () => {
                  resolve({ version: db.version, stores: [...db.objectStoreNames], cursor: (get.result as { cursor?: unknown }).cursor })
                  db.close()
                }
              }
            }),
        )
      // "Synced" shows as soon as nothing waits to be sent; the full download may still be under way.
      await expect.poll(async () => (await readStore()).cursor, { timeout: 15_000 }).toEqual(expect.any(String))
      const store = await readStore()
      // 3: the activity log and community models (decision 0033); 4: a person's legal path (0028); 5: hand-overs,
      // monitoring orders (0039) and evidence files waiting to upload (0038); 6: the self-assessments (0044).
      expect(store.version).toBe(6)
      expect(store.stores).toEqual(
        expect.arrayContaining([
          'support',
          'activities',
          'models',
          'modelMembers',
          'modelSessions',
          'managementPeriods',
          'determinations',
          'referrals',
          'methadone',
          'handovers',
          'monitoring',
          'evidence',
        ]),
      )
      expect(store.cursor).not.toBe('a-cursor-from-before')
    })
  }, 180_000)

  it('a post-rehab contact recorded offline is sent when the connection returns', async () => {
    await withPage(browser, MOBILE, async (page, context) => {
      await signIn(page, OFFICER)
      const person = syntheticPerson(`H${Date.now() % 100_000}`)
      await register(page, person)
      await planAndActivate(page)
      // Completed online: answered at once, it opens post-rehab management.
      await completePlan(page)
      await expectChip(page, vi['sync.chip.synced'])

      await context.setOffline(true)
      await recordContact(page)
      const contact = contactEntries(page)
      await expect.poll(() => contact.count()).toBe(1)
      expect(await contact.textContent()).toContain(vi['sync.queued'])
      await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))

      await context.setOffline(false)
      await expectChip(page, vi['sync.chip.synced'])
      await expect.poll(async () => (await contact.textContent()) ?? '').not.toContain(vi['sync.queued'])
      expect(await contact.count()).toBe(1)
    })
  }, 180_000)
})
