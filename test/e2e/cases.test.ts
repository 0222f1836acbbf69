// The case-management flow a commune officer follows, through the real screens at 360 px and on a desktop:
// caseload → register a person → a rehab plan (a validation error next to its field first) → activate it →
// a periodic review → completion with its certificate → the person's timeline shows every step, the caseload,
// the people list (searched without diacritics) and the reports count it. axe-core on every case screen;
// screenshots in docs/screenshots/. The person is synthetic and new on every run (a random citizen ID).
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { serverMessageVi } from '../../web/src/i18n/server-messages.ts'
import { citizenIdMessages } from '../../kernel/domain/citizen-id.ts'
import { durationProblem } from '../../kernel/domain/plan-status.ts'
import { reportVi } from '../../web/src/i18n/report-vi.ts'
import {
  DESKTOP,
  MOBILE,
  demoAccount,
  expectAccessible,
  expectHeading,
  goVia,
  isMobile,
  useBrowser,
  screenshot,
  settled,
  signIn,
  todayShownInVietnam,
  vi,
  withPage,
  type Viewport,
  isoPlusMonths,
  isoToday,
} from './helpers.ts'

const browser = useBrowser()

/** The demo commune officer of Đồng Tháp (README "Demo accounts"); the demo seed gives the commune a caseload. */
const OFFICER = 'demo-commune-82'
/** Their only commune, what the register form picks for them: the last part of the header's context. */
const OFFICER_COMMUNE = demoAccount(OFFICER).context.split(' · ').at(-1)
/** What every timeline entry this officer made ends with: who recorded it. */
const BY_OFFICER = ` · ${vi['event.by'].replace('{name}', demoAccount(OFFICER).displayName)}`

/** dd/mm/yyyy, as the app writes dates. */
const shown = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
const random = (below: number) => Math.floor(Math.random() * below)
const digits = (n: number, width: number) => String(n).padStart(width, '0')

/** The name without its diacritics, đ as d, lower case: what an officer types on a phone without a Vietnamese keyboard. */
const withoutDiacritics = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()

interface NewPerson {
  fullName: string
  birthDate: string
  /** Valid: birth-registration code 001–096, 4th digit 1 (female, born in the 1900s), then the birth year's last two digits. */
  citizenId: string
  /** The same but with the 4th digit of a man: the server refuses it for a woman. */
  wrongSexCitizenId: string
}

/** A made-up woman born in the 1990s, with a citizen ID of the valid format and random last digits. */
function syntheticPerson(tag: string): NewPerson {
  const year = 1990 + random(10)
  const birthDate = `${year}-${digits(1 + random(12), 2)}-${digits(1 + random(28), 2)}`
  const code = digits(1 + random(96), 3)
  const rest = digits(random(1_000_000), 6)
  const yy = String(year).slice(2)
  return {
    fullName: `Phạm Thị Thử Nghiệm ${tag}`,
    birthDate,
    citizenId: `${code}1${yy}${rest}`,
    wrongSexCitizenId: `${code}0${yy}${rest}`,
  }
}

/**
 * The message shown for a field, found the way a screen reader finds it (the input's aria-describedby), once
 * the input says it is invalid; the message is visible right under its input, not elsewhere on the form. And
 * pressing "Lưu" at the bottom of a long form on a phone must not leave it out of sight: the field with the
 * problem gets the focus, so it is scrolled into view (in the page, or in the dialog's own scroll).
 */
