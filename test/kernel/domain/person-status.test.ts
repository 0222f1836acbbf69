import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnyCommand, Decision, DecideContext, State } from '../../../kernel/commands/command.ts'
import { decideCommand } from '../../../kernel/commands/decide.ts'
import { offlineCommands } from '../../../kernel/commands/index.ts'
import { addMonths, addWorkingDays } from '../../../kernel/calendar.ts'
import { DEFAULT_CASE_RULES } from '../../../kernel/domain/case-rules.ts'
import { registrationDeadline, registrationDueOn, referralGroundsOf } from '../../../kernel/domain/determination.ts'
import { deriveStatus, emptyFacts, type StatusFacts } from '../../../kernel/domain/person-status.ts'
import { REQUIRED_STAGES } from '../../../kernel/domain/plan-stages.ts'
import { isOpen } from '../../../kernel/domain/plan-status.ts'
import type { CaseRecords, Collection, PersonRecord } from '../../../kernel/records.ts'

// The records of one person in memory, driven by the commands' own decide (as the server's runner and the
// phone's overlay drive them): whatever sequence of commands runs, the stored status is what the records imply.

type Store = { [C in Collection]: Map<string, CaseRecords[C] & { id?: string }> }
const newStore = (): Store =>
  ({
    persons: new Map(),
    plans: new Map(),
    planTransitions: new Map(),
    reviews: new Map(),
    postRehab: new Map(),
    followUps: new Map(),
    support: new Map(),
    managementPeriods: new Map(),
    determinations: new Map(),
    referrals: new Map(),
    methadone: new Map(),
  }) as Store

const TODAY = '2026-11-24'
const ctx = (n: number): DecideContext => ({
  actorId: 'officer-1',
  now: new Date('2026-11-24T03:00:00Z'),
  // Both readings of the province's rule: voluntary completers under post-rehab management, or not.
  rules: { ...DEFAULT_CASE_RULES, postRehabAfterVoluntary: n % 2 === 0 },
  newId: () => `made-${n}`,
})
const decision = { number: '12/QĐ-UBND (thử)', date: '2026-11-01', signer: 'Chủ tịch (thử)', signerRole: 'commune_chair', body: 'UBND xã Thử' }
const court = { ...decision, number: '3/QĐ-TA (thử)', signerRole: 'court', body: 'Tòa án khu vực (thử)' }

const own = <R>(store: Store, collection: Collection, personId: string) =>
  [...(store[collection] as unknown as Map<string, R & { personId?: string }>).values()].filter((r) => r.personId === personId) as R[]

/** The facts read from every stored record of the person: what the server's loadCase reads. */
function factsOf(store: Store, person: PersonRecord): StatusFacts {
  return {
    category: person.category,
    plans: own<CaseRecords['plans']>(store, 'plans', person.id).map((p) => ({ id: p.id, status: p.status, registeredOn: p.registeredOn })),
    postRehab: own<CaseRecords['postRehab']>(store, 'postRehab', person.id).map((r) => ({ id: r.id, status: r.status, relapseOn: r.relapseOn })),
    managementPeriods: own<CaseRecords['managementPeriods']>(store, 'managementPeriods', person.id).map((m) => ({ id: m.id, status: m.status })),
    determinations: own<CaseRecords['determinations']>(store, 'determinations', person.id).map((d) => ({ id: d.id, resultOn: d.resultOn, result: d.result })),
    referrals: own<CaseRecords['referrals']>(store, 'referrals', person.id).map((r) => ({ id: r.id, status: r.status, dossierOn: r.dossierOn })),
    methadone: own<CaseRecords['methadone']>(store, 'methadone', person.id).map((m) => ({
      id: m.id,
      status: m.status,
      startOn: m.startOn,
      endReason: m.endReason,
    })),
  }
}

function stateFor(store: Store, command: AnyCommand, input: Record<string, unknown>, entityId: string): State<never> | undefined {
  let target: (Record<string, unknown> & { personId?: string; communeCode: string }) | undefined
  if (command.target) {
    target = store[command.target.collection].get(command.target.id(input, entityId)) as typeof target
    if (!target) return undefined
  }
  const person = (command.target?.collection === 'persons' ? target : target ? store.persons.get(target.personId!) : undefined) as PersonRecord | undefined
  const createdId = command.creates ? (command.creates.id ? command.creates.id(input) : entityId) : undefined
  const existing = command.creates && createdId ? (store[command.creates.collection].get(createdId) as State<unknown>['existing']) : undefined
  return {
    target,
    person,
    openPlans: person ? own<CaseRecords['plans']>(store, 'plans', person.id).filter((p) => isOpen(p.status)) : [],
    activePostRehab: person ? own<CaseRecords['postRehab']>(store, 'postRehab', person.id).filter((r) => r.status === 'active') : [],
    activeManagement: person ? own<CaseRecords['managementPeriods']>(store, 'managementPeriods', person.id).filter((m) => m.status === 'active') : [],
    facts: person ? factsOf(store, person) : undefined,
    existing,
    commune: target?.communeCode ?? '29999',
  } as unknown as State<never>
}

