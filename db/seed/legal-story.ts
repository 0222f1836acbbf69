// The demo people's legal records (docs/decisions/0028): determinations, referrals and returns, methadone, the
// decisions of management periods, written after each person's story from a random source of its own (seeded by
// the person's id), so the draws of the stories — what a seed has always meant — are unchanged. The person's
// status is then derived from the records, as every command derives it.
import type { compulsoryReferrals, determinations, methadoneTreatments } from '../tenant/schema/index.ts'
import { registrationDueOn } from '../../kernel/domain/determination.ts'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { deriveStatus, type StatusFacts } from '../../kernel/domain/person-status.ts'
import type { LegalDecision } from '../../kernel/domain/legal-decision.ts'
import { addDays, maxDay, minDay } from './days.ts'
import type { PersonBundle } from './person-story.ts'
import { Random } from './random.ts'

export type DeterminationInsert = typeof determinations.$inferInsert
export type ReferralInsert = typeof compulsoryReferrals.$inferInsert
export type MethadoneInsert = typeof methadoneTreatments.$inferInsert

const HEALTH = ['Trung tâm Y tế khu vực', 'Bệnh viện Tâm thần tỉnh', 'Bệnh viện Đa khoa tỉnh']
const COURTS = ['Tòa án nhân dân khu vực 1', 'Tòa án nhân dân khu vực 2', 'Tòa án nhân dân khu vực 3']
const METHADONE = ['Cơ sở điều trị methadone tỉnh', 'Trung tâm Y tế khu vực (điểm cấp phát methadone)']
const REHAB = 'Cơ sở cai nghiện ma túy tỉnh'

/** How each signer's decisions are numbered and signed in the demo. */
const ISSUERS = {
  court: { code: 'TA', signer: 'Thẩm phán' },
  health_facility: { code: 'YT', signer: 'Giám đốc' },
  commune_chair: { code: 'UBND', signer: 'Chủ tịch UBND xã' },
} as const

const seedOf = (id: string) => [...id.replace(/-/g, '')].map((ch) => Number.parseInt(ch, 16))
const json = (d: LegalDecision) => JSON.stringify(d)

