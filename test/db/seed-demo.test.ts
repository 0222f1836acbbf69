import { deriveStatus } from '../../kernel/domain/person-status.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import { loadCase } from '../../worker/repo/case-records.ts'
import { spawnSync } from 'node:child_process'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { users } from '../../db/control/schema/index.ts'
import { ensureDemoUsers } from '../../worker/provision/demo-users.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { DEMO_PERSONS, seedDemo, seedEmptyDemoProvinces, type SeedDemoResult } from '../../worker/provision/seed-demo.ts'
import { citizenIdLastSix, formatCitizenId } from '../../db/seed/fake-identity.ts'
import { Random } from '../../db/seed/random.ts'
import { demoPeople, generateDemoData } from '../../db/seed/synthetic.ts'
import {
  auditLog,
  compulsoryReferrals,
  determinations,
  methadoneTreatments,
  communes,
  communityActivities,
  communityModelMembers,
  communityModels,
  communityModelSessions,
  followUps,
  handovers,
  managementPeriods,
  monitoringRecords,
  persons,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportRecords,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { activityProblems } from '../../kernel/domain/activity-rules.ts'
import { targetProblems } from '../../kernel/commands/target-plan-put.ts'
import { findTargetPlan } from '../../worker/repo/targets.ts'
import { targetsWithAchievement } from '../../worker/services/targets.ts'
import { citizenIdProblems } from '../../kernel/domain/citizen-id.ts'
import { personProblems } from '../../kernel/domain/person-rules.ts'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { handoverDue } from '../../kernel/domain/handover.ts'
import { isMinorOn, legalRepresentativeProblems } from '../../kernel/domain/minor.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { canTransition, durationProblem, needsDecision, OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { earliestCompletionOn, missingStages } from '../../kernel/domain/plan-stages.ts'
import { planStages } from '../../kernel/vocabulary.ts'
import { caseload, overdueCutoff, overdueReviewsByCommune } from '../../worker/repo/reviews.ts'
import { nextReview } from '../../kernel/domain/review-schedule.ts'
import { DEFAULT_DUE_WORK_SETTINGS, dueWork, dueWorkKinds } from '../../kernel/domain/due-work.ts'
import { dueWorkRecords } from '../../worker/repo/due-work.ts'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

const NOW = new Date('2026-11-24T03:00:00.000Z')
const TODAY = vietnamToday(NOW)
const PEOPLE = 1_500
const CASELOAD = 120

let platform: TestPlatform
let db: TenantDb
let allCommunes: string[]
let focus: string
let spread: string[]
let result: SeedDemoResult

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}

const openTenant = async (code: string) => {
  const [row] = await platform.control.query.tenants.findMany({ where: (t, { eq }) => eq(t.provinceCode, code) })
  return platform.onboardDeps.openTenant(platform.onboardDeps.locate(row!))
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  db = await openTenant('82')
  allCommunes = (await db.select({ code: communes.code }).from(communes).orderBy(asc(communes.code))).map((c) => c.code)
  focus = allCommunes[1]!
  spread = allCommunes.filter((c) => c !== focus).slice(0, 30)
  result = await seedDemo(db, { persons: PEOPLE, seed: 42, communes: spread, now: NOW, caseloads: [{ commune: focus, people: CASELOAD }] })
})
afterAll(() => {
  db?.$client.close()
  platform?.cleanup()
})