async function expectFieldError(field: Locator, message: string): Promise<void> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
  await expect
    .poll(() => field.evaluate((input) => (input === document.activeElement ? 'focused' : `focus on ${document.activeElement?.outerHTML.slice(0, 80)}`)))
    .toBe('focused')
  const described = await field.evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  )
  expect(described).toBe(message)
  const error = field.page().getByText(message, { exact: true })
  expect(await error.isVisible()).toBe(true)
  const [inputBox, errorBox] = [await field.boundingBox(), await error.boundingBox()]
  expect(inputBox && errorBox).toBeTruthy()
  const gap = errorBox!.y - (inputBox!.y + inputBox!.height)
  expect(gap, `the error is ${gap}px below its input`).toBeGreaterThanOrEqual(0)
  expect(gap, `the error is ${gap}px below its input`).toBeLessThan(24)
  expect(errorBox!.x).toBeLessThan(inputBox!.x + inputBox!.width)
  expect(inputBox!.y, 'the invalid field is in view').toBeGreaterThanOrEqual(0)
  expect(errorBox!.y + errorBox!.height, 'its message is in view').toBeLessThanOrEqual(field.page().viewportSize()!.height)
}

/** What the server answers for an invalid field, shown in Vietnamese (or after a Vietnamese lead when the catalogue lacks it). */
const invalidField = (detail: string) => serverMessageVi(detail) ?? `${vi['error.invalidField']} (${detail})`

/** The report's rows as label → the total column, as numbers (the UI formats them the Vietnamese way). */
async function reportTotals(page: Page): Promise<Record<string, number>> {
  const rows = await page
    .getByRole('main')
    .getByRole('row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())))
  const totals: Record<string, number> = {}
  for (const [label, total] of rows.slice(1)) totals[label!] = Number((total ?? '').replaceAll('.', ''))
  return totals
}

async function openReports(page: Page): Promise<Record<string, number>> {
  await goVia(page, 'nav.reports', vi['reports.title'])
  await page.getByRole('rowheader', { name: reportVi['report.f.managed'], exact: true }).waitFor()
  return reportTotals(page)
}

/** The caseload's "n overdue · n due · n in rehab" line, read back into its total. */
async function caseloadTotal(page: Page): Promise<number> {
  const pattern = new RegExp(`^${vi['caseload.summary'].replace('{overdue}', '(\\d+)').replace('{due}', '(\\d+)').replace('{total}', '(\\d+)')}$`)
  const summary = page.getByText(pattern)
  await summary.waitFor()
  return Number(pattern.exec((await summary.textContent())!.trim())![3])
}

const cards = (page: Page) => page.getByRole('main').getByRole('listitem')
/** The caseload's people on a plan (its post-rehab and management lists follow under their own headings). */
const caseloadCards = (page: Page) => page.getByRole('main').getByRole('list', { name: vi['caseload.title'] }).getByRole('listitem')
// The timeline's entries (the plan card above it has lists of its own: members, stages, decisions).
const timelineItems = (page: Page) => page.getByRole('main').locator('ol.timeline').getByRole('listitem')

async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
}

