// Synthetic case data for demos and benchmarks (`npm run seed:demo`, first `npm start` in development).
//
// Pure functions only: `generateDemoData` turns a seed into people and their records; nothing here touches a
// database (worker/provision/seed-demo.ts writes). The parts: random.ts (the seeded PRNG), fake-identity.ts (names,
// citizen IDs, phones), days.ts, scenarios.ts (what happens to a person) and person-story.ts (their records).
// Every person is made up: a name is a random combination of common name parts, a citizen ID has the valid
// format but random last digits, a phone number random digits. No real person's data is in this file or
// anywhere it draws from.
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { addDays, dayMs, daysBetween } from './days.ts'
import { BIRTH_PROVINCE_CODES, citizenIdLastSix, formatCitizenId, randomFullName, randomPhone } from './fake-identity.ts'
import { PersonStory, type DemoContext, type PersonBundle, type PersonDraft } from './person-story.ts'
import { addMovingRecords } from './moving.ts'
import { Random } from './random.ts'
import { writeLegalRecords } from './legal-story.ts'
import { DEFAULT_SCENARIO_WEIGHTS, scenarios as allScenarios, tellScenario, type Scenario } from './scenarios.ts'

export type { PersonBundle } from './person-story.ts'
export { DEFAULT_SCENARIO_WEIGHTS, scenarios, type Scenario } from './scenarios.ts'

export interface DemoDataOptions {
  seed: number
  /** How many people, including the `caseloads` ones. */
  persons: number
  /** Where the people (other than `caseloads`) live, spread unevenly. */
  communes: readonly string[]
  now: Date
  /** Two-digit province code: most people were born (and got their citizen ID) there. */
  provinceCode: string
  /**
   * People on an active plan in these communes (a commune officer's caseload), on top of those `communes`
   * spreads: leave such a commune out of `communes` to give it exactly these people and nobody else.
   */
  caseloads?: readonly { commune: string; people: number }[] | undefined
  /**
   * Fixed shares (0–1) of the other people for some of `communes` (e.g. half of them in a demo officer's
   * commune); the rest are spread over the remaining communes by random weights.
   */
  communeShares?: Readonly<Record<string, number>> | undefined
  /** People already in the province: numbering (and so the citizen IDs) continues after them. */
  startIndex?: number | undefined
  /** Citizen IDs already in the province: generated ones avoid them. */
  isTaken?: ((citizenId: string) => boolean) | undefined
}

/**
 * Generates `persons` fictitious people with plans, reviews, post-rehab records, follow-ups, support and
 * management periods, consistent with the domain rules (status machine, 6–12 month plans, one open plan per
 * person, person status following the plan). Every event happened on or before `now` (a plan's or a period's
 * planned end may lie ahead). Deterministic: the same options give the same output.
 */
export function generateDemoData(opts: DemoDataOptions): PersonBundle[] {
  return [...demoPeople(opts)]
}

/**
 * generateDemoData one person at a time (the same people, in the same order): a writer that takes a few hundred
 * at a time holds only those, so 300,000 people seed in bounded memory (issue #19).
 */
/** How many of the first people the moving records are drawn from. */
const MOVING_WINDOW = 500

export function* demoPeople(opts: DemoDataOptions): Generator<PersonBundle> {
  const placement = checkPlacement(opts)
  const startIndex = opts.startIndex ?? 0
  // The order of every draw from rng below is part of what a seed means: reordering changes the data set.
  const rng = new Random(opts.seed, startIndex, opts.persons)
  const ctx = demoContext(rng, opts.now)
  const pickCommune = communePicker(rng, placement)
  const issueCitizenId = citizenIdIssuer(rng, opts, startIndex)
  const plan = assignScenarios(rng, opts, placement, pickCommune)
  const home = opts.caseloads?.[0]?.commune ?? Object.keys(opts.communeShares ?? {})[0]
  // The hand-overs, monitoring orders and the minor are drawn from the first people (a window, so memory stays
  // bounded): addMovingRecords picks the first that fit each story.
  const window: PersonBundle[] = []
  const flush = () => {
    addMovingRecords(window, { seed: opts.seed, provinceCode: opts.provinceCode, now: opts.now, today: ctx.today, home, startIndex, issueCitizenId })
    return window.splice(0)
  }
  for (let i = 0; i < opts.persons; i++) {
    const story = new PersonStory(ctx, newPerson(ctx, plan.communes[plan.commune[i]!]!, issueCitizenId))
    const scenario = plan.scenarios[plan.scenario[i]!]!
    tellScenario[scenario](story, ctx, scenario)
    const bundle = story.finish()
    writeLegalRecords(bundle, scenario, ctx.today, opts.now)
    if (i < MOVING_WINDOW) {
      window.push(bundle)
      if (i === MOVING_WINDOW - 1 || i === opts.persons - 1) yield* flush()
    } else yield bundle
  }
}