function apply(store: Store, outcome: Decision): void {
  for (const insert of outcome.inserts) {
    if (insert.collection === 'planTransitions' || insert.collection === 'activityVersions') continue
    ;(store[insert.collection] as Map<string, unknown>).set(insert.record.id, insert.record)
  }
  for (const update of outcome.updates) {
    const map = store[update.collection] as unknown as Map<string, Record<string, unknown>>
    const record = map.get(update.id)
    if (record) map.set(update.id, { ...record, ...update.set })
  }
}

/** Runs one change: check then decide (as the runner does); true when applied. */
function run(store: Store, type: keyof typeof offlineCommands, entityId: string, input: Record<string, unknown>, n: number): boolean {
  const command = offlineCommands[type]
  if (command.check?.(input, TODAY)) return false
  const state = stateFor(store, command, input, entityId)
  if (!state) return false
  const outcome = decideCommand(command, state, input, entityId, ctx(n))
  if (outcome.rejected) return false
  apply(store, outcome)
  return true
}

const PERSON = 'p1'
const lastOf = (store: Store, collection: Collection) => [...(store[collection] as Map<string, { id: string }>).values()].at(-1)?.id ?? 'none'
const versionOf = (store: Store, collection: Collection, id: string) => (store[collection].get(id) as { version?: number } | undefined)?.version ?? 1

type Step = { kind: string; pick: number; day: number }
const startOf = (store: Store, plan: string) => (store.plans.get(plan) as { startOn?: string } | undefined)?.startOn ?? '2026-01-01'

