// One synthetic person's records, written as the story of what happened to them: registered, determined
// addicted, put on plans that are reviewed and end, followed up after rehab, helped. Each step draws from the
// shared random source in a fixed order, so a seed still names one data set (db/seed/synthetic.ts).
import type { followUps, managementPeriods, persons, planTransitions, postRehabRecords, rehabPlans, reviews, supportRecords } from '../tenant/schema/index.ts'
import { addDays, daysBetween, maxDay, minDay, plusMonths } from './days.ts'
import type { HandoverInsert, MonitoringInsert } from './moving.ts'
import type { DeterminationInsert, MethadoneInsert, ReferralInsert } from './legal-story.ts'
import { randomFullName } from './fake-identity.ts'
import type { Random } from './random.ts'

export type PersonInsert = typeof persons.$inferInsert & { createdAt: Date; updatedAt: Date }
export type PlanInsert = typeof rehabPlans.$inferInsert
export type TransitionInsert = typeof planTransitions.$inferInsert & { at: Date }
export type ReviewInsert = typeof reviews.$inferInsert
export type PostRehabInsert = typeof postRehabRecords.$inferInsert
export type FollowUpInsert = typeof followUps.$inferInsert
export type SupportInsert = typeof supportRecords.$inferInsert
export type ManagementPeriodInsert = typeof managementPeriods.$inferInsert

/** One person and everything recorded about them. Transitions are in order (insert them so). */
export interface PersonBundle {
  person: PersonInsert
  plans: PlanInsert[]
  transitions: TransitionInsert[]
  reviews: ReviewInsert[]
  postRehab: PostRehabInsert[]
  followUps: FollowUpInsert[]
  support: SupportInsert[]
  managementPeriods: ManagementPeriodInsert[]
  /** Law 120/2025 (db/seed/moving.ts): hand-overs this person is the subject of, and electronic monitoring. */
  handovers: HandoverInsert[]
  monitoring: MonitoringInsert[]
  determinations: DeterminationInsert[]
  referrals: ReferralInsert[]
  methadone: MethadoneInsert[]
}

/** What every story draws on: the random source, today in Vietnam, and times that never pass now. */
export interface DemoContext {
  rng: Random
  today: string
  /** A time on `day` during office hours in Vietnam, after `notBefore` if given, never after now. */
  stamp(day: string, notBefore?: Date): Date
  /** A day in [from, to]. */
  randomDay(from: string, to: string): string
}

/** The person row while their story is written; version and updatedAt are set when it is finished. */
export type PersonDraft = PersonInsert & {
  id: string
  category: PersonInsert['category']
  status: PersonInsert['status']
  addictionDeterminedOn: string | null
  addictionDeterminedBy: string | null
}

export interface PlanStory {
  registeredOn: string
  /** null: the plan is still a draft, or ended before it started. */
  startOn: string | null
  months: number
  openAs?: 'draft' | 'active' | 'suspended'
  ending?: { status: 'completed' | 'terminated' | 'transferred'; on: string; reason?: string }
  overdue?: boolean
  suspension?: boolean
}

interface Step {
  to: PlanInsert['status']
  on: string
  reason?: string | null
  note?: string | null
  /** The decision the step rests on (the start, a suspension, an ending), as the column stores it. */
  decision?: string | null
}

interface Completion {
  number: string
  date: string
  signer: string
}