describe('synthetic generation (pure)', () => {
  const options = { seed: 42, persons: 300, communes: ['10001', '10002', '10003'], now: NOW, provinceCode: '82' }

  it('is deterministic: the same seed gives the same people, another seed others', () => {
    const a = generateDemoData(options)
    expect(generateDemoData(options)).toEqual(a)
    const b = generateDemoData({ ...options, seed: 43 })
    expect(b.map((p) => p.person.id)).not.toEqual(a.map((p) => p.person.id))
    expect(b.map((p) => p.person.fullName)).not.toEqual(a.map((p) => p.person.fullName))
    expect(new Random(1).uint32()).toBe(new Random(1).uint32())
    expect(new Random(1).uint32()).not.toBe(new Random(2).uint32())
  })

  it('makes citizen IDs of the right shape, their last six digits a permutation for one seed', () => {
    expect(formatCitizenId('082', 'male', 1990, 123)).toBe('082090000123')
    expect(formatCitizenId('001', 'female', 2003, 999_999)).toBe('001303999999')
    const tails = new Set(Array.from({ length: 20_000 }, (_, i) => citizenIdLastSix(7, i)))
    expect(tails.size).toBe(20_000)
    for (const tail of tails) expect(tail >= 0 && tail < 1_000_000).toBe(true)
  })

  it('makes people one at a time: the first thousand of a million cost a few megabytes, not the million', () => {
    // Before, the whole province was built before the first write (about 6 GB at 300,000 people).
    const people = demoPeople({ ...options, persons: 1_000_000 })
    const before = process.memoryUsage().heapUsed
    let n = 0
    for (const bundle of people) {
      expect(bundle.person.communeCode).toMatch(/^1000[123]$/)
      if (++n === 1_000) break
    }
    // The assignment of a million people (typed arrays, 5 MB) and a thousand bundles, with GC slack.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(120 * 1024 * 1024)
    expect([...demoPeople(options)]).toEqual(generateDemoData(options))
  })

  it('avoids citizen IDs already taken', () => {
    const first = generateDemoData(options)
    const taken = new Set(first.map((p) => p.person.citizenId))
    const again = generateDemoData({ ...options, isTaken: (id) => taken.has(id) })
    for (const p of again) expect(taken.has(p.person.citizenId)).toBe(false)
  })
})

