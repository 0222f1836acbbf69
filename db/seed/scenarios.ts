// What happens to a generated person, one function per scenario. The final category follows: `user` →
// drug_user; `returned`, `completed` → post_rehab; the rest → dependent (a `relapsed` person completed a plan,
// then relapsed). Each function writes the person's story in the order its random draws were always made.
import { addDays, minDay, plusMonths } from './days.ts'
import { MEASURES, type DemoContext, type PersonStory } from './person-story.ts'

export const scenarios = ['user', 'returned', 'completed', 'no_plan', 'draft', 'active', 'suspended', 'terminated', 'transferred', 'relapsed'] as const
export type Scenario = (typeof scenarios)[number]

/** Roughly 35% drug users, 45% drug-dependent, 20% post-rehab; a quarter of everyone on an active plan. */
export const DEFAULT_SCENARIO_WEIGHTS: readonly (readonly [Scenario, number])[] = [
  ['user', 35],
  ['returned', 8],
  ['completed', 12],
  ['no_plan', 4],
  ['draft', 3],
  ['active', 24],
  ['suspended', 3],
  ['terminated', 6],
  ['transferred', 2],
  ['relapsed', 3],
]

type Tell = (story: PersonStory, ctx: DemoContext, scenario: Scenario) => void

/** A plan's length in months: mostly 6, 9 or 12. */
const planMonths = ({ rng }: DemoContext) =>
  rng.weighted([
    [6, 45],
    [9, 20],
    [12, 25],
    [rng.int(7, 11), 10],
  ] as const)

/** A drug user under a year of management by the commune, no plan. */
const underManagement: Tell = (story, { rng, today, stamp }) => {
  const { person } = story
  person.category = 'drug_user'
  // About a third of the periods end within the coming weeks: the home screen has endings to show.
  const endingSoon = rng.chance(0.35)
  const registered = endingSoon ? addDays(plusMonths(today, -12), rng.int(0, 20)) : addDays(today, -rng.int(0, 700))
  story.register(registered)
  const startOn = minDay(today, addDays(registered, endingSoon ? rng.int(1, 5) : rng.int(0, 10)))
  const endOn = plusMonths(startOn, 12)
  const ended = endOn <= today
  const at = stamp(startOn, story.lastChange)
  story.bundle.managementPeriods.push({
    id: rng.uuid(),
    personId: story.id,
    communeCode: story.commune,
    startOn,
    endOn,
    measures: rng.pick(MEASURES),
    status: ended ? 'ended' : 'active',
    endReason: ended ? 'period_elapsed' : null,
    version: ended ? 2 : 1,
    createdAt: at,
    createdBy: null,
    updatedAt: ended ? stamp(endOn, at) : at,
    updatedBy: null,
  })
  if (ended) {
    person.status = 'closed'
    story.change(story.bundle.managementPeriods[0]!.updatedAt!)
  } else person.status = 'under_management'
  if (rng.chance(0.1)) story.addSupport(startOn, today, 1)
}

/** Back from compulsory rehab: registered for post-rehab management on return, no community plan. */
const returnedFromCompulsoryRehab: Tell = (story, { rng, today }) => {
  story.person.category = 'post_rehab'
  story.person.status = 'post_rehab'
  const returned = addDays(today, -rng.int(0, 700))
  story.determine(returned, [380, 800])
  story.register(returned)
  story.addPostRehab(null, returned, false)
}

/** Determined addicted recently, no plan yet. */
const withoutPlan: Tell = (story, { rng, today }) => {
  const registered = addDays(today, -rng.int(0, 120))
  story.determine(registered, [0, 30])
  story.register(registered)
}

/** A plan registered in the last weeks, waiting for the chair's decision. */
const withDraftPlan: Tell = (story, ctx) => {
  const { rng, today } = ctx
  const registeredOn = addDays(today, -rng.int(0, 25))
  const personOn = addDays(registeredOn, -rng.int(0, 10))
  story.determine(personOn, [0, 20])
  story.register(personOn)
  story.addPlan({ registeredOn, startOn: null, months: planMonths(ctx) })
}

/** On a plan now, active or suspended; some active ones have overdue reviews. */
const onOpenPlan: Tell = (story, ctx, scenario) => {
  const { rng, today } = ctx
  const m = planMonths(ctx)
  const startOn = addDays(today, -rng.int(0, m * 30 - 12))
  const registeredOn = addDays(startOn, -rng.int(1, 14))
  const personOn = addDays(registeredOn, -rng.int(0, 14))
  story.determine(personOn, [0, 30])
  story.register(personOn)
  const openAs = scenario === 'suspended' ? 'suspended' : 'active'
  story.addPlan({ registeredOn, startOn, months: m, openAs, overdue: scenario === 'active' && rng.chance(0.15), suspension: rng.chance(0.08) })
  story.person.status = 'in_rehab'
}