const FACILITIES = [
  'Trung tâm Y tế khu vực',
  'Bệnh viện Đa khoa tỉnh',
  'Bệnh viện Tâm thần tỉnh',
  'Trạm Y tế xã (bác sĩ được chứng nhận)',
  'Cơ sở cai nghiện ma túy tỉnh',
]
const MEMBER_ROLES = [
  'Công an xã',
  'Cán bộ văn hóa – xã hội',
  'Trạm Y tế xã',
  'Hội Liên hiệp Phụ nữ',
  'Đoàn Thanh niên',
  'Trưởng ấp, khu phố',
  'Mặt trận Tổ quốc',
  'Hội Cựu chiến binh',
]
/** The law's five stages, each with its activities and its span in months from the start (kernel/domain/plan-stages.ts). */
const STAGES: readonly { stage: string; activities: readonly string[]; from: number; to: number }[] = [
  { stage: 'intake_classification', activities: ['Tiếp nhận hồ sơ, phân loại', 'Khám sức khỏe ban đầu'], from: 0, to: 0.5 },
  { stage: 'detox_treatment', activities: ['Điều trị cắt cơn theo chỉ định', 'Theo dõi triệu chứng hằng ngày'], from: 0.5, to: 1.5 },
  { stage: 'education_counselling', activities: ['Tư vấn cá nhân hằng tháng', 'Giáo dục kỹ năng sống', 'Sinh hoạt nhóm đồng đẳng'], from: 1.5, to: 4 },
  { stage: 'work_vocational', activities: ['Tư vấn học nghề', 'Lao động trị liệu tại gia đình'], from: 3, to: 5 },
  { stage: 'reintegration', activities: ['Gia đình phối hợp giám sát', 'Tham gia sinh hoạt cộng đồng'], from: 5, to: 6 },
]
const SUBSTANCES = ['methamphetamine', 'heroin', 'cần sa', 'ketamine', 'MDMA']
const COUNSELLING_NOTES = [
  'Tư vấn phòng ngừa tái nghiện.',
  'Trao đổi với gia đình về việc giám sát.',
  'Hướng dẫn kỹ năng từ chối ma túy.',
  'Động viên tham gia sinh hoạt câu lạc bộ.',
  'Nhắc lịch xét nghiệm tháng sau.',
  'Tư vấn tìm việc làm.',
]
const FOLLOW_UP_NOTES = ['Gặp tại nhà, ổn định.', 'Gọi điện hỏi thăm.', 'Tham gia sinh hoạt nhóm.', 'Đang đi làm, gia đình hỗ trợ tốt.', null, null]
export const MEASURES = [
  'Giáo dục, tư vấn; xét nghiệm định kỳ; gia đình phối hợp quản lý.',
  'Tư vấn tâm lý; xét nghiệm hằng quý; báo cáo công an xã khi thay đổi nơi ở.',
  'Gia đình cam kết giám sát; tổ dân phố theo dõi; xét nghiệm ngẫu nhiên.',
]
const SIGNERS = ['Chủ tịch UBND xã', 'Phó Chủ tịch UBND xã']

/** A decision of the commune (synthetic number and signer), as a JSON column stores it (kernel/domain/legal-decision.ts). */
export function communeDecision(rng: Random, date: string, kind: 'QĐ' | 'GXN' = 'QĐ'): string {
  const signer = rng.pick(SIGNERS)
  return JSON.stringify({
    number: `${rng.int(1, 480)}/${kind}-UBND`,
    date,
    signer: `${signer} (dữ liệu mẫu)`,
    signerRole: signer.startsWith('Phó') ? 'commune_vice_chair' : 'commune_chair',
    body: 'Ủy ban nhân dân xã (dữ liệu mẫu)',
  })
}

/** A day `months` (fractional) after `startOn`. */
const monthsAfter = (startOn: string, months: number) => addDays(plusMonths(startOn, Math.floor(months)), Math.round((months % 1) * 30))

/** The records of one person, added step by step; `finish()` hands them over. */
export class PersonStory {
  readonly person: PersonDraft
  readonly bundle: Omit<PersonBundle, 'person'> = {
    plans: [],
    transitions: [],
    reviews: [],
    postRehab: [],
    followUps: [],
    support: [],
    managementPeriods: [],
    handovers: [],
    monitoring: [],
    determinations: [],
    referrals: [],
    methadone: [],
  }
  readonly #ctx: DemoContext
  #version = 1
  #lastChange: Date | undefined

  constructor(ctx: DemoContext, person: PersonDraft) {
    this.#ctx = ctx
    this.person = person
  }

  get id(): string {
    return this.person.id
  }

  get commune(): string {
    return this.person.communeCode
  }

  /** When the person's record last changed (set by register). */
  get lastChange(): Date {
    return this.#lastChange!
  }

  /** The person's record is created on `day`. */
  register(day: string): void {
    this.person.createdAt = this.#ctx.stamp(day)
    this.#lastChange = this.person.createdAt
  }