interface Placement {
  caseloads: readonly { commune: string; people: number }[]
  /** People reserved for the caseloads. */
  reserved: number
  /** Communes with a fixed share of the others, and the sum of those shares. */
  shares: [string, number][]
  sharedTotal: number
  /** The other communes, spread by random weights. */
  unshared: string[]
}

/** Where people go, after checking the options make sense. */
function checkPlacement(opts: DemoDataOptions): Placement {
  const caseloads = opts.caseloads ?? []
  const reserved = caseloads.reduce((n, c) => n + c.people, 0)
  if (!Number.isInteger(opts.persons) || opts.persons < 0) throw new Error('persons must be a whole number ≥ 0')
  if (reserved > opts.persons) throw new Error(`caseloads need ${reserved} people, more than the ${opts.persons} asked for`)
  const spread = [...new Set(opts.communes)]
  if (opts.persons > reserved && spread.length === 0) throw new Error('no commune to put people in')
  const shares = Object.entries(opts.communeShares ?? {})
  for (const [code] of shares) if (!spread.includes(code)) throw new Error(`communeShares names ${code}, which is not among the communes`)
  const sharedTotal = shares.reduce((sum, [, share]) => sum + share, 0)
  if (shares.some(([, share]) => !(share >= 0)) || sharedTotal > 1) throw new Error('communeShares must be ≥ 0 and add up to at most 1')
  const unshared = spread.filter((c) => !(c in (opts.communeShares ?? {})))
  return { caseloads, reserved, shares, sharedTotal, unshared }
}

function demoContext(rng: Random, now: Date): DemoContext {
  const nowMs = now.getTime()
  return {
    rng,
    today: vietnamToday(now),
    // Office hours in Vietnam: 07:30–17:00, i.e. 00:30–10:00 UTC.
    stamp(day, notBefore) {
      let ms = dayMs(day) + rng.int(30, 600) * 60_000
      if (notBefore && ms <= notBefore.getTime()) ms = notBefore.getTime() + rng.int(1, 30) * 60_000
      return new Date(Math.min(ms, nowMs))
    },
    randomDay: (from, to) => addDays(from, rng.int(0, Math.max(0, daysBetween(from, to)))),
  }
}

/** Uneven spread: each commune gets a log-normal weight (a few several times the average), fixed by the seed. */
function communePicker(rng: Random, { shares, sharedTotal, unshared }: Placement): () => string {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const communeWeights = unshared.map((code) => [code, Math.exp(0.7 * gaussian())] as const)
  return () => {
    if (sharedTotal > 0 && (unshared.length === 0 || rng.next() < sharedTotal)) return rng.weighted(shares)
    return rng.weighted(communeWeights)
  }
}

/** Citizen IDs never issued twice in one run nor taken in the province; numbering continues after startIndex. */
function citizenIdIssuer(rng: Random, opts: DemoDataOptions, startIndex: number): (sex: 'male' | 'female', birthYear: number) => string {
  const homeCode = opts.provinceCode.padStart(3, '0')
  const localBirth = BIRTH_PROVINCE_CODES.includes(homeCode) ? homeCode : null
  let counter = startIndex
  const issued = new Set<string>()
  return (sex, birthYear) => {
    const province = localBirth && rng.chance(0.8) ? localBirth : rng.pick(BIRTH_PROVINCE_CODES)
    for (;;) {
      const id = formatCitizenId(province, sex, birthYear, citizenIdLastSix(opts.seed, counter++))
      if (!issued.has(id) && !opts.isTaken?.(id)) {
        issued.add(id)
        return id
      }
    }
  }
}

/**
 * The caseload people first (all on an active plan), then everyone else in a random commune and scenario; drawn
 * for everyone before any person is made (the seed's order), kept as small indexes (two bytes a person).
 */
