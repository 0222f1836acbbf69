// Demo records of Law 120/2025 (docs/decisions/0029): hand-overs of people who move (into the demo officer's
// commune: one due, one overdue; one accepted; one sent out), electronic monitoring, and a minor with their legal
// representative. Drawn from a random source of their own, after the people are made, so that a seed's people,
// plans and reviews stay what they were before these records existed.
import type { handovers, monitoringRecords } from '../tenant/schema/index.ts'
import { addDays, maxDay } from './days.ts'
import { randomFullName, randomPhone } from './fake-identity.ts'
import type { PersonBundle } from './person-story.ts'
import { Random } from './random.ts'

export type HandoverInsert = typeof handovers.$inferInsert
export type MonitoringInsert = typeof monitoringRecords.$inferInsert

const LAW_IN_FORCE = '2026-07-01'
const HOUR = 3_600_000

interface MovingOptions {
  seed: number
  provinceCode: string
  now: Date
  today: string
  /** The commune hand-overs come into (the demo officer's). */
  home: string | undefined
  startIndex: number
  /** Issues a citizen ID not yet issued nor taken in the province (the generator's). */
  issueCitizenId(sex: 'male' | 'female', birthYear: number): string
}

const order = (rng: Random, date: string, number: string) => ({
  number,
  date,
  signer: randomFullName(rng, rng.chance(0.8) ? 'male' : 'female'),
  signerRole: 'commune_police_chief' as const,
  body: 'Công an xã',
})

export function addMovingRecords(bundles: PersonBundle[], opts: MovingOptions): void {
  if (bundles.length === 0 || opts.today < LAW_IN_FORCE) return
  const rng = new Random(opts.seed, 120_2025, opts.startIndex)
  const stamp = (hoursAgo: number) => new Date(opts.now.getTime() - hoursAgo * HOUR)
  const subject = (b: PersonBundle) =>
    JSON.stringify({
      fullName: b.person.fullName,
      birthDate: b.person.birthDate,
      citizenId: b.person.citizenId,
      category: b.person.category,
      status: b.person.status,
    })

  // A minor: a managed drug user, 16 today, registered with their legal representative.
  const minor = bundles.find((b) => b.person.category === 'drug_user' && b.person.status === 'under_management' && b.plans.length === 0)
  if (minor) {
    const p = minor.person
    p.birthDate = addDays(opts.today, -(16 * 365 + rng.int(30, 300)))
    const year = Number(p.birthDate.slice(0, 4))
    // A citizen ID that agrees with the new birth year (century/sex digit and year).
    p.citizenId = opts.issueCitizenId(p.sex, year)
    p.legalRepresentative = JSON.stringify({ name: randomFullName(rng, 'female'), relation: 'mẹ', phone: randomPhone(rng) })
  }

  // Monitoring: two people on an active plan, one under post-rehab management.
  const onPlan = bundles.filter((b) => b.plans.some((plan) => plan.status === 'active')).slice(0, 2)
  const afterCare = bundles.filter((b) => b.postRehab.some((r) => r.status === 'active')).slice(0, 1)
  for (const [b, context] of [...onPlan.map((b) => [b, 'community_rehab'] as const), ...afterCare.map((b) => [b, 'post_rehab'] as const)]) {
    const since =
      context === 'community_rehab' ? b.plans.find((plan) => plan.status === 'active')!.startOn : b.postRehab.find((r) => r.status === 'active')!.startOn
    const startOn = maxDay(LAW_IN_FORCE, since)
    if (startOn > opts.today) continue
    const at = stamp(rng.int(24, 24 * 20))
    b.monitoring.push({
      id: rng.uuid(),
      personId: b.person.id,
      communeCode: b.person.communeCode,
      context,
      startOn,
      endOn: null,
      status: 'active',
      decision: JSON.stringify(order(rng, startOn, `${rng.int(1, 99)}/QĐ-CAX`)),
      endDecision: null,
      version: 1,
      createdAt: at,
      createdBy: null,
      updatedAt: at,
      updatedBy: null,
    })
  }

  if (!opts.home) return
  const home = opts.home
  const movable = (b: PersonBundle) =>
    b.person.status !== 'closed' &&
    b !== minor &&
    b.monitoring.length === 0 &&
    !b.plans.some((plan) => plan.status === 'active' || plan.status === 'suspended' || plan.status === 'draft')
  const elsewhere = bundles.filter((b) => b.person.communeCode !== home && movable(b))
  // Leaving: anyone of the commune still managed (an open plan moves with them once the move is accepted).
  const here = bundles.filter((b) => b.person.communeCode === home && b.person.status !== 'closed' && b !== minor && b.monitoring.length === 0)
  const handover = (b: PersonBundle, to: string, hoursAgo: number, answered?: 'accepted'): HandoverInsert => {
    const notifiedAt = stamp(hoursAgo)
    const movedOn = maxDay(LAW_IN_FORCE, addDays(opts.today, -Math.ceil(hoursAgo / 24) - rng.int(0, 2)))
    const respondedAt = answered ? new Date(notifiedAt.getTime() + rng.int(2, 20) * HOUR) : null
    return {
      id: rng.uuid(),
      personId: b.person.id,
      communeCode: to,
      toProvinceCode: opts.provinceCode,
      fromCommuneCode: b.person.communeCode,
      fromProvinceCode: opts.provinceCode,
      movedOn,
      notifiedAt,
      note: rng.pick(['Chuyển đến ở cùng gia đình', 'Thuê trọ làm việc', 'Về quê', null]),
      decision: null,
      subject: subject(b),
      status: answered ?? 'pending',
      respondedAt,
      respondedBy: null,
      declineReason: null,
      deliveredAt: null,
      version: answered ? 2 : 1,
      createdAt: notifiedAt,
      createdBy: null,
      updatedAt: respondedAt ?? notifiedAt,
      updatedBy: null,
    }
  }
  // Coming in: one due within the day, one overdue. Going out: one waiting for the other commune.
  const [due, overdue, past] = elsewhere
  if (due) due.handovers.push(handover(due, home, rng.int(2, 10)))
  if (overdue) overdue.handovers.push(handover(overdue, home, rng.int(30, 60)))
  const [leaving] = here
  if (leaving && past) leaving.handovers.push(handover(leaving, past.person.communeCode, rng.int(3, 12)))
  // Accepted weeks ago between two other communes (the demo officer's caseload keeps its size): the person now
  // lives in the receiving commune, with their open records.
  const to = elsewhere.find((b) => b.person.communeCode !== past?.person.communeCode)?.person.communeCode
  if (past && to) {
    past.handovers.push(handover(past, to, rng.int(24 * 10, 24 * 40), 'accepted'))
    past.person.communeCode = to
    for (const r of [...past.postRehab.filter((x) => x.status === 'active'), ...past.managementPeriods.filter((x) => x.status === 'active')]) r.communeCode = to
  }
}