describe('seedDemo into an empty province', () => {
  it('writes exactly what the generator makes for that seed (deterministic)', async () => {
    const expected = generateDemoData({
      seed: 42,
      persons: PEOPLE,
      communes: spread,
      now: NOW,
      provinceCode: '82',
      caseloads: [{ commune: focus, people: CASELOAD }],
    })
    const rows = await db.select().from(persons).orderBy(sql`rowid`)
    expect(rows.map((r) => [r.id, r.fullName, r.citizenId, r.birthDate, r.communeCode])).toEqual(
      expected.map((b) => [b.person.id, b.person.fullName, b.person.citizenId, b.person.birthDate, b.person.communeCode]),
    )
    expect(result).toMatchObject({ persons: PEOPLE, before: 0, provinceCode: '82' })
  })

  it('gives valid, unique citizen IDs that agree with sex and birth year, and people who pass the registration rules', async () => {
    const rows = await db.select().from(persons)
    expect(rows).toHaveLength(PEOPLE)
    expect(new Set(rows.map((r) => r.citizenId)).size).toBe(PEOPLE)
    for (const p of rows) {
      expect(citizenIdProblems(p.citizenId, p), p.citizenId).toEqual([])
      expect(personProblems(p, TODAY), p.id).toEqual([])
      if (p.phone !== null) expect(p.phone).toMatch(/^09\d{8}$/)
    }
  })

  it('writes Vietnamese names with diacritics, and the folded search key', async () => {
    const rows = await db.select({ fullName: persons.fullName, nameKey: persons.nameKey }).from(persons)
    const withMarks = rows.filter((r) => /[^\x00-\x7F]/.test(r.fullName))
    expect(withMarks.length / rows.length).toBeGreaterThan(0.9)
    expect(rows.some((r) => r.fullName.startsWith('Nguyễn '))).toBe(true)
    expect(rows.some((r) => /^Đ/.test(r.fullName) || / Đ/.test(r.fullName))).toBe(true)
    for (const r of rows) {
      expect(r.fullName).toBe(r.fullName.normalize('NFC'))
      expect(r.fullName.split(' ').length).toBeGreaterThanOrEqual(3)
      expect(r.nameKey).toMatch(/^[a-z ]+$/)
    }
  })

  it('mixes categories realistically and spreads people over the communes', async () => {
    const rows = await db.select().from(persons)
    const share = (category: string) => rows.filter((r) => r.category === category).length / rows.length
    expect(share('drug_user')).toBeGreaterThan(0.28)
    expect(share('drug_user')).toBeLessThan(0.42)
    expect(share('dependent')).toBeGreaterThan(0.38)
    expect(share('post_rehab')).toBeGreaterThan(0.13)
    const perCommune = new Map<string, number>()
    for (const r of rows) perCommune.set(r.communeCode, (perCommune.get(r.communeCode) ?? 0) + 1)
    expect(perCommune.get(focus)).toBe(CASELOAD)
    expect([...perCommune.keys()].every((c) => c === focus || spread.includes(c))).toBe(true)
    expect(perCommune.size).toBeGreaterThan(20)
  })

  it('has plans in every state whose transitions replay through the status machine', async () => {
    const plans = await db.select().from(rehabPlans)
    const transitions = await db.select().from(planTransitions).orderBy(asc(planTransitions.id))
    expect(new Set(plans.map((p) => p.status))).toEqual(new Set(['draft', 'active', 'suspended', 'completed', 'terminated', 'transferred']))
    const byPlan = groupBy(transitions, (t) => t.planId)
    for (const plan of plans) {
      const steps = byPlan.get(plan.id) ?? []
      expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'draft' })
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]!.fromStatus).toBe(steps[i - 1]!.toStatus)
        expect(canTransition(steps[i]!.fromStatus!, steps[i]!.toStatus), `${steps[i]!.fromStatus} → ${steps[i]!.toStatus}`).toBe(true)
        expect(steps[i]!.at.getTime()).toBeGreaterThanOrEqual(steps[i - 1]!.at.getTime())
      }
      expect(steps.at(-1)!.toStatus).toBe(plan.status)
      expect(plan.version).toBe(steps.length)
      expect(durationProblem(plan.startOn, plan.plannedEndOn), plan.id).toBeNull()
      expect(plan.startOn >= plan.registeredOn).toBe(true)
      if (plan.status === 'terminated' || plan.status === 'transferred') expect(steps.at(-1)!.reason).toBeTruthy()
      if (plan.status === 'completed') expect(plan.completionNumber && plan.completionDate && plan.completionSigner).toBeTruthy()
      else expect(plan.completionDate).toBeNull()
      // The law's five stages; a completed plan has the first three done, after the minimum duration.
      const stages = JSON.parse(plan.stages) as { stage: (typeof planStages)[number]; done: boolean; actualEndOn: string | null }[]
      expect(stages.map((s) => s.stage)).toEqual([...planStages])
      if (plan.status === 'completed') {
        expect(missingStages(stages), plan.id).toEqual([])
        expect(plan.completionDate! >= earliestCompletionOn(plan.startDecisionOn ?? plan.startOn, 6), plan.id).toBe(true)
      }
      for (const s of stages) if (s.done) expect(s.actualEndOn! <= TODAY).toBe(true)
      // Each step the law ties to a decision carries one.
      for (let i = 1; i < steps.length; i++) {
        if (needsDecision(steps[i - 1]!.toStatus, steps[i]!.toStatus))
          expect(parseStoredDecision(steps[i]!.decision), `${plan.id} ${steps[i]!.toStatus}`).not.toBeNull()
      }
    }
  })

  it('keeps at most one open plan per person, plans only for (formerly) dependent people, and the person status following the plan', async () => {
    const people = await db.select().from(persons)
    const plans = await db.select().from(rehabPlans).orderBy(asc(rehabPlans.createdAt))
    const records = await db.select().from(postRehabRecords)
    const periods = await db.select().from(managementPeriods)
    const plansOf = groupBy(plans, (p) => p.personId)
    for (const person of people) {
      const own = plansOf.get(person.id) ?? []
      expect(own.filter((p) => OPEN_PLAN_STATUSES.includes(p.status)).length).toBeLessThanOrEqual(1)
      const last = own.at(-1)
      const relapsed = records.some((r) => r.personId === person.id && r.status === 'relapsed')
      // The status is what the person's records imply (kernel/domain/person-status.ts, decision 0028).
      const { facts } = await loadCase(db as never, person.id, person.category)
      expect(person.status, person.id).toBe(deriveStatus(facts!))
      if (person.category === 'drug_user') {
        expect(own).toEqual([])
        expect(periods.filter((m) => m.personId === person.id)).toHaveLength(1)
        continue
      }
      if (last) expect(person.category).toBe(last.status === 'completed' && !relapsed ? 'post_rehab' : 'dependent')
    }
    // Every status and every record of the law's paths is in the demo data, each decision readable.
    const statuses = new Set(people.map((p) => p.status))
    for (const status of [
      'under_management',
      'awaiting_determination',
      'awaiting_registration',
      'in_rehab',
      'post_rehab',
      'compulsory_rehab',
      'transferred',
      'closed',
    ])
      expect(statuses, status).toContain(status)
    const [dets, refs, meth] = await Promise.all([
      db.select().from(determinations),
      db.select().from(compulsoryReferrals),
      db.select().from(methadoneTreatments),
    ])
    expect(new Set(dets.map((d) => d.result))).toEqual(new Set([null, 'dependent']))
    for (const d of dets.filter((d) => d.result)) expect(parseStoredDecision(d.decision)).not.toBeNull()
    expect(new Set(refs.map((r) => r.status))).toEqual(new Set(['referred', 'admitted', 'returned', 'refused']))
    // A refusal rests on the court's decision (decision 0039).
    for (const r of refs.filter((r) => r.status === 'refused')) expect(parseStoredDecision(r.courtDecision)?.signerRole).toBe('court')
    for (const r of refs.filter((r) => r.status === 'returned')) expect(parseStoredDecision(r.returnDecision)?.signerRole).toBe('commune_chair')
    expect(meth.length).toBeGreaterThan(0)
    expect(periods.every((m) => parseStoredDecision(m.decision) !== null)).toBe(true)
    expect(periods.some((m) => m.endReason === 'period_elapsed' && m.endedOn)).toBe(true)
    // The caseload commune: every one of its people on an active plan.
    const { rows } = await caseload(db, [focus], TODAY, undefined, { limit: 500 })
    expect(rows).toHaveLength(CASELOAD)
    expect(rows.some((r) => r.nextReview.state === 'overdue')).toBe(true)
    expect(rows.some((r) => r.nextReview.state !== 'overdue')).toBe(true)
  })

  it('has monthly reviews, post-rehab records with follow-ups and a few relapses, support with loan amounts', async () => {
    const plans = await db.select().from(rehabPlans)
    const reviewRows = await db.select().from(reviews)
    const records = await db.select().from(postRehabRecords)
    const contacts = await db.select().from(followUps)
    const support = await db.select().from(supportRecords)
    const reviewedPlans = new Set(reviewRows.map((r) => r.planId))
    const active = plans.filter((p) => p.status === 'active')
    expect(active.filter((p) => reviewedPlans.has(p.id)).length / active.length).toBeGreaterThan(0.6)
    for (const r of reviewRows) expect((r.drugTest === 'positive') === (r.substance !== null)).toBe(true)
    for (const plan of plans.filter((p) => p.status === 'completed')) {
      expect(records.filter((r) => r.planId === plan.id)).toHaveLength(1)
    }
    expect(records.some((r) => r.planId === null)).toBe(true) // back from compulsory rehab
    const relapsed = records.filter((r) => r.status === 'relapsed')
    expect(relapsed.length).toBeGreaterThan(0)
    expect(relapsed.length / records.length).toBeLessThan(0.25)
    for (const r of relapsed) expect(r.relapseOn! >= r.startOn && r.relapseOn! <= r.endOn).toBe(true)
    expect(new Set(contacts.map((f) => f.postRehabId)).size).toBeGreaterThan(records.length / 2)
    const loans = support.filter((s) => s.kind === 'preferential_loan')
    expect(loans.length).toBeGreaterThan(0)
    for (const s of support) expect(s.kind === 'preferential_loan' ? s.amountVnd! > 0 : s.amountVnd === null).toBe(true)
  })

  it('counts overdue reviews for reports exactly as the caseload marks them', async () => {
    for (const today of [TODAY, '2026-03-31', '2026-02-28', '2025-12-31']) {
      const fromCaseload: Record<string, number> = {}
      for (const row of (await caseload(db, null, today, undefined, { limit: 5_000 })).rows) {
        if (row.nextReview.state === 'overdue') fromCaseload[row.communeCode] = (fromCaseload[row.communeCode] ?? 0) + 1
      }
      expect(await overdueReviewsByCommune(db, null, today), today).toEqual(fromCaseload)
      expect(await overdueReviewsByCommune(db, [focus], today)).toEqual(fromCaseload[focus] ? { [focus]: fromCaseload[focus] } : {})
      // The cutoff is the last overdue base date: the next day is not overdue.
      const cutoff = overdueCutoff(today)
      const after = new Date(Date.parse(`${cutoff}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      expect([nextReview(cutoff, null, today).state, nextReview(after, null, today).state]).toEqual(['overdue', 'due'])
    }
    expect(Object.values(await overdueReviewsByCommune(db, null, TODAY)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })

  it('has the 2025 law’s records: a minor with their representative, monitoring orders, hand-overs due and overdue', async () => {
    const people = await db.select().from(persons)
    const minors = people.filter((p) => isMinorOn(p.birthDate, TODAY))
    expect(minors).toHaveLength(1)
    const minor = minors[0]!
    const registeredOn = vietnamToday(minor.createdAt)
    expect(isMinorOn(minor.birthDate, registeredOn)).toBe(true)
    expect(legalRepresentativeProblems({ birthDate: minor.birthDate, legalRepresentative: JSON.parse(minor.legalRepresentative!) }, registeredOn)).toEqual([])
    const monitoring = await db.select().from(monitoringRecords)
    expect(new Set(monitoring.map((m) => m.context))).toEqual(new Set(['community_rehab', 'post_rehab']))
    for (const m of monitoring) {
      const order = parseStoredDecision(m.decision)!
      expect(order.signerRole).toBe('commune_police_chief')
      expect(order.date >= '2026-07-01' && order.date <= m.startOn).toBe(true)
      expect(people.find((p) => p.id === m.personId)!.communeCode).toBe(m.communeCode)
    }
    const moves = await db.select().from(handovers)
    const incoming = moves.filter((h) => h.communeCode === focus && h.status === 'pending')
    const due = (h: (typeof moves)[number]) => handoverDue({ notifiedAt: h.notifiedAt.toISOString(), status: h.status }, DEFAULT_CASE_RULES, NOW)
    expect(incoming.map((h) => due(h).overdue).sort()).toEqual([false, true])
    expect(moves.some((h) => h.fromCommuneCode === focus && h.status === 'pending')).toBe(true)
    const accepted = moves.filter((h) => h.status === 'accepted')
    expect(accepted).toHaveLength(1)
    expect(people.find((p) => p.id === accepted[0]!.personId)!.communeCode).toBe(accepted[0]!.communeCode)
    for (const h of moves) expect(h.movedOn >= '2026-07-01' && h.movedOn <= TODAY && h.notifiedAt <= NOW).toBe(true)
  })

  it('puts nothing in the future (only planned ends may lie ahead)', async () => {
    const past = (day: string | null, what: string) => {
      if (day !== null) expect(day <= TODAY, `${what} ${day}`).toBe(true)
    }
    const notAfterNow = (at: Date, what: string) => expect(at.getTime() <= NOW.getTime(), `${what} ${at.toISOString()}`).toBe(true)
    for (const p of await db.select().from(persons)) {
      past(p.birthDate, 'birthDate')
      past(p.addictionDeterminedOn, 'addictionDeterminedOn')
      notAfterNow(p.createdAt, 'person.createdAt')
      notAfterNow(p.updatedAt, 'person.updatedAt')
    }
    for (const p of await db.select().from(rehabPlans)) {
      past(p.registeredOn, 'registeredOn')
      past(p.startOn, 'startOn')
      past(p.completionDate, 'completionDate')
      notAfterNow(p.updatedAt, 'plan.updatedAt')
    }
    for (const t of await db.select().from(planTransitions)) notAfterNow(t.at, 'transition')
    for (const r of await db.select().from(reviews)) past(r.reviewedOn, 'reviewedOn')
    for (const r of await db.select().from(postRehabRecords)) {
      past(r.startOn, 'post-rehab start')
      past(r.relapseOn, 'relapseOn')
      notAfterNow(r.updatedAt, 'post-rehab')
    }
    for (const f of await db.select().from(followUps)) past(f.contactedOn, 'contactedOn')
    for (const s of await db.select().from(supportRecords)) past(s.givenOn, 'givenOn')
    for (const m of await db.select().from(managementPeriods)) {
      past(m.startOn, 'management start')
      notAfterNow(m.updatedAt, 'management')
    }
    const earliest = (await db.select({ at: persons.createdAt }).from(persons).orderBy(asc(persons.createdAt)).limit(1))[0]!.at
    expect(NOW.getTime() - earliest.getTime()).toBeLessThan(800 * 86_400_000)
  })

  it('records one seed.demo entry in the province trail, and the chain still verifies', async () => {
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'seed.demo'))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorId: null, entityType: 'person', outcome: 'success', details: JSON.stringify({ persons: PEOPLE }) })
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('adds more people on a second run with the same seed, with no duplicate citizen ID or id', async () => {
    const again = await seedDemo(db, { persons: 200, seed: 42, communes: spread, now: NOW })
    expect(again).toMatchObject({ persons: 200, before: PEOPLE })
    const rows = await db.select({ id: persons.id, citizenId: persons.citizenId }).from(persons)
    expect(rows).toHaveLength(PEOPLE + 200)
    expect(new Set(rows.map((r) => r.citizenId)).size).toBe(rows.length)
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'seed.demo'))).toHaveLength(2)
  })

  it('refuses a commune of another province', async () => {
    await expect(seedDemo(db, { persons: 5, seed: 1, communes: ['00127'], now: NOW })).rejects.toThrow('Not a commune of province 82: 00127')
  })
})

describe('first start in development', () => {
  it('seeds each empty demo province once, around the demo commune officer', async () => {
    await ensureDemoUsers(platform.control, DEFAULT_DEMO_PASSWORD, NOW)
    const hanoi = await openTenant('01')
    try {
      // How long seeding takes is `npm run bench:scale`'s to measure (seedDemo, which this runs), not this test's.
      const seeded = await seedEmptyDemoProvinces(platform, ['82', '01'], NOW)
      // 82 already has people (above): only 01 is seeded.
      expect(seeded).toEqual({ seeded: [{ province: '01', persons: DEMO_PERSONS }], failed: [] })
      const rows = await hanoi.select().from(persons)
      expect(rows).toHaveLength(DEMO_PERSONS)
      // Synthetic people: unique, well-formed citizen IDs, passing the registration rules.
      expect(new Set(rows.map((r) => r.citizenId)).size).toBe(DEMO_PERSONS)
      for (const p of rows) {
        expect(citizenIdProblems(p.citizenId, p), p.citizenId).toEqual([])
        expect(personProblems(p, TODAY), p.id).toEqual([])
      }
      const officerCommune = rows.filter((r) => r.communeCode === '00127')
      expect(officerCommune.length).toBeGreaterThanOrEqual(DEMO_PERSONS / 3)
      expect(new Set(officerCommune.map((r) => r.category))).toEqual(new Set(['drug_user', 'dependent', 'post_rehab']))
      expect((await caseload(hanoi, ['00127'], vietnamToday(NOW))).rows.length).toBeGreaterThanOrEqual(10)
      // The home screen has work of every kind to show, some of it overdue.
      const due = dueWork(await dueWorkRecords(hanoi, ['00127'], '01'), DEFAULT_DUE_WORK_SETTINGS, vietnamToday(NOW))
      expect(new Set(due.map((i) => i.kind)), JSON.stringify(due.map((i) => [i.kind, i.state]))).toEqual(new Set(dueWorkKinds))
      expect(due.some((i) => i.kind === 'review' && i.state === 'overdue')).toBe(true)
      expect(due.some((i) => i.kind === 'post_rehab_contact' && i.state === 'overdue')).toBe(true)
      expect(new Set(rows.map((r) => r.communeCode)).size).toBeGreaterThan(1)
      expect(await seedEmptyDemoProvinces(platform, ['82', '01'], NOW)).toEqual({ seeded: [], failed: [] })
      expect(await hanoi.select().from(persons)).toHaveLength(DEMO_PERSONS)
      // The activity log and community models of the demo communes (decision 0033), valid by the commands' own rules.
      const activities = await hanoi.select().from(communityActivities)
      expect(activities.filter((a) => a.communeCode === '00127').length).toBeGreaterThan(10)
      for (const a of activities) expect(activityProblems(a, vietnamToday(NOW)), a.kind).toEqual([])
      const models = await hanoi.select().from(communityModels).where(eq(communityModels.communeCode, '00127'))
      expect(models.map((m) => m.kind).sort()).toEqual(['b93_club', 'counselling_point', 'volunteer_team'])
      const club = models.find((m) => m.kind === 'b93_club')!
      expect((await hanoi.select().from(communityModelSessions).where(eq(communityModelSessions.modelId, club.id))).length).toBe(12)
      const members = await hanoi.select().from(communityModelMembers).where(eq(communityModelMembers.modelId, club.id))
      expect(members.length).toBeGreaterThan(0)
      const people = new Map(rows.map((r) => [r.id, r]))
      for (const m of members) expect(people.get(m.personId)).toMatchObject({ communeCode: '00127', status: 'post_rehab' })
      // This year's plan (decision 0036): valid by the command's own rules, its achievement counted from the demo's records.
      const year = Number(vietnamToday(NOW).slice(0, 4))
      const view = await targetsWithAchievement(hanoi, year, { communes: null }, vietnamToday(NOW))
      expect(view.plan).toMatchObject({ year, number: '75/KH-UBND', version: 1 })
      const plan = await findTargetPlan(hanoi, year)
      expect(targetProblems(plan!, vietnamToday(NOW))).toEqual([])
      const sessions = view.places.find((p) => p.communeCode === '00127')!.cells.find((c) => c.indicator === 'awareness_sessions')!
      expect(sessions.target).toBeGreaterThan(0)
      expect(sessions.achieved).toBe(
        activities.filter((a) => a.communeCode === '00127' && a.kind === 'awareness_session' && a.heldOn >= `${year}-01-01`).reduce((n, a) => n + a.count, 0),
      )
    } finally {
      hanoi.$client.close()
    }
    expect((await platform.control.select().from(users)).length).toBeGreaterThan(0)
  })
})

describe('npm run seed:demo', () => {
  const cli = (env: Record<string, string>, ...args: string[]) => {
    const run = spawnSync(process.execPath, ['scripts/seed-demo.ts', ...args], {
      env: { ...process.env, DATA_DIR: platform.dataDir, NODE_ENV: 'test', ...env },
      encoding: 'utf8',
    })
    return { code: run.status, out: run.stdout, err: run.stderr }
  }

  it('adds people to an onboarded province and says what it added', async () => {
    const run = cli({}, '--province', '01', '--persons', '40', '--seed', '5', '--commune', '00127')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/Added 40 people to 01 in [\d.]+ s, peak RSS \d+ MiB \(the province had 60, now 100\)/)
    expect(run.out).toMatch(/plans: \d+ \(/)
  })

  it('refuses production, before opening anything', () => {
    const run = cli({ NODE_ENV: 'production', AUDIT_SALT: 'a-production-secret-salt' }, '--province', '82', '--persons', '10')
    expect(run.code).toBe(1)
    expect(run.err).toContain('refusing to load synthetic people with NODE_ENV=production')
  })

  it('refuses an unknown or not onboarded province and bad arguments', () => {
    expect(cli({}, '--province', '99', '--persons', '10')).toMatchObject({ code: 1, err: expect.stringContaining('Unknown province code "99"') })
    expect(cli({}, '--province', '79', '--persons', '10')).toMatchObject({
      code: 1,
      err: expect.stringContaining('Province 79 (Thành phố Hồ Chí Minh) is not onboarded'),
    })
    expect(cli({}, '--persons', '10')).toMatchObject({ code: 1, err: expect.stringContaining('--province is required') })
    expect(cli({}, '--province', '82', '--persons', 'many')).toMatchObject({ code: 1, err: expect.stringContaining('--persons must be a whole number') })
  })
})