  /** The person's record is updated at `at` (one more version). */
  change(at: Date): void {
    this.#version += 1
    if (this.#lastChange !== undefined && at > this.#lastChange) this.#lastChange = at
  }

  /** Addiction determined by a facility some days before `before`. */
  determine(before: string, daysEarlier: [number, number]): void {
    const { rng } = this.#ctx
    this.person.addictionDeterminedOn = addDays(before, -rng.int(daysEarlier[0], daysEarlier[1]))
    this.person.addictionDeterminedBy = rng.pick(FACILITIES)
  }

  /** A plan from `startOn`, with its reviews; `ending` closes it (or it stays open with `openAs`). */
  addPlan(p: PlanStory): { planId: string; completion: Completion | null } {
    const { rng, today } = this.#ctx
    const planId = rng.uuid()
    // A draft names the start date the chair is asked to decide (never later than today here).
    const startOn = p.startOn ?? minDay(today, addDays(p.registeredOn, rng.int(3, 15)))
    const { steps, reviewUntil } = this.#openingSteps(p)
    const completion = this.#endingStep(p, steps)
    const updatedAt = this.#recordTransitions(planId, steps)
    this.bundle.plans.push({
      id: planId,
      personId: this.id,
      communeCode: this.commune,
      form: rng.chance(0.6) ? 'family' : 'community',
      registeredOn: p.registeredOn,
      startOn,
      plannedEndOn: plusMonths(startOn, p.months),
      status: steps.at(-1)!.to,
      members: JSON.stringify(
        Array.from({ length: rng.int(1, 3) }, () => ({ name: randomFullName(rng, rng.chance(0.6) ? 'male' : 'female'), role: rng.pick(MEMBER_ROLES) })),
      ),
      startDecisionOn: p.startOn,
      completionNumber: completion?.number ?? null,
      completionDate: completion?.date ?? null,
      completionSigner: completion?.signer ?? null,
      stages: JSON.stringify(this.#stages(startOn, p)),
      version: steps.length,
      createdAt: this.bundle.transitions.at(-steps.length)!.at,
      createdBy: null,
      updatedAt,
      updatedBy: null,
    })
    // The person's record changes with every move to active, completed, terminated or transferred (services/plans.ts).
    for (const t of this.bundle.transitions.slice(-steps.length)) if (t.toStatus !== 'suspended' && t.toStatus !== 'draft') this.change(t.at)
    if (reviewUntil !== null && p.startOn !== null)
      this.addReviews(planId, p.startOn, reviewUntil, { overdue: p.overdue ?? false, relapse: p.ending?.reason === 'drug_use' })
    return { planId, completion }
  }

  /**
   * The five stages planned over the plan's first six months; those whose planned end has passed (before the plan
   * ended) were carried out and marked done. A completed plan has at least the first three done.
   */
  #stages(startOn: string, p: PlanStory) {
    const { rng, today } = this.#ctx
    const started = p.startOn !== null
    const until = minDay(today, p.ending?.on ?? today)
    return STAGES.map(({ stage, activities, from, to }) => {
      const plannedStartOn = monthsAfter(startOn, from)
      const plannedEndOn = monthsAfter(startOn, to)
      const done = started && plannedEndOn <= until && (p.ending?.status === 'completed' || rng.chance(0.9))
      const actualEndOn = done ? plannedEndOn : null
      return {
        stage,
        activities: activities.filter(() => rng.chance(0.8)),
        plannedStartOn,
        plannedEndOn,
        actualStartOn: started && plannedStartOn <= until ? plannedStartOn : null,
        actualEndOn,
        done,
        doneBy: null,
        doneAt: actualEndOn ? `${actualEndOn}T09:00:00.000Z` : null,
      }
    })
  }

  /** Draft, then (if started) active, maybe a suspension and back, maybe suspended now; reviews run until `reviewUntil`. */
  #openingSteps(p: PlanStory): { steps: Step[]; reviewUntil: string | null } {
    const { rng, today } = this.#ctx
    const steps: Step[] = [{ to: 'draft', on: p.registeredOn }]
    if (p.startOn === null) return { steps, reviewUntil: null }
    steps.push({ to: 'active', on: p.startOn, decision: communeDecision(rng, p.startOn) })
    const endOn = p.ending?.on ?? today
    let reviewUntil = endOn
    if (p.suspension && daysBetween(p.startOn, endOn) > 60) {
      const from = addDays(p.startOn, rng.int(20, daysBetween(p.startOn, endOn) - 30))
      const back = addDays(from, rng.int(7, Math.min(30, daysBetween(from, endOn) - 1)))
      steps.push({ to: 'suspended', on: from, note: 'Tạm dừng do điều trị bệnh', decision: communeDecision(rng, from) }, { to: 'active', on: back })
    }
    if (p.openAs === 'suspended') {
      reviewUntil = this.#ctx.randomDay(maxDay(steps.at(-1)!.on, addDays(today, -40)), today)
      steps.push({ to: 'suspended', on: reviewUntil, note: 'Tạm dừng theo đề nghị của gia đình', decision: communeDecision(rng, reviewUntil) })
    }
    return { steps, reviewUntil }
  }

