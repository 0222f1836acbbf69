// The 2025 law's hand-over on moving (decision 0029), offline as the issue asks: the demo commune officer records
// a move while offline (queued on the phone), the connection returns and it is sent; the receiving commune's officer
// then sees the person moving in, with when the hand-over is due, and accepts it; the person is then theirs.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  MOBILE,
  baseUrl,
  communeCodes,
  createCommuneOfficer,
  expectHeading,
  goVia,
  headerContext,
  isoPlusMonths,
  isoToday,
  newPage,
  signIn,
  useBrowser,
  vi,
  waitForServiceWorkerControl,
  withPage,
} from './helpers.ts'

const browser = useBrowser()
const OFFICER = 'demo-commune-82'
const RECEIVER = 'e2e-receiving-officer-82'
const RECEIVER_01 = 'e2e-receiving-officer-01'
const random = (below: number) => Math.floor(Math.random() * below)
const digits = (n: number, width: number) => String(n).padStart(width, '0')

const chip = (page: Page) => page.getByTestId('sync-status')
async function expectChip(page: Page, text: string): Promise<void> {
  await expect.poll(async () => ((await chip(page).textContent()) ?? '').replace(`${vi['sync.title']}: `, '').trim(), { timeout: 30_000 }).toBe(text)
}

describe('hand-over on moving (Law 120/2025)', () => {
  it('recorded offline by the sending commune, sent when back online, accepted by the receiving commune', async () => {
    const [sending, receiving] = await communeCodes('82')
    await createCommuneOfficer(RECEIVER, '82', [receiving!])
    const year = 1980 + random(10)
    const person = {
      fullName: `Đinh Văn Chuyển Đi ${Date.now() % 100_000}`,
      birthDate: `${year}-0${1 + random(9)}-1${random(9)}`,
      citizenId: `${digits(1 + random(96), 3)}0${String(year).slice(2)}${digits(random(1_000_000), 6)}`,
    }
    expect(sending).toBeDefined()
    let personPath = ''
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, OFFICER)
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        await expectChip(page, vi['sync.chip.synced'])
        // Registered online.
        await goVia(page, 'nav.persons', vi['persons.title'])
        await page.getByRole('main').getByRole('link', { name: vi['persons.register'], exact: true }).click()
        await expectHeading(page, vi['persons.register'])
        const form = page.getByRole('main')
        await form.getByLabel(vi['person.fullName'], { exact: true }).fill(person.fullName)
        await form.getByLabel(vi['person.birthDate'], { exact: true }).fill(person.birthDate)
        await form.getByLabel(vi['person.citizenId'], { exact: true }).fill(person.citizenId)
        await form.getByLabel(vi['person.determinedOn'], { exact: true }).fill(isoPlusMonths(isoToday(), -1))
        await form.getByLabel(vi['person.determinedBy'], { exact: true }).fill('Trạm Y tế xã (thử nghiệm)')
        await form.getByRole('button', { name: vi['common.save'], exact: true }).click()
        await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/)
        await expectHeading(page, person.fullName)
        personPath = new URL(page.url()).pathname
        await expectChip(page, vi['sync.chip.synced'])

        // Offline: the move is queued on the phone.
        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        await page.getByRole('button', { name: vi['handover.record'], exact: true }).click()
        const dialog = page.getByRole('dialog', { name: vi['handover.record'] })
        await dialog.getByLabel(vi['handover.toCommune'], { exact: true }).fill(receiving!)
        await dialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
        await dialog.waitFor({ state: 'hidden' })
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))

        // Back online: sent by itself.
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])
      },
      { serviceWorkers: 'allow' },
    )

    // The receiving commune's officer, offline (decision 0039): the person moving in is in the phone's store — on the
    // home screen's due work and on /handovers — and accepting it there is queued, then sent.
    await withPage(
      browser,
      MOBILE,
      async (page, context) => {
        await signIn(page, RECEIVER)
        await waitForServiceWorkerControl(page)
        await page.reload()
        await headerContext(page).waitFor()
        await expectChip(page, vi['sync.chip.synced'])
        await context.setOffline(true)
        await page.getByRole('status').filter({ hasText: vi['offline.banner'] }).waitFor()
        await goVia(page, 'nav.home', vi['home.title'].replace('{name}', `Test ${RECEIVER}`))
        const work = page.getByTestId('work-list').getByRole('listitem').filter({ hasText: person.fullName })
        await work.waitFor()
        expect(await work.textContent()).toContain(vi['work.action.handover_to_accept'])
        // Counted by the hour, as the hand-over screen counts it (24 h by default, just notified).
        expect(await work.textContent()).toMatch(/Còn (23|24) giờ/)
        await work.getByRole('link').click()
        await expectHeading(page, vi['handover.incoming'])
        const item = page.getByRole('main').getByRole('listitem').filter({ hasText: person.fullName })
        await item.waitFor()
        expect(await item.textContent()).toContain(vi['handover.dueAt'].split(':')[0]!)
        expect(await item.textContent()).toContain(person.citizenId)
        await item.getByRole('button', { name: vi['handover.accept'], exact: true }).click()
        // Laid over at once by the kernel's decide: it leaves the list while still queued.
        await expect.poll(() => page.getByRole('main').getByRole('listitem').filter({ hasText: person.fullName }).count(), { timeout: 30_000 }).toBe(0)
        await expectChip(page, vi['sync.chip.pending'].replace('{count}', '1'))
        await context.setOffline(false)
        await expectChip(page, vi['sync.chip.synced'])
        // The person is now the receiving commune's: their page opens for this officer.
        const res = await page.request.get(`${baseUrl}/api/p/82${personPath}/timeline`)
        expect(res.status()).toBe(200)
        const body = await res.json()
        expect(body.data.person.communeCode).toBe(receiving)
        expect(body.data.events.some((e: { kind: string; summary: { status: string } }) => e.kind === 'handover' && e.summary.status === 'accepted')).toBe(true)
      },
      { serviceWorkers: 'allow' },
    )
  }, 180_000)

  it('accepted across provinces, the person is registered in the receiving province from the fields that crossed', async () => {
    const [sending] = await communeCodes('82')
    const [receiving01] = await communeCodes('01')
    await createCommuneOfficer(RECEIVER_01, '01', [receiving01!])
    const year = 1980 + random(10)
    // A woman born in the 1900s: the 4th digit is 1.
    const citizenId = `${digits(1 + random(96), 3)}1${String(year).slice(2)}${digits(random(1_000_000), 6)}`
    const fullName = `Phạm Thị Sang Tỉnh ${Date.now() % 100_000}`
    const handover = crypto.randomUUID()
    const api = async (page: Page, method: string, path: string, data?: unknown) => {
      const res = await page.request.fetch(path, { method, headers: { Origin: baseUrl, 'Content-Type': 'application/json' }, ...(data ? { data } : {}) })
      expect(res.status(), await res.text()).toBeLessThan(300)
      return (await res.json()).data
    }
    // The sending commune registers the person and records the move to province 01 (online, through the API).
    const sender = await newPage(browser, MOBILE)
    try {
      await signIn(sender.page, OFFICER)
      const made = await api(sender.page, 'POST', '/api/p/82/persons', {
        fullName,
        birthDate: `${year}-05-05`,
        sex: 'female',
        citizenId,
        communeCode: sending,
        category: 'drug_user',
        phone: '0912345678',
      })
      await api(sender.page, 'POST', `/api/p/82/persons/${made.id}/handovers`, {
        id: handover,
        toProvinceCode: '01',
        toCommuneCode: receiving01,
        movedOn: isoToday(),
      })
    } finally {
      await sender.context.close()
    }
    // The receiving province's officer accepts on /handovers; the person then opens as one of their commune's.
    const other = await newPage(browser, MOBILE)
    try {
      await signIn(other.page, RECEIVER_01)
      await goVia(other.page, 'nav.handovers', vi['handover.incoming'])
      const item = other.page.getByRole('main').getByRole('listitem').filter({ hasText: fullName })
      await item.waitFor()
      await item.getByRole('button', { name: vi['handover.accept'], exact: true }).click()
      await expect.poll(() => other.page.getByRole('main').getByRole('listitem').filter({ hasText: fullName }).count(), { timeout: 30_000 }).toBe(0)
      await expect.poll(async () => (await other.page.request.get(`${baseUrl}/api/p/01/persons/${handover}`)).status(), { timeout: 30_000 }).toBe(200)
      const registered = (await (await other.page.request.get(`${baseUrl}/api/p/01/persons/${handover}`)).json()).data
      expect(registered).toMatchObject({ fullName, citizenId, communeCode: receiving01, source: 'handover', status: 'under_management', phone: null })
      await other.page.goto(`/persons/${handover}`)
      await expectHeading(other.page, fullName)
      await other.page.getByTestId('person-source').waitFor()
    } finally {
      await other.context.close()
    }
  }, 180_000)
})