/** A plan that was terminated (a quarter of them while still a draft) or transferred to another commune or province. */
const afterEndedPlan: Tell = (story, ctx, scenario) => {
  const { rng, today } = ctx
  const m = planMonths(ctx)
  const fromDraft = scenario === 'terminated' && rng.chance(0.25)
  const startOn = addDays(today, -rng.int(60, 700))
  const registeredOn = addDays(startOn, -rng.int(1, 14))
  const personOn = addDays(registeredOn, -rng.int(0, 14))
  story.determine(personOn, [0, 30])
  story.register(personOn)
  const latest = minDay(today, addDays(plusMonths(startOn, m), -10))
  const on = fromDraft ? minDay(today, addDays(registeredOn, rng.int(5, 40))) : ctx.randomDay(addDays(startOn, 30), latest)
  const reason =
    scenario === 'transferred'
      ? rng.pick(['moved_commune', 'moved_province'])
      : rng.weighted([
          ['drug_use', 35],
          ['non_compliance', 25],
          ['self_abandonment', 10],
          ['compulsory_rehab', 15],
          ['moved_away', 5],
          ['death', 3],
          ['other', 7],
        ] as const)
  const status = scenario === 'transferred' ? 'transferred' : 'terminated'
  story.addPlan({
    registeredOn,
    startOn: fromDraft ? null : startOn,
    months: m,
    ending: { status, on, reason: fromDraft ? 'other' : reason },
    suspension: rng.chance(0.05),
  })
  story.person.status = scenario === 'transferred' ? 'transferred' : !fromDraft && reason === 'compulsory_rehab' ? 'compulsory_rehab' : 'under_management'
  // Referred to compulsory rehab: the officer records the new status after the plan ends.
  if (story.person.status === 'compulsory_rehab') story.change(ctx.stamp(on, story.lastChange))
}

/** A completed plan and post-rehab management; `relapsed` ones relapsed, and half of those are on a new plan. */
const afterCompletedPlan: Tell = (story, ctx, scenario) => {
  const { rng, today } = ctx
  const m = planMonths(ctx)
  const earliest = scenario === 'relapsed' ? 60 : 0
  const startOn = addDays(today, -rng.int(m * 31 + 5 + earliest, Math.max(m * 31 + 5 + earliest, 720)))
  const registeredOn = addDays(startOn, -rng.int(1, 14))
  const personOn = addDays(registeredOn, -rng.int(0, 14))
  story.determine(personOn, [0, 30])
  story.register(personOn)
  const completedOn = minDay(today, addDays(plusMonths(startOn, m), rng.int(0, 5)))
  const { planId } = story.addPlan({ registeredOn, startOn, months: m, ending: { status: 'completed', on: completedOn }, suspension: rng.chance(0.08) })
  story.person.category = 'post_rehab'
  story.person.status = 'post_rehab'
  const relapseOn = story.addPostRehab(planId, completedOn, scenario === 'relapsed')
  if (relapseOn) registerAgainAfterRelapse(story, ctx, relapseOn)
}

function registerAgainAfterRelapse(story: PersonStory, ctx: DemoContext, relapseOn: string): void {
  const { rng, today } = ctx
  story.person.category = 'dependent'
  story.person.status = 'under_management'
  const registeredAgain = addDays(relapseOn, rng.int(7, 40))
  if (registeredAgain > today || !rng.chance(0.5)) return
  if (rng.chance(0.5)) {
    story.addPlan({ registeredOn: registeredAgain, startOn: null, months: planMonths(ctx) })
  } else {
    const again = minDay(today, addDays(registeredAgain, rng.int(1, 10)))
    story.addPlan({ registeredOn: registeredAgain, startOn: again, months: planMonths(ctx), openAs: 'active' })
    story.person.status = 'in_rehab'
  }
}

export const tellScenario: Readonly<Record<Scenario, Tell>> = {
  user: underManagement,
  returned: returnedFromCompulsoryRehab,
  no_plan: withoutPlan,
  draft: withDraftPlan,
  active: onOpenPlan,
  suspended: onOpenPlan,
  terminated: afterEndedPlan,
  transferred: afterEndedPlan,
  completed: afterCompletedPlan,
  relapsed: afterCompletedPlan,
}