  /** Appends the plan's last move, if it ended; a completion comes with its certificate. */
  #endingStep(p: PlanStory, steps: Step[]): Completion | null {
    if (!p.ending) return null
    const { rng } = this.#ctx
    if (p.ending.status === 'completed') {
      const decision = communeDecision(rng, p.ending.on, 'GXN')
      const { number, signer } = JSON.parse(decision) as { number: string; signer: string }
      const completion = { number, date: p.ending.on, signer }
      steps.push({ to: 'completed', on: p.ending.on, note: `certificate ${completion.number}`, decision })
      return completion
    }
    const note = p.ending.status === 'transferred' ? 'Chuyển hồ sơ về nơi cư trú mới' : null
    // Dropping a draft that never started rests on no decision; every other ending does.
    const decision = p.startOn === null ? null : communeDecision(rng, p.ending.on)
    steps.push({ to: p.ending.status, on: p.ending.on, reason: p.ending.reason ?? null, note, decision })
    return null
  }

  /** One transition per step, each after the one before; returns the time of the last. */
  #recordTransitions(planId: string, steps: readonly Step[]): Date {
    let previous: Date | undefined
    let from: PlanInsert['status'] | null = null
    for (const step of steps) {
      const at = this.#ctx.stamp(step.on, previous ?? this.#lastChange)
      this.bundle.transitions.push({
        planId,
        fromStatus: from,
        toStatus: step.to,
        reason: step.reason ?? null,
        note: step.note ?? null,
        at,
        by: null,
        decision: step.decision ?? null,
      })
      from = step.to
      previous = at
    }
    return previous!
  }

  /** Monthly reviews from `startOn` until `until` (or today); `overdue` leaves the last ones undone. */
  addReviews(planId: string, startOn: string, until: string, o: { overdue: boolean; relapse: boolean }): void {
    const { rng, today } = this.#ctx
    const dates: string[] = []
    for (let k = 1; ; k++) {
      const day = addDays(plusMonths(startOn, k), rng.int(-3, 3))
      if (day > until || day > today) break
      dates.push(day)
    }
    // Overdue on purpose: the last reviews were never done (due a month after the last one, 7 days' grace).
    if (o.overdue) while (dates.length > 0 && daysBetween(dates.at(-1)!, today) < 45) dates.pop()
    dates.forEach((day, i) => {
      const attended = rng.chance(0.9)
      const positive = attended && ((o.relapse && i === dates.length - 1) || rng.chance(0.06))
      const drugTest = !attended
        ? 'not_done'
        : positive
          ? 'positive'
          : rng.weighted([
              ['negative', 92],
              ['refused', 3],
              ['not_done', 5],
            ] as const)
      const at = this.#ctx.stamp(day)
      this.bundle.reviews.push({
        id: rng.uuid(),
        personId: this.id,
        planId,
        communeCode: this.commune,
        reviewedOn: day,
        attended,
        drugTest,
        substance: drugTest === 'positive' ? rng.pick(SUBSTANCES) : null,
        counsellingNotes: rng.chance(0.4) ? rng.pick(COUNSELLING_NOTES) : null,
        employed: rng.chance(0.3) ? null : rng.chance(0.6),
        riskLevel:
          drugTest === 'positive'
            ? 'high'
            : rng.weighted([
                ['low', 60],
                ['medium', 30],
                ['high', 10],
              ] as const),
        version: 1,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
      })
    })
  }

  /** Twelve months of post-rehab management from `startOn`, with follow-ups; returns the relapse day, if any. */
  addPostRehab(planId: string | null, startOn: string, relapse: boolean): string | null {
    const { rng, today } = this.#ctx
    const recordId = rng.uuid()
    const endOn = plusMonths(startOn, 12)
    const relapseOn = relapse ? addDays(startOn, rng.int(30, Math.max(30, Math.min(330, daysBetween(startOn, today))))) : null
    const status = relapseOn ? 'relapsed' : endOn <= today ? 'ended' : 'active'
    const createdAt = this.#ctx.stamp(startOn, this.#lastChange)
    const contactsUntil = minDay(minDay(today, endOn), relapseOn ?? today)
    if (rng.chance(0.7)) this.#addFollowUps(recordId, startOn, contactsUntil)
    if (rng.chance(0.45)) this.addSupport(startOn, contactsUntil, rng.int(1, 3))
    const relapsedAt = relapseOn ? this.#ctx.stamp(relapseOn, createdAt) : null
    this.bundle.postRehab.push({
      id: recordId,
      personId: this.id,
      communeCode: this.commune,
      planId,
      startOn,
      endOn,
      supportModel: rng.weighted([
        ['b93_club', 35],
        ['five_plus_one', 30],
        ['volunteers', 25],
        ['other', 10],
      ] as const),
      supporterName: randomFullName(rng, rng.chance(0.5) ? 'male' : 'female'),
      status,
      relapseOn,
      relapseNote: relapseOn ? 'Xét nghiệm dương tính, đề nghị xác định lại tình trạng nghiện.' : null,
      openDecision: communeDecision(rng, startOn),
      version: relapseOn ? 2 : 1,
      createdAt,
      createdBy: null,
      updatedAt: relapsedAt ?? createdAt,
      updatedBy: null,
    })
    if (relapsedAt) this.change(relapsedAt)
    return relapseOn
  }

  /** A contact every month or so, from a week or more after `startOn` until `until`. */
  #addFollowUps(postRehabId: string, startOn: string, until: string): void {
    const { rng } = this.#ctx
    for (let day = addDays(startOn, rng.int(7, 30)); day <= until; day = addDays(day, rng.int(25, 50))) {
      const at = this.#ctx.stamp(day)
      this.bundle.followUps.push({
        id: rng.uuid(),
        postRehabId,
        personId: this.id,
        communeCode: this.commune,
        contactedOn: day,
        method: rng.weighted([
          ['visit', 50],
          ['phone', 35],
          ['meeting', 15],
        ] as const),
        notes: rng.pick(FOLLOW_UP_NOTES),
        // Not drawn: a new draw would change what every seed means (the reviews carry the demo's employment).
        employed: null,
        version: 1,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
      })
    }
  }

  /** `n` kinds of help (training, a job, a loan, insurance, counselling) given between `from` and `until`. */
  addSupport(from: string, until: string, n: number): void {
    const { rng } = this.#ctx
    for (let i = 0; i < n; i++) {
      const kind = rng.weighted([
        ['vocational_training', 25],
        ['job_placement', 20],
        ['preferential_loan', 20],
        ['health_insurance', 15],
        ['counselling', 20],
      ] as const)
      const givenOn = this.#ctx.randomDay(from, until)
      const at = this.#ctx.stamp(givenOn)
      this.bundle.support.push({
        id: rng.uuid(),
        personId: this.id,
        communeCode: this.commune,
        kind,
        givenOn,
        amountVnd: kind === 'preferential_loan' ? rng.int(2, 20) * 5_000_000 : null,
        note: kind === 'preferential_loan' ? 'Vay vốn Ngân hàng Chính sách xã hội' : null,
        version: 1,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
      })
    }
  }

  /** The bundle, with the person's final version and last change. */
  finish(): PersonBundle {
    this.person.version = this.#version
    this.person.updatedAt = this.#lastChange!
    return { person: this.person, ...this.bundle }
  }
}
