// The law's path after a relapse during post-rehab, through the commune officer's person screen (offline-first
// writes, sent by the sync engine): determination requested → result of dependence with its decision → referral
// to compulsory rehab → the court's decision and admission → the return, which opens post-rehab management with
// the commune chair's decision. The person is synthetic and new on every run; the earlier steps (a completed plan,
// the relapse) are made through the API as the same officer.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { MOBILE, baseUrl, isoToday, signIn, useBrowser, vi, withPage } from './helpers.ts'

const browser = useBrowser()
const OFFICER = 'demo-commune-82'
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10)

async function api(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const res = await page.request.fetch(path, { method, headers: { Origin: baseUrl, 'Content-Type': 'application/json' }, ...(data ? { data } : {}) })
  const body = await res.json()
  expect(res.status(), JSON.stringify(body)).toBeLessThan(300)
  return body.data
}

/** A person whose post-rehab management ended in a relapse two days ago. */
async function relapsedPerson(page: Page): Promise<string> {
  const me = await api(page, 'GET', '/api/me')
  const commune = me.communes[0].code
  const year = 1980 + Math.floor(Math.random() * 20)
  const person = await api(page, 'POST', '/api/p/82/persons', {
    fullName: 'Tạ Văn Thử Pháp',
    birthDate: `${year}-03-03`,
    sex: 'male',
    citizenId: `0${String(10 + Math.floor(Math.random() * 80))}0${String(year).slice(2)}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`,
    communeCode: commune,
    category: 'dependent',
    addictionDeterminedOn: daysAgo(230),
    addictionDeterminedBy: 'Trung tâm Y tế (thử)',
  })
  const start = daysAgo(210)
  const plan = await api(page, 'POST', `/api/p/82/persons/${person.id}/plans`, {
    form: 'family',
    registeredOn: daysAgo(220),
    startOn: start,
    plannedEndOn: daysAgo(210 - 200),
    members: [{ name: 'Tổ công tác (thử)', role: 'công an xã' }],
    stages: [],
  })
  const chair = (date: string, number: string) => ({ number, date, signer: 'Chủ tịch UBND xã (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' })
  await api(page, 'POST', `/api/p/82/plans/${plan.id}/transitions`, { to: 'active', version: 1, decision: chair(start, '01/QĐ-UBND (thử)') })
  // The law's first three stages done, then the certificate after the minimum six months (decision 0026).
  let version = 2
  for (const stage of ['intake_classification', 'detox_treatment', 'education_counselling']) {
    await api(page, 'POST', `/api/p/82/plans/${plan.id}/stages`, { version, stage, actualStartOn: start, actualEndOn: daysAgo(120), done: true })
    version += 1
  }
  const done = await api(page, 'POST', `/api/p/82/plans/${plan.id}/complete`, {
    version,
    decision: chair(daysAgo(10), 'GXN (thử)'),
    supportModel: 'b93_club',
    supporterName: 'Tình nguyện viên (thử)',
    openDecision: chair(daysAgo(10), '02/QĐ-UBND (thử)'),
  })
  await api(page, 'POST', `/api/p/82/post-rehab/${done.postRehab.id}/relapse`, { version: 1, relapseOn: daysAgo(2) })
  return person.id
}

async function fillDecision(page: Page, number: string) {
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(vi['legal.decision.number'], { exact: true }).fill(number)
  await dialog.getByLabel(vi['legal.decision.signer'], { exact: true }).fill('Người ký (thử)')
  await dialog.getByLabel(vi['legal.decision.body'], { exact: true }).fill('Cơ quan (thử)')
}
async function save(page: Page) {
  await page.getByRole('dialog').getByRole('button', { name: vi['common.save'] }).click()
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
}