/** A step as a change of the person's records, with inputs good enough for most to apply. */
function change(store: Store, step: Step, n: number): [keyof typeof offlineCommands, string, Record<string, unknown>] {
  const day = `2026-${String(1 + (step.day % 10)).padStart(2, '0')}-${String(1 + (step.day % 27)).padStart(2, '0')}`
  const id = `r-${n}`
  const plan = lastOf(store, 'plans')
  const post = lastOf(store, 'postRehab')
  const det = lastOf(store, 'determinations')
  const ref = lastOf(store, 'referrals')
  const met = lastOf(store, 'methadone')
  const man = lastOf(store, 'managementPeriods')
  switch (step.kind) {
    case 'plan.create': {
      // Started early enough in the year that the six months before completion can have passed by TODAY.
      const on = `2026-${String(1 + (step.day % 5)).padStart(2, '0')}-${String(1 + (step.day % 27)).padStart(2, '0')}`
      return [
        'plan.create',
        id,
        {
          personId: PERSON,
          form: 'family',
          registeredOn: on,
          startOn: on,
          plannedEndOn: addMonths(on, 8),
          members: [{ name: 'Tổ (thử)', role: 'công an' }],
          stages: [],
        },
      ]
    }
    case 'plan.transition': {
      const to = (['active', 'active', 'active', 'suspended', 'terminated', 'transferred'] as const)[step.pick % 6]
      const reason = to === 'terminated' ? 'non_compliance' : to === 'transferred' ? 'moved_commune' : undefined
      // Each step rests on the chair's decision, dated the plan's start (the six months count from it).
      const input = { to, version: versionOf(store, 'plans', plan), decision: { ...decision, date: startOf(store, plan) }, ...(reason ? { reason } : {}) }
      return ['plan.transition', plan, input]
    }
    case 'plan.stage_update': {
      // The next required stage not yet done (then any): three such steps make a plan ready for completion.
      const stages = (store.plans.get(plan) as { stages?: { stage: string; done?: boolean }[] } | undefined)?.stages ?? []
      const stage = REQUIRED_STAGES.find((s) => !stages.some((done) => done.stage === s && done.done)) ?? REQUIRED_STAGES[step.pick % 3]
      const start = startOf(store, plan)
      return [
        'plan.stage_update',
        plan,
        { version: versionOf(store, 'plans', plan), stage, actualStartOn: start, actualEndOn: addMonths(start, 1), done: true },
      ]
    }
    case 'plan.complete':
      return [
        'plan.complete',
        plan,
        {
          version: versionOf(store, 'plans', plan),
          postRehabId: id,
          decision: { ...decision, number: 'GXN (thử)', date: TODAY },
          ...(step.pick % 2 ? { supportModel: 'b93_club', supporterName: 'TNV (thử)', openDecision: { ...decision, date: TODAY } } : {}),
        },
      ]
    case 'post_rehab.relapse':
      return ['post_rehab.relapse', post, { version: versionOf(store, 'postRehab', post), relapseOn: TODAY }]
    case 'determination.create':
      return [
        'determination.create',
        id,
        { personId: PERSON, trigger: step.pick % 2 ? 'post_rehab_use' : 'volunteer', dossierOn: day, facility: 'Trung tâm Y tế (thử)' },
      ]
    case 'determination.conclude':
      return [
        'determination.conclude',
        det,
        { version: versionOf(store, 'determinations', det), resultOn: TODAY, result: step.pick % 3 ? 'dependent' : 'not_dependent', decision },
      ]
    case 'referral.create':
      return ['referral.create', id, { personId: PERSON, ground: 'relapse_post_rehab', dossierOn: day }]
    case 'referral.admit':
      return ['referral.admit', ref, { version: versionOf(store, 'referrals', ref), decision: court, facility: 'Cơ sở cai nghiện (thử)', admittedOn: TODAY }]
    case 'referral.refuse':
      return ['referral.refuse', ref, { version: versionOf(store, 'referrals', ref), decision: { ...court, date: TODAY } }]
    case 'referral.return':
      return [
        'referral.return',
        ref,
        { version: versionOf(store, 'referrals', ref), returnedOn: TODAY, postRehabId: id, decision, supportModel: 'five_plus_one', supporterName: 'Tổ (thử)' },
      ]
    case 'methadone.start':
      return ['methadone.start', id, { personId: PERSON, facility: 'Cơ sở methadone (thử)', startOn: day }]
    case 'methadone.end':
      return ['methadone.end', met, { version: versionOf(store, 'methadone', met), endOn: TODAY, reason: step.pick % 2 ? 'left' : 'completed' }]
    case 'management_period.create':
      return ['management_period.create', id, { personId: PERSON, startOn: day, measures: 'Quản lý tại xã (thử)', decision }]
    case 'management_period.end':
      return ['management_period.end', man, { version: versionOf(store, 'managementPeriods', man), endedOn: TODAY, reason: 'prison', decision }]
    default:
      return ['person.update', PERSON, { version: versionOf(store, 'persons', PERSON), category: (['drug_user', 'dependent'] as const)[step.pick % 2] }]
  }
}

const KINDS = [
  'plan.create',
  'plan.transition',
  'plan.stage_update',
  'plan.complete',
  'post_rehab.relapse',
  'determination.create',
  'determination.conclude',
  'referral.create',
  'referral.admit',
  'referral.return',
  'referral.refuse',
  'methadone.start',
  'methadone.end',
  'management_period.create',
  'management_period.end',
  'person.update',
]

/** A referral the court has not answered or has ordered (not returned, not refused). */
const open = (r: { status: string }) => r.status === 'referred' || r.status === 'admitted'

/** What each status claims about the records, checked on its own (not through deriveStatus). */
function implied(store: Store, person: PersonRecord): boolean {
  const f = factsOf(store, person)
  switch (person.status) {
    case 'compulsory_rehab':
      return f.referrals.some(open)
    case 'in_rehab':
      return f.plans.some((p) => isOpen(p.status)) && !f.referrals.some(open)
    case 'post_rehab':
      return f.postRehab.some((r) => r.status === 'active') || (person.category === 'post_rehab' && !f.plans.length && !f.postRehab.length)
    case 'awaiting_determination':
      return f.determinations.some((d) => d.result === null) || f.postRehab.some((r) => r.status === 'relapsed')
    case 'awaiting_registration':
      return (person.category === 'dependent' || f.determinations.some((d) => d.result === 'dependent')) && !f.plans.some((p) => isOpen(p.status))
    case 'substitution_treatment':
      return f.methadone.some((m) => m.status === 'active')
    case 'under_management':
      return f.managementPeriods.some((m) => m.status === 'active') || (person.category === 'drug_user' && !f.managementPeriods.length)
    case 'transferred':
      return f.plans.some((p) => p.status === 'transferred')
    case 'closed':
      return !f.plans.some((p) => isOpen(p.status)) && !f.postRehab.some((r) => r.status === 'active') && !f.referrals.some(open)
  }
}