export function writeLegalRecords(bundle: PersonBundle, scenario: string, today: string, now: Date): void {
  const rng = new Random(0x1e6a1, ...seedOf(bundle.person.id))
  const person = bundle.person
  const at = (day: string) => {
    const t = new Date(`${day}T0${rng.int(1, 9)}:${String(rng.int(10, 59))}:00.000Z`)
    return t > now ? now : t
  }
  const decision = (date: string, signerRole: keyof typeof ISSUERS, body: string): LegalDecision => ({
    number: `${rng.int(1, 350)}/QĐ-${ISSUERS[signerRole].code}`,
    date,
    signer: ISSUERS[signerRole].signer,
    signerRole,
    body,
  })
  const stamps = (day: string) => {
    const t = at(day)
    return { version: 1, createdAt: t, createdBy: null, updatedAt: t, updatedBy: null }
  }
  const determine = (trigger: DeterminationInsert['trigger'], dossierOn: string, concluded: boolean) => {
    const resultOn = concluded ? minDay(today, addDays(dossierOn, rng.int(3, 20))) : null
    bundle.determinations.push({
      id: rng.uuid(),
      personId: person.id,
      communeCode: person.communeCode,
      trigger,
      dossierOn,
      facility: rng.pick(HEALTH),
      resultOn,
      result: resultOn ? 'dependent' : null,
      decision: resultOn ? json(decision(resultOn, 'health_facility', rng.pick(HEALTH))) : null,
      registrationDueOn: resultOn ? registrationDueOn(resultOn, DEFAULT_CASE_RULES) : null,
      note: null,
      ...stamps(resultOn ?? dossierOn),
      version: resultOn ? 2 : 1,
    })
    return resultOn
  }

  // Management periods carry the decision that opened them; an elapsed one ended the day after its last day.
  for (const period of bundle.managementPeriods) {
    period.decision = json(decision(period.startOn, 'commune_chair', 'UBND xã'))
    if (period.status === 'ended') {
      period.endReason = 'period_elapsed'
      period.endedOn = addDays(period.endOn, 1)
    } else if (rng.chance(0.04)) {
      const endedOn = minDay(today, addDays(period.startOn, rng.int(30, 200)))
      Object.assign(period, { status: 'ended', endReason: rng.pick(['prison', 'missing', 'commune_education']), endedOn, version: 2 })
      period.endDecision = json(decision(endedOn, 'commune_chair', 'UBND xã'))
    } else if (rng.chance(0.08)) {
      // Caught again while managed: sent to determination, the result not back yet.
      determine('caught_again_while_managed', minDay(today, addDays(period.startOn, rng.int(30, 300))), false)
    }
  }

  if (scenario === 'returned') {
    const post = bundle.postRehab[0]
    if (post) {
      const returnedOn = post.startOn
      const admittedOn = addDays(returnedOn, -rng.int(360, 720))
      const dossierOn = addDays(admittedOn, -rng.int(20, 60))
      bundle.referrals.push({
        id: rng.uuid(),
        personId: person.id,
        communeCode: person.communeCode,
        ground: rng.pick(['not_registered_or_abandoned', 'use_during_voluntary_rehab', 'relapse_post_rehab'] as const),
        dossierOn,
        submittedOn: addDays(dossierOn, rng.int(2, 10)),
        status: 'returned',
        courtDecision: json(decision(addDays(admittedOn, -rng.int(1, 7)), 'court', rng.pick(COURTS))),
        facility: REHAB,
        admittedOn,
        returnedOn,
        returnDecision: json(decision(returnedOn, 'commune_chair', 'UBND xã')),
        postRehabId: post.id,
        note: null,
        ...stamps(returnedOn),
        version: 3,
      })
    }
  }

  if (scenario === 'relapsed') {
    const relapse = bundle.postRehab.find((r) => r.relapseOn)?.relapseOn
    const again = bundle.plans.find((p) => relapse && p.registeredOn > relapse)
    if (relapse) {
      const dossierOn = minDay(today, addDays(relapse, rng.int(1, 5)))
      // Registered again after the relapse: the result of dependence came first. Otherwise some results are still awaited.
      const concluded = again ? true : rng.chance(0.5)
      const resultOn = determine('post_rehab_use', dossierOn, concluded)
      if (again && resultOn && resultOn > again.registeredOn) {
        const d = bundle.determinations.at(-1)!
        d.resultOn = maxDay(dossierOn, again.registeredOn)
      }
      if (!again && resultOn && rng.chance(0.4)) {
        bundle.referrals.push(referred('relapse_post_rehab', minDay(today, addDays(resultOn, rng.int(6, 20)))))
      }
    }
  }

  if (scenario === 'no_plan' && person.addictionDeterminedOn) {
    determine(rng.chance(0.5) ? 'volunteer' : 'caught_again_while_managed', addDays(person.addictionDeterminedOn, -rng.int(2, 10)), true)
    const d = bundle.determinations.at(-1)!
    d.resultOn = person.addictionDeterminedOn
    d.registrationDueOn = registrationDueOn(person.addictionDeterminedOn, DEFAULT_CASE_RULES)
    if (rng.chance(0.3)) bundle.methadone.push(methadone(minDay(today, addDays(person.addictionDeterminedOn, rng.int(1, 5)))))
  }

  if (scenario === 'active' && rng.chance(0.1)) bundle.methadone.push(methadone(addDays(bundle.plans[0]!.registeredOn, -rng.int(0, 60))))

  if (scenario === 'terminated') {
    const plan = bundle.plans[0]
    const ended = bundle.transitions.at(-1)
    if (plan?.status === 'terminated' && ended?.reason === 'compulsory_rehab') {
      const dossierOn = minDay(today, addDays(ended.at.toISOString().slice(0, 10), rng.int(1, 10)))
      const referral = referred('use_during_voluntary_rehab', dossierOn)
      if (rng.chance(0.5) && addDays(dossierOn, 30) <= today) {
        const admittedOn = addDays(dossierOn, rng.int(15, 30))
        Object.assign(referral, { status: 'admitted', admittedOn, facility: REHAB, version: 2 })
        referral.courtDecision = json(decision(addDays(admittedOn, -2), 'court', rng.pick(COURTS)))
      } else if (addDays(dossierOn, 30) <= today && Number(dossierOn.slice(-1)) % 3 === 0) {
        // The court refused some (decision 0039). Chosen by the dossier's day, not a new draw: the random stream,
        // and so every later demo record, stays what it was.
        const refusedOn = addDays(dossierOn, 20)
        Object.assign(referral, { status: 'refused', version: 2 })
        referral.courtDecision = json(decision(refusedOn, 'court', COURTS[0]!))
      }
      bundle.referrals.push(referral)
    }
  }

  function referred(ground: ReferralInsert['ground'], dossierOn: string): ReferralInsert {
    return {
      id: rng.uuid(),
      personId: person.id,
      communeCode: person.communeCode,
      ground,
      dossierOn,
      submittedOn: null,
      status: 'referred',
      courtDecision: null,
      facility: null,
      admittedOn: null,
      returnedOn: null,
      returnDecision: null,
      postRehabId: null,
      note: null,
      ...stamps(dossierOn),
    }
  }
  function methadone(startOn: string): MethadoneInsert {
    return {
      id: rng.uuid(),
      personId: person.id,
      communeCode: person.communeCode,
      facility: rng.pick(METHADONE),
      startOn,
      endOn: null,
      status: 'active',
      endReason: null,
      ...stamps(startOn),
    }
  }

  person.status = deriveStatus(factsOfBundle(bundle))
}

/** The facts of a generated person, as the server reads them (worker/repo/case-records.ts loadCase). */
export function factsOfBundle(b: PersonBundle): StatusFacts {
  return {
    category: b.person.category,
    plans: b.plans.map((p) => ({ id: p.id, status: p.status, registeredOn: p.registeredOn })),
    postRehab: b.postRehab.map((r) => ({ id: r.id, status: r.status, relapseOn: r.relapseOn ?? null })),
    managementPeriods: b.managementPeriods.map((m) => ({ id: m.id, status: m.status })),
    determinations: b.determinations.map((d) => ({ id: d.id, resultOn: d.resultOn ?? null, result: d.result ?? null })),
    referrals: b.referrals.map((r) => ({ id: r.id, status: r.status, dossierOn: r.dossierOn })),
    methadone: b.methadone.map((m) => ({ id: m.id, status: m.status, startOn: m.startOn, endReason: m.endReason ?? null })),
  }
}