describe('determination → referral → return → post-rehab', () => {
  it('is recorded from the person screen, with each decision, and reaches the server', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, OFFICER)
      const personId = await relapsedPerson(page)
      await page.goto(`/persons/${personId}`)
      await page.getByText(vi['legal.awaitingDetermination']).waitFor()

      await page.getByRole('button', { name: vi['legal.requestDetermination'] }).click()
      await page.getByRole('dialog').getByLabel(vi['legal.healthFacility']).fill('Trung tâm Y tế khu vực (thử)')
      await save(page)
      await page.getByRole('button', { name: vi['legal.conclude'] }).click()
      await fillDecision(page, '12/QĐ-YT (thử)')
      await save(page)
      await page.getByText(vi['legal.result.dependent'], { exact: false }).first().waitFor()

      await page.getByRole('button', { name: vi['legal.refer'] }).click()
      await page.getByRole('dialog').getByLabel(vi['legal.ground'], { exact: true }).selectOption('relapse_post_rehab')
      await save(page)
      await page.getByRole('button', { name: vi['legal.admit'] }).click()
      await page.getByRole('dialog').getByLabel(vi['legal.rehabFacility']).fill('Cơ sở cai nghiện ma túy tỉnh (thử)')
      // The court's decision: the signer's role is preselected.
      await expect.poll(() => page.getByRole('dialog').getByLabel(vi['legal.decision.signerRole']).inputValue()).toBe('court')
      await fillDecision(page, '3/QĐ-TA (thử)')
      // A slow pull after the admission's answer (mobile data): the return opened right after it must still be
      // based on the admitted record's new version, not refused as a stale one (a CI run once caught this race).
      await page.route('**/sync/pull*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        await route.continue()
      })
      await save(page)
      await page.unroute('**/sync/pull*')
      await page.getByRole('button', { name: vi['legal.return'] }).click()
      await page.getByRole('dialog').getByLabel(vi['plan.supporter']).fill('Tổ 5+1 (thử)')
      await fillDecision(page, '40/QĐ-UBND (thử)')
      await save(page)

      // The server has every step once the outbox is sent: the person is under post-rehab management again.
      await expect.poll(async () => (await api(page, 'GET', `/api/p/82/persons/${personId}`)).status, { timeout: 30_000 }).toBe('post_rehab')
      const legal = await api(page, 'GET', `/api/p/82/persons/${personId}/legal-records`)
      expect(legal.determinations[0]).toMatchObject({ result: 'dependent', decision: { number: '12/QĐ-YT (thử)', signerRole: 'health_facility' } })
      expect(legal.referrals[0]).toMatchObject({
        status: 'returned',
        ground: 'relapse_post_rehab',
        courtDecision: { number: '3/QĐ-TA (thử)', signerRole: 'court' },
        returnDecision: { number: '40/QĐ-UBND (thử)', signerRole: 'commune_chair' },
        returnedOn: isoToday(),
      })
      const records = await api(page, 'GET', `/api/p/82/persons/${personId}/post-rehab`)
      expect(records.some((r: { status: string; planId: string | null }) => r.status === 'active' && r.planId === null)).toBe(true)
    })
  })

  it("the court's refusal is recorded from the person screen and ends the referral refused (decision 0039)", async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, OFFICER)
      const me = await api(page, 'GET', '/api/me')
      const year = 1980 + Math.floor(Math.random() * 20)
      const person = await api(page, 'POST', '/api/p/82/persons', {
        fullName: 'Lục Văn Tòa Bác',
        birthDate: `${year}-04-04`,
        sex: 'male',
        citizenId: `0${String(10 + Math.floor(Math.random() * 80))}0${String(year).slice(2)}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`,
        communeCode: me.communes[0].code,
        category: 'dependent',
        addictionDeterminedOn: daysAgo(40),
        addictionDeterminedBy: 'Trung tâm Y tế (thử)',
      })
      const referral = await api(page, 'POST', `/api/p/82/persons/${person.id}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: daysAgo(5) })
      await page.goto(`/persons/${person.id}`)
      await page.getByRole('button', { name: vi['legal.refuse'] }).click()
      await expect.poll(() => page.getByRole('dialog').getByLabel(vi['legal.decision.signerRole']).inputValue()).toBe('court')
      await fillDecision(page, '9/QĐ-TA (thử)')
      await save(page)
      await page.getByText(vi['legal.referral.refused']).first().waitFor()
      await expect.poll(async () => (await api(page, 'GET', `/api/p/82/persons/${person.id}`)).status, { timeout: 30_000 }).toBe('awaiting_registration')
      const legal = await api(page, 'GET', `/api/p/82/persons/${person.id}/legal-records`)
      expect(legal.referrals.find((r: { id: string }) => r.id === referral.id)).toMatchObject({
        status: 'refused',
        courtDecision: { number: '9/QĐ-TA (thử)', signerRole: 'court', date: isoToday() },
      })
    })
  })
})