const at = (kind: string): Step => ({ kind, pick: 0, day: 3 })
/** Paths of several steps in a row that random sequences seldom draw whole. */
const PATHS: Step[][] = [
  [],
  ['plan.create', 'plan.transition', 'plan.stage_update', 'plan.stage_update', 'plan.stage_update', 'plan.complete'].map(at),
  ['management_period.create', 'management_period.end'].map(at),
  // Back from compulsory rehab into post-rehab, then a relapse there: four steps a random draw rarely lines up.
  ['referral.create', 'referral.admit', 'referral.return', 'post_rehab.relapse'].map(at),
]

describe("a person's status follows from their records", () => {
  it('whatever sequence of commands runs, on a person of any category', () => {
    const applied = new Set<string>()
    // The voluntary path and the referral take several steps in a row: their commands come more often.
    const often = [
      'plan.create',
      'plan.transition',
      'plan.stage_update',
      'plan.stage_update',
      'plan.complete',
      'post_rehab.relapse',
      'referral.create',
      'referral.admit',
      'referral.return',
      'referral.refuse',
    ]
    const step = fc.record({ kind: fc.constantFrom(...KINDS, ...often, ...often), pick: fc.nat(11), day: fc.nat(300) })
    fc.assert(
      fc.property(
        fc.constantFrom('drug_user', 'dependent', 'post_rehab'),
        fc.constantFrom(...PATHS),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (category, path, tail) => {
          // A law's path first (or none), then random changes: long paths are rarely drawn step by step.
          const steps = [...path, ...tail]
          const store = newStore()
          const registered = run(
            store,
            'person.create',
            PERSON,
            {
              fullName: 'Đỗ Văn Thử',
              birthDate: '1990-05-01',
              sex: 'male',
              citizenId: '079090000001',
              communeCode: '29999',
              category,
              ...(category === 'dependent' ? { addictionDeterminedOn: '2025-12-01', addictionDeterminedBy: 'TTYT (thử)' } : {}),
            },
            0,
          )
          expect(registered).toBe(true)
          steps.forEach((s, i) => {
            const [type, entityId, input] = change(store, s, i + 1)
            if (run(store, type, entityId, input, i + 1)) applied.add(type)
            const person = store.persons.get(PERSON) as PersonRecord
            expect(person.status).toBe(deriveStatus(factsOf(store, person)))
            expect(implied(store, person), `${person.status} after ${type}`).toBe(true)
          })
        },
      ),
      { numRuns: 600 },
    )
    // The sequences did exercise every command (most random changes are refused by the rules).
    expect([...applied].sort()).toEqual([...KINDS].sort())
  })

  it('reaches every status along the law’s paths', () => {
    const store = newStore()
    const seen = new Set<string>()
    const status = () => (store.persons.get(PERSON) as PersonRecord).status
    const go = (type: keyof typeof offlineCommands, entityId: string, input: Record<string, unknown>) => {
      expect(run(store, type, entityId, input, seen.size + 1), type).toBe(true)
      seen.add(status())
    }
    go('person.create', PERSON, {
      fullName: 'Lê Thị Thử',
      birthDate: '1992-02-02',
      sex: 'female',
      citizenId: '079192000002',
      communeCode: '29999',
      category: 'drug_user',
    })
    expect(status()).toBe('under_management')
    go('management_period.create', 'm1', { personId: PERSON, startOn: '2026-01-10', measures: 'Quản lý (thử)', decision })
    go('determination.create', 'd1', { personId: PERSON, trigger: 'caught_again_while_managed', dossierOn: '2026-11-02', facility: 'TTYT (thử)' })
    expect(status()).toBe('awaiting_determination')
    go('determination.conclude', 'd1', { version: 1, resultOn: '2026-11-20', result: 'dependent', decision: { ...decision, date: '2026-11-20' } })
    expect(status()).toBe('awaiting_registration')
    // Determined dependent: the management period ended early on that ground, with the determination's decision.
    expect(store.managementPeriods.get('m1')).toMatchObject({ status: 'ended', endReason: 'determined_dependent', endedOn: '2026-11-20' })
    go('referral.create', 'f1', { personId: PERSON, ground: 'not_registered_or_abandoned', dossierOn: '2026-11-21' })
    expect(status()).toBe('compulsory_rehab')
    go('referral.admit', 'f1', { version: 1, decision: { ...court, date: '2026-11-22' }, facility: 'CSCN (thử)', admittedOn: '2026-11-22' })
    go('referral.return', 'f1', { version: 2, returnedOn: '2026-11-23', postRehabId: 'pr1', decision, supportModel: 'b93_club', supporterName: 'TNV (thử)' })
    expect(status()).toBe('post_rehab')
    expect(store.postRehab.get('pr1')).toMatchObject({ startOn: '2026-11-23', endOn: '2027-11-23', status: 'active' })
    go('post_rehab.relapse', 'pr1', { version: 1, relapseOn: '2026-11-24' })
    expect(status()).toBe('awaiting_determination')
    // A voluntary plan waits for a result of dependence after the relapse.
    const planInput = {
      personId: PERSON,
      form: 'family',
      registeredOn: '2026-11-24',
      startOn: '2026-11-24',
      plannedEndOn: '2027-06-01',
      members: [{ name: 'Tổ (thử)', role: 'công an' }],
      stages: [],
    }
    const refused = decideCommand(offlineCommands['plan.create'], stateFor(store, offlineCommands['plan.create'], planInput, 'pl1')!, planInput, 'pl1', ctx(99))
    expect(refused).toMatchObject({ rejected: true, code: 'determination_required' })
    go('determination.create', 'd2', { personId: PERSON, trigger: 'post_rehab_use', dossierOn: '2026-11-24', facility: 'TTYT (thử)' })
    go('determination.conclude', 'd2', { version: 1, resultOn: '2026-11-24', result: 'dependent', decision: { ...decision, date: '2026-11-24' } })
    go('methadone.start', 'mt1', { personId: PERSON, facility: 'Cơ sở methadone (thử)', startOn: '2026-11-24' })
    expect(status()).toBe('substitution_treatment')
    go('plan.create', 'pl1', planInput)
    expect(status()).toBe('in_rehab')
    expect(seen).toEqual(
      new Set(['under_management', 'awaiting_determination', 'awaiting_registration', 'compulsory_rehab', 'post_rehab', 'substitution_treatment', 'in_rehab']),
    )
  })

  it('a referral the court refuses ends the compulsory path: the dependence it answered is owed again', () => {
    const store = newStore()
    const status = () => (store.persons.get(PERSON) as PersonRecord).status
    const person = { fullName: 'Phan Văn Thử', birthDate: '1991-03-03', sex: 'male', citizenId: '079091000003', communeCode: '29999', category: 'dependent' }
    expect(run(store, 'person.create', PERSON, { ...person, addictionDeterminedOn: '2025-12-01', addictionDeterminedBy: 'TTYT (thử)' }, 1)).toBe(true)
    expect(status()).toBe('awaiting_registration')
    expect(run(store, 'referral.create', 'f1', { personId: PERSON, ground: 'not_registered_or_abandoned', dossierOn: '2026-11-02' }, 2)).toBe(true)
    expect(status()).toBe('compulsory_rehab')
    // Signed by anyone but a court, or before the dossier: refused.
    expect(run(store, 'referral.refuse', 'f1', { version: 1, decision: { ...court, signerRole: 'commune_chair' } }, 3)).toBe(false)
    expect(run(store, 'referral.refuse', 'f1', { version: 1, decision: { ...court, date: '2026-10-01' } }, 3)).toBe(false)
    expect(run(store, 'referral.refuse', 'f1', { version: 1, decision: { ...court, date: '2026-11-20' } }, 3)).toBe(true)
    expect(store.referrals.get('f1')).toMatchObject({ status: 'refused', courtDecision: { number: court.number, date: '2026-11-20' } })
    expect(status()).toBe('awaiting_registration')
    // Refused is final: no admission after it, and a new referral may be made.
    expect(run(store, 'referral.admit', 'f1', { version: 2, decision: court, facility: 'CSCN (thử)', admittedOn: TODAY }, 4)).toBe(false)
    expect(run(store, 'referral.create', 'f2', { personId: PERSON, ground: 'not_registered_or_abandoned', dossierOn: '2026-11-21' }, 5)).toBe(true)
    expect(status()).toBe('compulsory_rehab')
  })

  it('orders the rules: a referral over a plan over a determination over post-rehab', () => {
    const facts = (more: Partial<StatusFacts>): StatusFacts => ({ ...emptyFacts('dependent'), ...more })
    const referral = { id: 'f', status: 'referred' as const, dossierOn: '2026-01-01' }
    const plan = { id: 'p', status: 'active' as const, registeredOn: '2026-01-01' }
    const pending = { id: 'd', resultOn: null, result: null }
    const post = { id: 'r', status: 'active' as const, relapseOn: null }
    expect(deriveStatus(facts({ referrals: [referral], plans: [plan] }))).toBe('compulsory_rehab')
    expect(deriveStatus(facts({ plans: [plan], determinations: [pending] }))).toBe('in_rehab')
    expect(deriveStatus(facts({ determinations: [pending], postRehab: [post] }))).toBe('awaiting_determination')
    expect(deriveStatus(facts({ postRehab: [post] }))).toBe('post_rehab')
    // A terminated plan does not answer dependence: the person must register again (or be referred).
    expect(deriveStatus(facts({ plans: [{ ...plan, status: 'terminated' }] }))).toBe('awaiting_registration')
    expect(deriveStatus(facts({ plans: [{ ...plan, status: 'completed' }] }))).toBe('closed')
    expect(deriveStatus(facts({ plans: [{ ...plan, status: 'transferred' }] }))).toBe('transferred')
    expect(deriveStatus(emptyFacts('drug_user'))).toBe('under_management')
    expect(deriveStatus({ ...emptyFacts('drug_user'), managementPeriods: [{ id: 'm', status: 'ended' }] })).toBe('closed')
  })
})