async function runFlow(page: Page, viewport: Viewport): Promise<void> {
  const size = isMobile(viewport) ? 'mobile' : 'desktop'
  const person = syntheticPerson(isMobile(viewport) ? 'Điện Thoại' : 'Máy Tính')
  const today = isoToday()
  const todayShown = todayShownInVietnam()
  // Registration and plan status changes are dated by the server from their UTC timestamp; between 00:00
  // and 07:00 in Vietnam that is yesterday's date (reported separately, not this screen's concern).
  const serverStampDates = [todayShown, shown(new Date().toISOString().slice(0, 10))]

  await signIn(page, OFFICER)

  // Reports before: the figures this flow must move.
  const before = await openReports(page)
  expect(before[reportVi['report.f.managed']], JSON.stringify(before)).toBeGreaterThan(0)

  // Caseload: the seeded people on an active plan.
  await goVia(page, 'nav.caseload', vi['caseload.title'])
  const caseloadBefore = await caseloadTotal(page)
  expect(caseloadBefore).toBeGreaterThan(0)
  expect(await caseloadCards(page).count()).toBe(caseloadBefore)
  expect(await caseloadCards(page).filter({ hasText: person.fullName }).count()).toBe(0)
  await expectAccessible(page, `caseload, ${size}`)
  await screenshot(page, `caseload-${size}`)

  // Register: the server's check of the citizen ID against the sex shows next to that field, then the fix.
  await page.getByRole('main').getByRole('link', { name: vi['persons.register'], exact: true }).click()
  await expectHeading(page, vi['persons.register'])
  await expectAccessible(page, `register person, empty, ${size}`)
  const form = page.getByRole('main')
  await form.getByLabel(vi['person.fullName'], { exact: true }).fill(person.fullName)
  await form.getByLabel(vi['person.birthDate'], { exact: true }).fill(person.birthDate)
  await form.getByLabel(vi['person.sex'], { exact: true }).selectOption({ label: vi['person.female'] })
  const citizenId = form.getByLabel(vi['person.citizenId'], { exact: true })
  await citizenId.fill(person.wrongSexCitizenId)
  expect(await form.getByLabel(vi['person.commune'], { exact: true }).locator('option:checked').textContent()).toBe(OFFICER_COMMUNE)
  expect(await form.getByLabel(vi['persons.category'], { exact: true }).locator('option:checked').textContent()).toBe(vi['category.dependent'])
  await form.getByLabel(vi['person.determinedOn'], { exact: true }).fill(isoPlusMonths(today, -2))
  await form.getByLabel(vi['person.determinedBy'], { exact: true }).fill('Trạm Y tế phường (thử nghiệm)')
  await form.getByLabel(`${vi['person.address']} ${vi['common.optional']}`, { exact: true }).fill('Số 1, đường Thử Nghiệm (địa chỉ giả)')
  await form.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await expectFieldError(citizenId, invalidField(citizenIdMessages.sex))
  expect(page.url()).toMatch(/\/persons\/new$/)
  await expectAccessible(page, `register person with an error, ${size}`)
  await citizenId.evaluate((input) => input.scrollIntoView({ block: 'center' }))
  await screenshot(page, `register-person-${size}`)
  await citizenId.fill(person.citizenId)
  await form.getByRole('button', { name: vi['common.save'], exact: true }).click()

  // The person page: registered, no plan yet.
  await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/)
  const personPath = new URL(page.url()).pathname
  await expectHeading(page, person.fullName)
  // Dependent, no plan yet: the person must register (the status follows the records, decision 0028).
  await page.getByText(`${vi['category.dependent']} · ${vi['pstatus.awaiting_registration']}`, { exact: true }).waitFor()
  expect(await page.getByRole('main').textContent()).toContain(`${vi['person.citizenId']}: ${person.citizenId}`)
  await page.getByText(vi['person.noPlan'], { exact: true }).waitFor()
  const registered = (await timelineItems(page).allInnerTexts()).map((s) => s.trim())
  expect(
    registered.map((entry) => entry.slice(10)),
    registered.join('\n'),
  ).toEqual([` — ${vi['event.registered']}${BY_OFFICER}`])
  expect(serverStampDates, registered[0]).toContain(registered[0]!.slice(0, 10))
  await expectAccessible(page, `person, registered, ${size}`)

  // A plan: 3 months is refused by the server (6–12 months), the message sits under the planned-end field. It
  // started seven months ago (a file recorded late), so that it may be completed today: six months at least.
  await page.getByRole('button', { name: vi['plan.new'], exact: true }).click()
  const planDialog = page.getByRole('dialog', { name: vi['plan.new'] })
  await planDialog.waitFor()
  expect(await planDialog.getByLabel(vi['plan.registeredOn'], { exact: true }).inputValue()).toBe(today)
  expect(await planDialog.getByLabel(vi['plan.startOn'], { exact: true }).inputValue()).toBe(today)
  const startOn = isoPlusMonths(today, -7)
  await planDialog.getByLabel(vi['plan.registeredOn'], { exact: true }).fill(startOn)
  await planDialog.getByLabel(vi['plan.startOn'], { exact: true }).fill(startOn)
  await planDialog.getByLabel(vi['plan.form'], { exact: true }).selectOption({ label: vi['plan.form.community'] })
  const plannedEnd = planDialog.getByLabel(vi['plan.plannedEndOn'], { exact: true })
  const tooSoon = isoPlusMonths(startOn, 3)
  await plannedEnd.fill(tooSoon)
  await planDialog.getByLabel(vi['plan.member'], { exact: true }).fill('Trần Văn Kiểm Thử')
  await planDialog.getByLabel(vi['plan.memberRole'], { exact: true }).fill('Công an phường')
  await planDialog
    .getByLabel(`${vi['plan.stage.detox_treatment']} — ${vi['plan.activities']}`, { exact: true })
    .fill('Cắt cơn tại gia đình\nKhám sức khỏe định kỳ')
  await planDialog.getByLabel(`${vi['plan.stage.education_counselling']} — ${vi['plan.activities']}`, { exact: true }).fill('Tư vấn hằng tháng')
  await planDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await expectFieldError(plannedEnd, invalidField(durationProblem(startOn, tooSoon)!))
  expect(await planDialog.isVisible()).toBe(true)
  await expectAccessible(page, `plan form with an error, ${size}`)
  if (isMobile(viewport)) await screenshot(page, 'plan-form-mobile')
  const plannedEndOn = isoPlusMonths(startOn, 8)
  await plannedEnd.fill(plannedEndOn)
  await planDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await planDialog.waitFor({ state: 'hidden' })

  const planLine = page.getByText(`${vi['plan.form.community']} · ${shown(startOn)} – ${shown(plannedEndOn)}`)
  await expect
    .poll(async () => (await planLine.textContent())?.trim())
    .toBe(`${vi['plan.draft']} ${vi['plan.form.community']} · ${shown(startOn)} – ${shown(plannedEndOn)}`)
  // A draft has no review yet and cannot be completed; it can be started or dropped.
  expect(await page.getByRole('button', { name: vi['review.new'] }).count()).toBe(0)
  expect(await page.getByRole('button', { name: vi['plan.complete'] }).count()).toBe(0)
  expect(await page.getByRole('button', { name: vi['plan.terminate'], exact: true }).isVisible()).toBe(true)
  expect(await page.getByRole('button', { name: vi['plan.new'] }).count()).toBe(0)

  // Activate, on the commune chair's decision: without its number the form says so next to the field.
  await page.getByRole('button', { name: vi['plan.activate'], exact: true }).click()
  const activateDialog = page.getByRole('dialog', { name: vi['plan.activate'] })
  await activateDialog.getByLabel(vi['decision.date'], { exact: true }).fill(startOn)
  await activateDialog.getByLabel(vi['decision.signer'], { exact: true }).fill('Nguyễn Văn Ký Thử')
  await activateDialog.getByLabel(vi['decision.body'], { exact: true }).fill('UBND phường (thử nghiệm)')
  await activateDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await expectFieldError(activateDialog.getByLabel(vi['decision.number'], { exact: true }), 'Bắt buộc.')
  const startDecision = `QĐ-${random(10_000)}/UBND`
  await activateDialog.getByLabel(vi['decision.number'], { exact: true }).fill(startDecision)
  await activateDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await activateDialog.waitFor({ state: 'hidden' })
  await page.getByText(`Số ${startDecision}`, { exact: false }).first().waitFor()
  // Before trying: the earliest completion day and the stages still to do.
  await page
    .getByText(vi['plan.earliestCompletion'].replace('{date}', shown(isoPlusMonths(startOn, 6))), { exact: true })
    .first()
    .waitFor()
  // The three stages completion needs, carried out and marked done.
  for (const stage of ['intake_classification', 'detox_treatment', 'education_counselling'] as const) {
    const name = vi[`plan.stage.${stage}`]
    await page.getByRole('button', { name: `${vi['plan.stage.edit']}: ${name}`, exact: true }).click()
    const stageDialog = page.getByRole('dialog', { name: `${vi['plan.stage.edit']}: ${name}` })
    await stageDialog.getByLabel(vi['plan.stage.actualStartOn'], { exact: true }).fill(isoPlusMonths(startOn, 1))
    await stageDialog.getByLabel(vi['plan.stage.actualEndOn'], { exact: true }).fill(isoPlusMonths(startOn, 2))
    await stageDialog.getByRole('checkbox', { name: vi['plan.stage.doneMark'] }).check()
    await stageDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
    await stageDialog.waitFor({ state: 'hidden' })
  }
  await page.getByText(vi['plan.readyToComplete'], { exact: true }).first().waitFor()
  await expect
    .poll(async () => (await planLine.textContent())?.trim())
    .toBe(`${vi['plan.active']} ${vi['plan.form.community']} · ${shown(startOn)} – ${shown(plannedEndOn)}`)
  await page.getByText(`${vi['category.dependent']} · ${vi['pstatus.in_rehab']}`, { exact: true }).waitFor()
  for (const action of [vi['plan.suspend'], vi['plan.complete'], vi['plan.terminate'], vi['plan.transfer'], vi['review.new']]) {
    expect(await page.getByRole('button', { name: action, exact: true }).isVisible(), action).toBe(true)
  }
  await expectAccessible(page, `person with an active plan, ${size}`)
  await scrollToTop(page)
  await screenshot(page, `person-plan-${size}`)

  // A periodic review: present, tested negative, employed, low risk.
  await page.getByRole('button', { name: vi['review.new'], exact: true }).click()
  const reviewDialog = page.getByRole('dialog', { name: vi['review.new'] })
  await reviewDialog.waitFor()
  expect(await reviewDialog.getByLabel(vi['review.date'], { exact: true }).inputValue()).toBe(today)
  // Nothing is chosen for the officer: saving without presence, test result and risk is refused, field by field.
  const attended = reviewDialog.getByLabel(vi['review.attended'], { exact: true })
  const drugTest = reviewDialog.getByLabel(vi['review.drugTest'], { exact: true })
  const risk = reviewDialog.getByLabel(vi['review.risk'], { exact: true })
  for (const select of [attended, drugTest, risk]) expect(await select.inputValue()).toBe('')
  await reviewDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await expectFieldError(attended, vi['review.choose.attended'])
  for (const [select, message] of [
    [drugTest, vi['review.choose.drugTest']],
    [risk, vi['review.choose.riskLevel']],
  ] as const) {
    expect(await select.getAttribute('aria-invalid')).toBe('true')
    expect(await reviewDialog.getByText(message, { exact: true }).isVisible()).toBe(true)
  }
  expect(await reviewDialog.isVisible()).toBe(true)
  await attended.selectOption({ label: vi['review.attended.yes'] })
  await drugTest.selectOption({ label: vi['review.test.negative'] })
  await reviewDialog.getByLabel(`${vi['review.notes']} ${vi['common.optional']}`, { exact: true }).fill('Tư vấn về việc làm; tinh thần ổn định.')
  await reviewDialog.getByRole('checkbox', { name: vi['review.employed'] }).check()
  await risk.selectOption({ label: vi['review.risk.low'] })
  await expectAccessible(page, `review form, ${size}`)
  await reviewDialog.getByRole('button', { name: vi['common.save'], exact: true }).click()
  await reviewDialog.waitFor({ state: 'hidden' })
  const reviewEntry = `${todayShown} — ${vi['event.review']} · ${vi['review.test.negative']} · ${vi['review.risk.low']}${BY_OFFICER}`
  await expect.poll(async () => (await timelineItems(page).allInnerTexts()).map((s) => s.trim())).toContain(reviewEntry)

  // The caseload now lists the person; their card leads back to the person page.
  await goVia(page, 'nav.caseload', vi['caseload.title'])
  expect(await caseloadTotal(page)).toBe(caseloadBefore + 1)
  const card = caseloadCards(page).filter({ hasText: person.fullName })
  expect(await card.count()).toBe(1)
  expect(await card.textContent()).toMatch(new RegExp(`${vi['caseload.nextReview'].replace('{date}', '\\d{2}/\\d{2}/\\d{4}')}$`))
  await card.getByRole('link', { name: person.fullName }).click()
  await page.waitForURL((url) => url.pathname === personPath)
  await expectHeading(page, person.fullName)

  // Completion with the certificate: the plan ends; the demo province opens post-rehab management, on the chair's decision.
  await page.getByRole('button', { name: vi['plan.complete'], exact: true }).click()
  const completeDialog = page.getByRole('dialog', { name: vi['plan.complete'] })
  await completeDialog.waitFor()
  const certificate = `TN-${random(10_000)}/QĐ-UBND`
  const certificateGroup = completeDialog.getByRole('group', { name: vi['plan.certificate'] })
  await certificateGroup.getByLabel(vi['decision.number'], { exact: true }).fill(certificate)
  expect(await certificateGroup.getByLabel(vi['decision.date'], { exact: true }).inputValue()).toBe(today)
  await certificateGroup.getByLabel(vi['decision.signer'], { exact: true }).fill('Nguyễn Văn Ký Thử')
  await certificateGroup.getByLabel(vi['decision.body'], { exact: true }).fill('UBND phường (thử nghiệm)')
  await completeDialog.getByLabel(vi['plan.supportModel'], { exact: true }).selectOption({ label: vi['plan.model.five_plus_one'] })
  await completeDialog.getByLabel(vi['plan.supporter'], { exact: true }).fill('Lê Thị Hỗ Trợ')
  const opening = completeDialog.getByRole('group', { name: vi['decision.legend'], exact: true })
  await opening.getByLabel(vi['decision.number'], { exact: true }).fill(`QĐ-${random(10_000)}/UBND`)
  await opening.getByLabel(vi['decision.signer'], { exact: true }).fill('Nguyễn Văn Ký Thử')
  await opening.getByLabel(vi['decision.body'], { exact: true }).fill('UBND phường (thử nghiệm)')
  await expectAccessible(page, `completion form, ${size}`)
  await completeDialog.getByRole('button', { name: vi['plan.complete'], exact: true }).click()
  await completeDialog.waitFor({ state: 'hidden' })
  await page.getByText(`${vi['category.post_rehab']} · ${vi['pstatus.post_rehab']}`, { exact: true }).waitFor()
  // The ended plan stays on the page with its certificate, without actions; post-rehab contacts can be recorded.
  await expect
    .poll(async () => (await planLine.textContent())?.trim())
    .toBe(`${vi['plan.completed']} ${vi['plan.form.community']} · ${shown(startOn)} – ${shown(plannedEndOn)}`)
  await page.getByText(`${vi['plan.completionNumber']}: ${certificate} · ${todayShown}`, { exact: true }).waitFor()
  expect(await page.getByText(vi['person.noPlan'], { exact: true }).count()).toBe(0)
  for (const action of [vi['plan.suspend'], vi['plan.complete'], vi['plan.terminate'], vi['plan.transfer'], vi['review.new'], vi['plan.new']]) {
    expect(await page.getByRole('button', { name: action, exact: true }).count(), action).toBe(0)
  }
  expect(await page.getByRole('button', { name: vi['followUp.new'], exact: true }).isVisible()).toBe(true)

  // The timeline, newest first: registration, the plan's draft → active → completed, the review, post-rehab.
  const expected = Object.fromEntries(
    Object.entries({
      registered: vi['event.registered'],
      draft: vi['event.plan_status'].replace('{to}', vi['plan.draft']),
      active: vi['event.plan_status'].replace('{to}', vi['plan.active']),
      review: `${vi['event.review']} · ${vi['review.test.negative']} · ${vi['review.risk.low']}`,
      completed: vi['event.plan_status'].replace('{to}', vi['plan.completed']),
      postRehab: vi['event.post_rehab'],
    }).map(([key, label]) => [key, `${label}${BY_OFFICER}`]),
  ) as Record<'registered' | 'draft' | 'active' | 'review' | 'completed' | 'postRehab', string>
  await expect.poll(() => timelineItems(page).count()).toBe(6)
  const entries = (await timelineItems(page).allInnerTexts()).map((s) => s.trim())
  // Each step's decision and who recorded it follow its label.
  const labels = entries.map((entry) => entry.replace(/^\d{2}\/\d{2}\/\d{4} — /, '').replace(/ · (Số |Người ghi: ).*?(?= · ghi bởi |$)/, ''))
  expect(
    entries.find((e) => e.includes(vi['event.plan_status'].replace('{to}', vi['plan.completed']))),
    entries.join('\n'),
  ).toContain(`Số ${certificate}`)
  expect([...labels].sort(), entries.join('\n')).toEqual(Object.values(expected).sort())
  const at = (label: string) => labels.indexOf(label)
  const planOrder = [expected.completed, expected.active, expected.draft, expected.registered].map(at)
  expect(planOrder, entries.join('\n')).toEqual([...planOrder].sort((a, b) => a - b))
  expect(at(expected.postRehab), entries.join('\n')).toBeLessThan(at(expected.review))
  expect(at(expected.registered), entries.join('\n')).toBe(5)
  for (const entry of entries) {
    const date = entry.slice(0, 10)
    if (entry.endsWith(expected.review) || entry.endsWith(expected.postRehab)) expect(date, entry).toBe(todayShown)
    else expect(serverStampDates, entry).toContain(date)
  }
  await expectAccessible(page, `person after completion, ${size}`)
  await page.getByRole('heading', { level: 2, name: vi['person.timeline'] }).evaluate((h) => h.scrollIntoView({ block: 'start' }))
  await screenshot(page, `person-timeline-${size}`)

  // The people list: searching the name without diacritics finds the person; so does the full citizen ID.
  await goVia(page, 'nav.persons', vi['persons.title'])
  await settled(page)
  await expect.poll(() => cards(page).count()).toBeGreaterThan(0)
  await expectAccessible(page, `people list, ${size}`)
  await screenshot(page, `persons-list-${size}`)
  const search = page.getByRole('searchbox', { name: vi['persons.search'] })
  const plain = withoutDiacritics(person.fullName)
  expect(plain).toMatch(/^[a-z ]+$/)
  await search.fill(plain)
  await expect
    .poll(async () => (await cards(page).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()))
    .toEqual([`${person.fullName} ${shown(person.birthDate)} ${vi['category.post_rehab']} · ${vi['pstatus.post_rehab']}`])
  await search.fill(person.citizenId)
  await expect
    .poll(async () => (await cards(page).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()))
    .toEqual([`${person.fullName} ${shown(person.birthDate)} ${vi['category.post_rehab']} · ${vi['pstatus.post_rehab']}`])
  await expectAccessible(page, `people list searched, ${size}`)
  await cards(page).getByRole('link', { name: person.fullName }).click()
  await page.waitForURL((url) => url.pathname === personPath)
  await expectHeading(page, person.fullName)

  // Reports for this quarter count the new person, the started and the completed plan, the review.
  const after = await openReports(page)
  const delta = (key: keyof typeof reportVi) => after[reportVi[key]]! - before[reportVi[key]]!
  // The plan's start decision is dated seven months ago: the period-true report (decision 0034) counts that
  // start in its own quarter, not in this one.
  expect(
    {
      people: delta('report.f.managed'),
      new: delta('report.f.new'),
      started: delta('report.f.started'),
      completed: delta('report.f.completed'),
      postRehab: delta('report.f.pmAtEnd'),
      reviews: delta('report.f.reviews'),
    },
    `${JSON.stringify(before)}\n${JSON.stringify(after)}`,
  ).toEqual({ people: 1, new: 1, started: 0, completed: 1, postRehab: 1, reviews: 1 })
  await expectAccessible(page, `reports, ${size}`)
  await screenshot(page, `reports-${size}`)
}

for (const viewport of [MOBILE, DESKTOP]) {
  const size = isMobile(viewport) ? 'mobile' : 'desktop'
  describe(`${size} (${viewport.viewport.width}×${viewport.viewport.height})`, () => {
    it('commune officer: register, plan, review, complete; the timeline, caseload, people list and reports show it', async () => {
      await withPage(browser, viewport, (page) => runFlow(page, viewport))
    }, 180_000)
  })
}