function assignScenarios(rng: Random, opts: DemoDataOptions, placement: Placement, pickCommune: () => string) {
  const communes: string[] = []
  const communeIndex = new Map<string, number>()
  const indexOf = (code: string) => {
    let index = communeIndex.get(code)
    if (index === undefined) {
      index = communes.push(code) - 1
      communeIndex.set(code, index)
    }
    return index
  }
  const scenarios: readonly Scenario[] = allScenarios
  const commune = new Uint32Array(opts.persons)
  const scenario = new Uint8Array(opts.persons)
  let i = 0
  for (const c of placement.caseloads) {
    for (let k = 0; k < c.people; k++, i++) {
      commune[i] = indexOf(c.commune)
      scenario[i] = scenarios.indexOf('active')
    }
  }
  for (; i < opts.persons; i++) {
    commune[i] = indexOf(pickCommune())
    scenario[i] = scenarios.indexOf(rng.weighted(DEFAULT_SCENARIO_WEIGHTS))
  }
  return { communes, commune, scenarios, scenario }
}

/** A made-up person living in `commune`: mostly men, 20 to 60 years old. */
function newPerson({ rng, today }: DemoContext, commune: string, issueCitizenId: (sex: 'male' | 'female', birthYear: number) => string): PersonDraft {
  const sex = rng.chance(0.93) ? 'male' : 'female'
  const age = rng.weighted<[number, number]>([
    [[20, 24], 20],
    [[25, 34], 38],
    [[35, 44], 27],
    [[45, 60], 15],
  ])
  const birthDate = addDays(today, -(rng.int(age[0], age[1]) * 365 + rng.int(0, 364)))
  const fullName = randomFullName(rng, sex)
  const id = rng.uuid()
  return {
    id,
    fullName,
    nameKey: foldDiacritics(fullName),
    birthDate,
    sex,
    citizenId: issueCitizenId(sex, Number(birthDate.slice(0, 4))),
    communeCode: commune,
    addressDetail: rng.chance(0.85)
      ? `${rng.chance(0.5) ? `Số ${rng.int(1, 250)}, ` : ''}${rng.pick(['tổ', 'ấp', 'thôn', 'tổ dân phố', 'khu phố'])} ${rng.int(1, 15)}`
      : null,
    phone: rng.chance(0.8) ? randomPhone(rng) : null,
    category: 'dependent',
    status: 'under_management',
    addictionDeterminedOn: null,
    addictionDeterminedBy: null,
    assignedOfficerId: null,
    notes: null,
    legalRepresentative: null,
    version: 1,
    createdAt: new Date(0),
    createdBy: null,
    updatedAt: new Date(0),
    updatedBy: null,
  }
}

/** Counts for the command line and the audit entry, added up as people are written. */
export class DemoDataCounter {
  persons = 0
  byCategory: Record<string, number> = {}
  byPlanStatus: Record<string, number> = {}
  plans = 0
  transitions = 0
  reviews = 0
  postRehab = 0
  relapses = 0
  followUps = 0
  support = 0
  loans = 0
  loanAmountVnd = 0
  managementPeriods = 0
  handovers = 0
  monitoring = 0
  determinations = 0
  referrals = 0
  methadone = 0

  add(b: PersonBundle): void {
    this.persons += 1
    this.byCategory[b.person.category] = (this.byCategory[b.person.category] ?? 0) + 1
    for (const p of b.plans) this.byPlanStatus[p.status] = (this.byPlanStatus[p.status] ?? 0) + 1
    for (const s of b.support) {
      if (s.kind !== 'preferential_loan') continue
      this.loans += 1
      this.loanAmountVnd += s.amountVnd ?? 0
    }
    for (const r of b.postRehab) if (r.status === 'relapsed') this.relapses += 1
    this.plans += b.plans.length
    this.transitions += b.transitions.length
    this.reviews += b.reviews.length
    this.postRehab += b.postRehab.length
    this.followUps += b.followUps.length
    this.support += b.support.length
    this.managementPeriods += b.managementPeriods.length
    this.handovers += b.handovers.length
    this.monitoring += b.monitoring.length
    this.determinations += b.determinations.length
    this.referrals += b.referrals.length
    this.methadone += b.methadone.length
  }

  summary() {
    const { persons, byCategory, plans, byPlanStatus, transitions, reviews, postRehab, relapses, followUps, support, loans, loanAmountVnd, managementPeriods } =
      this
    const { handovers, monitoring, determinations, referrals, methadone } = this
    return {
      persons,
      byCategory,
      plans,
      byPlanStatus,
      transitions,
      reviews,
      postRehab,
      relapses,
      followUps,
      support,
      loans,
      loanAmountVnd,
      managementPeriods,
      handovers,
      monitoring,
      determinations,
      referrals,
      methadone,
    }
  }
}

export function summarizeDemoData(bundles: readonly PersonBundle[]) {
  const counter = new DemoDataCounter()
  for (const b of bundles) counter.add(b)
  return counter.summary()
}
export type DemoDataSummary = ReturnType<typeof summarizeDemoData>