describe('the registration deadline after a result of dependence', () => {
  const rules = { extraHolidays: [] as string[], workingHolidays: [] as string[] }
  it('counts 5 working days, skipping weekends and public holidays, and the province’s own days off', () => {
    // Friday 13 Feb 2026, then Tết (16–20 Feb): Mon 23 … Fri 27.
    expect(registrationDueOn('2026-02-13', rules)).toBe('2026-02-27')
    expect(registrationDueOn('2026-02-13', rules)).toBe(
      addWorkingDays('2026-02-13', 5, new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])),
    )
    // Thursday 27 Aug 2026: Fri 28, Mon 31, Tue 1, (Wed 2 Sep, National Day), Thu 3, Fri 4.
    expect(registrationDueOn('2026-08-27', rules)).toBe('2026-09-04')
    // The province's own day off, and a national holiday it works after all.
    expect(registrationDueOn('2026-08-27', { extraHolidays: ['2026-09-01'], workingHolidays: [] })).toBe('2026-09-07')
    expect(registrationDueOn('2026-02-13', { extraHolidays: [], workingHolidays: ['2026-02-16'] })).toBe('2026-02-26')
    // Friday 20 Nov 2026: Mon 23 … Fri 27.
    expect(registrationDueOn('2026-11-20', rules)).toBe('2026-11-27')
  })

  it('is due, then overdue (a ground for referral), until a plan, methadone or a referral answers it', () => {
    const determination = { resultOn: '2026-11-20', result: 'dependent', registrationDueOn: '2026-11-27' }
    const facts: StatusFacts = { ...emptyFacts('dependent'), determinations: [{ id: 'd', resultOn: '2026-11-20', result: 'dependent' }] }
    expect(registrationDeadline(facts, determination, '2026-11-27', rules)).toEqual({ dueOn: '2026-11-27', state: 'due', workingDaysOverdue: 0 })
    expect(registrationDeadline(facts, determination, '2026-12-01', rules)).toEqual({ dueOn: '2026-11-27', state: 'overdue', workingDaysOverdue: 2 })
    expect(referralGroundsOf(facts, '2026-12-01', '2026-11-27')).toEqual(['not_registered_or_abandoned'])
    const registered = { ...facts, plans: [{ id: 'p', status: 'draft' as const, registeredOn: '2026-11-25' }] }
    expect(registrationDeadline(registered, determination, '2026-12-01', rules)).toBeUndefined()
    const onMethadone = { ...facts, methadone: [{ id: 'm', status: 'active' as const, startOn: '2026-11-26', endReason: null }] }
    expect(registrationDeadline(onMethadone, determination, '2026-12-01', rules)).toBeUndefined()
    expect(
      referralGroundsOf({ ...onMethadone, methadone: [{ ...onMethadone.methadone[0]!, status: 'ended', endReason: 'expelled' }] }, '2026-11-27', undefined),
    ).toEqual(['left_substitution_treatment'])
  })
})
