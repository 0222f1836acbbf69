// "Who did what to whom", through the real screens: a province officer opens a (synthetic, seeded) person
// twice; the province admin finds that in the person's "who saw this record" list and in the audit trail,
// with the officer's name, the action in words (Vietnamese, then English), the record as a link, repeated
// reads grouped into one line with a count, and the filters by record, actor and action. axe on each screen.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DESKTOP, MOBILE, demoAccount, en, expectAccessible, goVia, screenshot, settled, signIn, useBrowser, vi, withPage } from './helpers.ts'

const browser = useBrowser()

const OFFICER = demoAccount('demo-officer-82')
let personId = ''

/** The body rows of the main table as arrays of cell texts (a cell's text includes its buttons' names). */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('main')
    .locator('table tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))
}
const officerTimelineRows = async (page: Page, t: Record<string, string> = vi) =>
  (await tableRows(page)).filter((cells) => cells[1]!.startsWith(t['auditAction.person.timeline']!) && cells[2]!.startsWith(OFFICER.displayName))

describe('the audit trail answers who did what to whom', () => {
  it('a province officer reads a person twice; the province admin sees it per person, grouped, filtered, in both languages', async () => {
    await withPage(browser, DESKTOP, async (page) => {
      await signIn(page, OFFICER.username)
      await goVia(page, 'nav.persons', vi['persons.title'])
      await page.getByRole('main').getByRole('listitem').first().getByRole('link').click()
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/)
      personId = new URL(page.url()).pathname.split('/').at(-1)!
      await page.getByRole('heading', { level: 1 }).waitFor()
      await settled(page)
      // The link is the province admin's (audit:read_province), not a province officer's.
      expect(await page.getByRole('link', { name: vi['audit.whoSaw'] }).count()).toBe(0)
      await page.reload()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await settled(page)
    })

    await withPage(browser, DESKTOP, async (page) => {
      await signIn(page, 'demo-admin-82')
      await page.goto(`/persons/${personId}`)
      await page.getByRole('link', { name: vi['audit.whoSaw'] }).click()
      await page.getByRole('heading', { level: 1, name: vi['access.title'] }).waitFor()
      await page.getByRole('main').locator('table').waitFor()
      const reads = await tableRows(page)
      const officerReads = reads.filter((cells) => cells[1] === OFFICER.displayName)
      expect(officerReads.filter((cells) => cells[3] === vi['auditAction.person.timeline'])).toHaveLength(2)
      expect(officerReads.every((cells) => cells[2] === vi['role.province_officer'])).toBe(true)
      expect(reads.some((cells) => cells[1] === demoAccount('demo-admin-82').displayName && cells[3] === vi['auditAction.person.timeline'])).toBe(true)
      await expectAccessible(page, 'who saw this record, desktop')
      await screenshot(page, 'person-access-desktop')

      // The trail of this record: the officer's two timeline reads are one line with a count.
      await goVia(page, 'nav.audit', vi['audit.title'])
      await page.getByLabel(vi['audit.trail'], { exact: true }).selectOption('records')
      await page.getByLabel(vi['audit.entityType'], { exact: true }).selectOption('person')
      await page.getByLabel(vi['audit.entityId'], { exact: true }).fill(personId)
      await page.getByLabel(vi['audit.entityId'], { exact: true }).press('Tab')
      const ofThisPerson = (cells: string[]) => cells[3]!.includes(`${vi['auditEntity.person']} ${personId.slice(0, 8)}`)
      // Each filter change loads again: wait for the last one (every row about this person).
      await expect.poll(async () => (await tableRows(page)).every(ofThisPerson)).toBe(true)
      await expect
        .poll(async () => (await officerTimelineRows(page)).map((cells) => cells[1]))
        .toEqual([`${vi['auditAction.person.timeline']} ${vi['audit.times'].replace('{count}', '2')}`])
      expect((await tableRows(page)).flat().join(' ')).not.toContain('person.timeline')
      await expectAccessible(page, 'audit trail of one record, grouped, desktop')
      await screenshot(page, 'audit-trail-records-desktop')

      await page.getByLabel(vi['audit.grouped'], { exact: true }).uncheck()
      await expect.poll(async () => (await officerTimelineRows(page)).length).toBe(2)

      // By actor and action: only the officer's timeline reads are left.
      await page.getByLabel(vi['audit.actor'], { exact: true }).selectOption({ label: OFFICER.displayName })
      await page.getByLabel(vi['audit.action'], { exact: true }).selectOption('person.timeline')
      await expect
        .poll(async () => {
          const left = await tableRows(page)
          return left.length === 2 && left.every((cells) => cells[1] === vi['auditAction.person.timeline'] && cells[2]!.startsWith(OFFICER.displayName))
        })
        .toBe(true)

      // In English, the same lines in English words.
      await page.getByRole('button', { name: new RegExp(`^${vi['lang.switch']}`) }).click()
      await expect.poll(async () => (await officerTimelineRows(page, en)).length).toBe(2)

      // The record is a link to the person's page.
      await page
        .getByRole('main')
        .locator('table tbody tr')
        .first()
        .getByRole('link', { name: `${en['auditEntity.person']} ${personId.slice(0, 8)}` })
        .click()
      await page.waitForURL(`**/persons/${personId}`)
      await page.getByRole('link', { name: en['audit.whoSaw'] }).waitFor()
    })
  })

  it('reads well at 360 px: the trail and the access list', async () => {
    await withPage(browser, MOBILE, async (page) => {
      await signIn(page, 'demo-admin-82')
      await page.goto(`/province/audit?trail=records&entityType=person&entityId=${personId}`)
      await page.getByRole('main').locator('table').waitFor()
      expect((await officerTimelineRows(page)).length).toBe(1)
      await expectAccessible(page, 'audit trail of one record, mobile')
      await page.getByRole('main').locator('table tbody tr').first().getByRole('link', { name: vi['audit.whoSaw'] }).click()
      await page.getByRole('heading', { level: 1, name: vi['access.title'] }).waitFor()
      await page.getByRole('main').locator('table').waitFor()
      await expectAccessible(page, 'who saw this record, mobile')
    })
  })
})
