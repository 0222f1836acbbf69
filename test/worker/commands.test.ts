// One write, one command: every offline-capable command driven through its HTTP route and through POST /sync/push
// (docs/decisions/0022) on two identical cases, which must end with the same records and the same audit entries;
// and one refusal each, answered alike (the HTTP status and the sync status follow from the same rejection).
import { asc, eq, gt, inArray, max } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import {
  auditLog,
  communityActivities,
  communityActivityVersions,
  communityModelMembers,
  communityModels,
  communityModelSessions,
  compulsoryReferrals,
  determinations,
  followUps,
  handovers,
  managementPeriods,
  methadoneTreatments,
  monitoringRecords,
  persons,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportRecords,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { completionBody, decisionOn, finishStages } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// Synthetic people only: invented names, valid-format but fictitious citizen IDs.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let commune: string
/** A second commune of the officer's: where people move to. */
let commune2: string
let cookie: string
let seq = 0
const cccd = () => `079090${String(++seq).padStart(6, '0')}`
const uuid = () => crypto.randomUUID()

const call = (path: string, init: RequestInit = {}) =>
  t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBeLessThan(300)
  return body.data
}

/** One case's ids: two cases are compared with their ids replaced by these names. */
type Ids = Record<string, string>

const personBody = () => ({
  fullName: 'Hà Văn Lệnh',
  birthDate: '1990-05-01',
  sex: 'male',
  citizenId: cccd(),
  communeCode: commune,
  category: 'dependent',
  addictionDeterminedOn: '2026-09-01',
  addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
})
const planBody = () => ({
  form: 'family',
  registeredOn: '2026-03-20',
  startOn: '2026-04-01',
  plannedEndOn: '2026-10-01',
  members: [{ name: 'Tổ công tác (thử)', role: 'công an xã' }],
  stages: [],
})
/** After the plan's three required stages are done (version 5); this province opens post-rehab after voluntary rehab. */
const completion = (postRehabId: string) => completionBody(5, '2026-11-20', { postRehabId })

// Preconditions, made through the API the same way for both cases.
async function person(ids: Ids) {
  ids.person = uuid()
  ids.citizenId = cccd()
  await ok(call('/persons', jsonBody('POST', { id: ids.person, ...personBody(), citizenId: ids.citizenId })))
}
async function plan(ids: Ids, active: boolean) {
  await person(ids)
  ids.plan = uuid()
  await ok(call(`/persons/${ids.person}/plans`, jsonBody('POST', { id: ids.plan, ...planBody() })))
  if (active) await ok(call(`/plans/${ids.plan}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-04-01') })))
}
/** An active plan whose required stages are done: ready to complete (version 5). */
async function readyPlan(ids: Ids) {
  await plan(ids, true)
  await finishStages(call, ids.plan!, 2)
}
async function postRehab(ids: Ids) {
  await readyPlan(ids)
  ids.postRehab = uuid()
  await ok(call(`/plans/${ids.plan}/complete`, jsonBody('POST', completion(ids.postRehab))))
}

// Law 120/2025 (decision 0029): the commune police chief's order of electronic monitoring, and a move.
const order = (date = '2026-11-18') => ({
  number: '05/QĐ-CAX (thử)',
  date,
  signer: 'Trưởng Công an xã (thử)',
  signerRole: 'commune_police_chief',
  body: 'Công an xã (thử)',
})
const move = () => ({ toCommuneCode: commune2, movedOn: '2026-11-20', note: 'Chuyển đến ở với gia đình (thử)' })
async function handover(ids: Ids) {
  await plan(ids, true)
  ids.handover = uuid()
  await ok(call(`/persons/${ids.person}/handovers`, jsonBody('POST', { id: ids.handover, ...move() })))
}
async function monitoring(ids: Ids) {
  await plan(ids, true)
  ids.monitoring = uuid()
  await ok(
    call(`/persons/${ids.person}/monitoring`, jsonBody('POST', { id: ids.monitoring, context: 'community_rehab', startOn: '2026-11-19', decision: order() })),
  )
}

// The activity log and community models (decision 0033): records of a commune, made the same way for both cases.
const activityBody = () => ({
  communeCode: commune,
  kind: 'awareness_session',
  heldOn: '2026-11-10',
  organiser: 'womens_union',
  count: 2,
  participants: 85,
  topic: 'Luật Phòng, chống ma túy (thử)',
})
const modelBody = () => ({
  communeCode: commune,
  kind: 'b93_club',
  name: 'CLB B93 (thử)',
  decision: { number: '12/QĐ-UBND', date: '2026-01-15', signer: 'Chủ tịch UBND xã (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
  helpers: [{ name: 'Cán bộ A (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
})
async function activity(ids: Ids) {
  ids.activity = uuid()
  await ok(call('/activities', jsonBody('POST', { id: ids.activity, ...activityBody() })))
}
async function model(ids: Ids) {
  ids.model = uuid()
  await ok(call('/models', jsonBody('POST', { id: ids.model, ...modelBody() })))
}
async function member(ids: Ids) {
  await person(ids)
  await model(ids)
  ids.member = uuid()
  await ok(call(`/models/${ids.model}/members`, jsonBody('POST', { id: ids.member, personId: ids.person, joinedOn: '2026-02-01' })))
}

const decision = (date = '2026-11-10', signerRole = 'commune_chair') => ({
  number: '15/QĐ-UBND (thử)',
  date,
  signer: 'Chủ tịch UBND xã (thử)',
  signerRole,
  body: 'UBND xã (thử)',
})
async function drugUser(ids: Ids) {
  ids.person = uuid()
  ids.citizenId = cccd()
  const { addictionDeterminedOn: _on, addictionDeterminedBy: _by, ...body } = personBody()
  await ok(call('/persons', jsonBody('POST', { id: ids.person, ...body, category: 'drug_user', citizenId: ids.citizenId })))
}
const periodBody = () => ({ startOn: '2026-01-15', measures: 'Quản lý tại địa bàn (thử)', decision: decision('2026-01-15') })
async function period(ids: Ids) {
  await drugUser(ids)
  ids.period = uuid()
  await ok(call(`/persons/${ids.person}/management-periods`, jsonBody('POST', { id: ids.period, ...periodBody() })))
}
const determinationBody = () => ({ trigger: 'caught_again_while_managed', dossierOn: '2026-11-02', facility: 'Trung tâm Y tế (thử)' })
async function determination(ids: Ids) {
  await period(ids)
  ids.determination = uuid()
  await ok(call(`/persons/${ids.person}/determinations`, jsonBody('POST', { id: ids.determination, ...determinationBody() })))
}
const conclusion = () => ({ version: 1, resultOn: '2026-11-20', result: 'dependent', decision: decision('2026-11-20', 'health_facility') })
const referralBody = () => ({ ground: 'not_registered_or_abandoned', dossierOn: '2026-11-20', submittedOn: '2026-11-21' })
async function referral(ids: Ids, admitted: boolean) {
  await person(ids)
  ids.referral = uuid()
  await ok(call(`/persons/${ids.person}/referrals`, jsonBody('POST', { id: ids.referral, ...referralBody() })))
  if (admitted) await ok(call(`/referrals/${ids.referral}/admission`, jsonBody('POST', admission())))
}
const admission = () => ({ version: 1, decision: decision('2026-11-22', 'court'), facility: 'Cơ sở cai nghiện (thử)', admittedOn: '2026-11-22' })
const returning = (postRehabId: string) => ({
  version: 2,
  returnedOn: '2026-11-24',
  postRehabId,
  decision: decision('2026-11-24'),
  supportModel: 'b93_club',
  supporterName: 'Tổ hỗ trợ (thử)',
})
async function methadone(ids: Ids) {
  await person(ids)
  ids.methadone = uuid()
  await ok(call(`/persons/${ids.person}/methadone`, jsonBody('POST', { id: ids.methadone, facility: 'Cơ sở methadone (thử)', startOn: '2026-11-01' })))
}

interface Write {
  setup(ids: Ids): Promise<void>
  /** The change: its sync type, entityId and data; `http` the same change as its route takes it. */
  change(ids: Ids): { type: string; entityId: string; data: Record<string, unknown> }
  http(ids: Ids): { path: string; method: string; body: Record<string, unknown> }
  /** The HTTP answer's part that is the sync change's `record`. */
  record?(data: Record<string, unknown>): unknown
  /** A change of the same write that is refused. */
  refused(ids: Ids): { data: Record<string, unknown>; entityId?: string }
}

/** One citizen ID per run of a write, made on first use. */
function citizenIdOf(ids: Ids): string {
  ids.citizenId ??= cccd()
  return ids.citizenId
}

const WRITES: Record<string, Write> = {
  'management_period.create': {
    setup: async (ids) => {
      await drugUser(ids)
      ids.period = uuid()
    },
    change: (ids) => ({ type: 'management_period.create', entityId: ids.period!, data: { personId: ids.person, ...periodBody() } }),
    http: (ids) => ({ path: `/persons/${ids.person}/management-periods`, method: 'POST', body: { id: ids.period, ...periodBody() } }),
    refused: (ids) => ({ data: { personId: ids.person, ...periodBody(), decision: { ...decision(), number: '' } } }),
  },
  'management_period.end': {
    setup: period,
    change: (ids) => ({
      type: 'management_period.end',
      entityId: ids.period!,
      data: { version: 1, endedOn: '2026-11-23', reason: 'prison', decision: decision('2026-11-23') },
    }),
    http: (ids) => ({
      path: `/management-periods/${ids.period}/end`,
      method: 'POST',
      body: { version: 1, endedOn: '2026-11-23', reason: 'prison', decision: decision('2026-11-23') },
    }),
    refused: () => ({ data: { version: 1, endedOn: '2026-11-23', reason: 'period_elapsed', decision: decision('2026-11-23') } }),
  },
  'determination.create': {
    setup: async (ids) => {
      await period(ids)
      ids.determination = uuid()
    },
    change: (ids) => ({ type: 'determination.create', entityId: ids.determination!, data: { personId: ids.person, ...determinationBody() } }),
    http: (ids) => ({ path: `/persons/${ids.person}/determinations`, method: 'POST', body: { id: ids.determination, ...determinationBody() } }),
    refused: (ids) => ({ data: { personId: ids.person, ...determinationBody(), dossierOn: '2099-01-01' } }),
  },
  'determination.conclude': {
    setup: determination,
    change: (ids) => ({ type: 'determination.conclude', entityId: ids.determination!, data: conclusion() }),
    http: (ids) => ({ path: `/determinations/${ids.determination}/result`, method: 'POST', body: conclusion() }),
    refused: () => ({ data: { ...conclusion(), resultOn: '2026-10-01' } }),
  },
  'referral.create': {
    setup: async (ids) => {
      await person(ids)
      ids.referral = uuid()
    },
    change: (ids) => ({ type: 'referral.create', entityId: ids.referral!, data: { personId: ids.person, ...referralBody() } }),
    http: (ids) => ({ path: `/persons/${ids.person}/referrals`, method: 'POST', body: { id: ids.referral, ...referralBody() } }),
    refused: (ids) => ({ data: { personId: ids.person, ...referralBody(), submittedOn: '2026-11-01' } }),
  },
  'referral.admit': {
    setup: (ids) => referral(ids, false),
    change: (ids) => ({ type: 'referral.admit', entityId: ids.referral!, data: admission() }),
    http: (ids) => ({ path: `/referrals/${ids.referral}/admission`, method: 'POST', body: admission() }),
    refused: () => ({ data: { ...admission(), decision: decision('2026-11-22') } }),
  },
  'referral.return': {
    setup: async (ids) => {
      await referral(ids, true)
      ids.postRehab = uuid()
    },
    change: (ids) => ({ type: 'referral.return', entityId: ids.referral!, data: returning(ids.postRehab!) }),
    http: (ids) => ({ path: `/referrals/${ids.referral}/return`, method: 'POST', body: returning(ids.postRehab!) }),
    refused: (ids) => ({ data: { ...returning(ids.postRehab!), returnedOn: '2026-11-21' } }),
  },
  'methadone.start': {
    setup: async (ids) => {
      await person(ids)
      ids.methadone = uuid()
    },
    change: (ids) => ({
      type: 'methadone.start',
      entityId: ids.methadone!,
      data: { personId: ids.person, facility: 'Cơ sở methadone (thử)', startOn: '2026-11-01' },
    }),
    http: (ids) => ({
      path: `/persons/${ids.person}/methadone`,
      method: 'POST',
      body: { id: ids.methadone, facility: 'Cơ sở methadone (thử)', startOn: '2026-11-01' },
    }),
    refused: (ids) => ({ data: { personId: ids.person, facility: 'Cơ sở methadone (thử)', startOn: '2099-11-01' } }),
  },
  'methadone.end': {
    setup: methadone,
    change: (ids) => ({ type: 'methadone.end', entityId: ids.methadone!, data: { version: 1, endOn: '2026-11-23', reason: 'left' } }),
    http: (ids) => ({ path: `/methadone/${ids.methadone}/end`, method: 'POST', body: { version: 1, endOn: '2026-11-23', reason: 'left' } }),
    refused: () => ({ data: { version: 1, endOn: '2026-10-01', reason: 'left' } }),
  },
  'person.create': {
    setup: async (ids) => {
      ids.person = uuid()
    },
    change: (ids) => ({ type: 'person.create', entityId: ids.person!, data: { ...personBody(), citizenId: citizenIdOf(ids) } }),
    http: (ids) => ({ path: '/persons', method: 'POST', body: { id: ids.person, ...personBody(), citizenId: citizenIdOf(ids) } }),
    refused: () => ({ data: { ...personBody(), communeCode: '99999' } }),
  },
  'person.update': {
    setup: person,
    change: (ids) => ({ type: 'person.update', entityId: ids.person!, data: { version: 1, notes: 'Đã gặp tại nhà', phone: '0912345678' } }),
    http: (ids) => ({ path: `/persons/${ids.person}`, method: 'PATCH', body: { version: 1, notes: 'Đã gặp tại nhà', phone: '0912345678' } }),
    refused: () => ({ data: { version: 7, notes: 'dựa trên phiên bản không có' } }),
  },
  'plan.create': {
    setup: async (ids) => {
      await person(ids)
      ids.plan = uuid()
    },
    change: (ids) => ({ type: 'plan.create', entityId: ids.plan!, data: { personId: ids.person, ...planBody() } }),
    http: (ids) => ({ path: `/persons/${ids.person}/plans`, method: 'POST', body: { id: ids.plan, ...planBody() } }),
    refused: (ids) => ({ data: { personId: ids.person, ...planBody(), plannedEndOn: '2026-06-15' } }),
  },
  'plan.transition': {
    setup: (ids) => plan(ids, false),
    change: (ids) => ({ type: 'plan.transition', entityId: ids.plan!, data: { to: 'active', version: 1, decision: decisionOn('2026-04-01') } }),
    http: (ids) => ({ path: `/plans/${ids.plan}/transitions`, method: 'POST', body: { to: 'active', version: 1, decision: decisionOn('2026-04-01') } }),
    // The start rests on the chair's decision: without its number, 400 naming json.decision.number.
    refused: () => ({ data: { to: 'active', version: 1, decision: { ...decisionOn('2026-04-01'), number: '' } } }),
  },
  'plan.stage_update': {
    setup: (ids) => plan(ids, true),
    change: (ids) => ({
      type: 'plan.stage_update',
      entityId: ids.plan!,
      data: { version: 2, stage: 'intake_classification', actualStartOn: '2026-04-01', actualEndOn: '2026-04-20', done: true, activities: ['Khám (thử)'] },
    }),
    http: (ids) => ({
      path: `/plans/${ids.plan}/stages`,
      method: 'POST',
      body: { version: 2, stage: 'intake_classification', actualStartOn: '2026-04-01', actualEndOn: '2026-04-20', done: true, activities: ['Khám (thử)'] },
    }),
    // Done needs the actual end.
    refused: () => ({ data: { version: 2, stage: 'detox_treatment', done: true } }),
  },
  'plan.complete': {
    setup: async (ids) => {
      await readyPlan(ids)
      ids.postRehab = uuid()
    },
    change: (ids) => ({ type: 'plan.complete', entityId: ids.plan!, data: completion(ids.postRehab!) }),
    http: (ids) => ({ path: `/plans/${ids.plan}/complete`, method: 'POST', body: completion(ids.postRehab!) }),
    record: (data) => data.plan,
    // Before 6 months from the start decision (2026-04-01): 409 completion_too_early with the earliest day.
    refused: (ids) => ({ data: completionBody(5, '2026-09-30', { postRehabId: ids.postRehab }) }),
  },
  'review.create': {
    setup: async (ids) => {
      await plan(ids, true)
      ids.review = uuid()
    },
    change: (ids) => ({
      type: 'review.create',
      entityId: ids.review!,
      data: { personId: ids.person, reviewedOn: '2026-11-21', attended: true, drugTest: 'positive', substance: 'methamphetamine', riskLevel: 'high' },
    }),
    http: (ids) => ({
      path: `/persons/${ids.person}/reviews`,
      method: 'POST',
      body: { id: ids.review, reviewedOn: '2026-11-21', attended: true, drugTest: 'positive', substance: 'methamphetamine', riskLevel: 'high' },
    }),
    refused: (ids) => ({ data: { personId: ids.person, reviewedOn: '2026-11-25', attended: true, drugTest: 'negative', riskLevel: 'low' } }),
  },
  'follow_up.create': {
    setup: async (ids) => {
      await postRehab(ids)
      ids.followUp = uuid()
    },
    change: (ids) => ({
      type: 'follow_up.create',
      entityId: ids.followUp!,
      data: { postRehabId: ids.postRehab, contactedOn: '2026-11-22', method: 'visit', notes: 'Ổn định (thử)' },
    }),
    http: (ids) => ({
      path: `/post-rehab/${ids.postRehab}/follow-ups`,
      method: 'POST',
      body: { id: ids.followUp, contactedOn: '2026-11-22', method: 'visit', notes: 'Ổn định (thử)' },
    }),
    refused: (ids) => ({ data: { postRehabId: ids.postRehab, contactedOn: '2026-11-19', method: 'phone' } }),
  },
  'post_rehab.relapse': {
    setup: postRehab,
    change: (ids) => ({ type: 'post_rehab.relapse', entityId: ids.postRehab!, data: { version: 1, relapseOn: '2026-11-23', note: 'Dương tính (thử)' } }),
    http: (ids) => ({ path: `/post-rehab/${ids.postRehab}/relapse`, method: 'POST', body: { version: 1, relapseOn: '2026-11-23', note: 'Dương tính (thử)' } }),
    refused: () => ({ data: { version: 1, relapseOn: '2026-11-19' } }),
  },
  'support.create': {
    setup: async (ids) => {
      await person(ids)
      ids.support = uuid()
    },
    change: (ids) => ({
      type: 'support.create',
      entityId: ids.support!,
      data: { personId: ids.person, kind: 'preferential_loan', givenOn: '2026-11-21', amountVnd: 20_000_000, note: 'Vay vốn (thử)' },
    }),
    http: (ids) => ({
      path: `/persons/${ids.person}/support`,
      method: 'POST',
      body: { id: ids.support, kind: 'preferential_loan', givenOn: '2026-11-21', amountVnd: 20_000_000, note: 'Vay vốn (thử)' },
    }),
    refused: (ids) => ({ data: { personId: ids.person, kind: 'preferential_loan', givenOn: '2026-11-21' } }),
  },
  'handover.create': {
    setup: async (ids) => {
      await plan(ids, true)
      ids.handover = uuid()
    },
    change: (ids) => ({ type: 'handover.create', entityId: ids.handover!, data: { personId: ids.person, ...move() } }),
    http: (ids) => ({ path: `/persons/${ids.person}/handovers`, method: 'POST', body: { id: ids.handover, ...move() } }),
    refused: (ids) => ({ data: { personId: ids.person, ...move(), toCommuneCode: commune } }),
  },
  'handover.accept': {
    setup: handover,
    change: (ids) => ({ type: 'handover.accept', entityId: ids.handover!, data: { version: 1 } }),
    http: (ids) => ({ path: `/handovers/${ids.handover}/accept`, method: 'POST', body: { version: 1 } }),
    refused: () => ({ data: { version: 7 } }),
  },
  'handover.decline': {
    setup: handover,
    change: (ids) => ({ type: 'handover.decline', entityId: ids.handover!, data: { version: 1, reason: 'Không cư trú tại địa chỉ này (thử)' } }),
    http: (ids) => ({ path: `/handovers/${ids.handover}/decline`, method: 'POST', body: { version: 1, reason: 'Không cư trú tại địa chỉ này (thử)' } }),
    refused: () => ({ data: { version: 1 } }),
  },
  'monitoring.create': {
    setup: async (ids) => {
      await plan(ids, true)
      ids.monitoring = uuid()
    },
    change: (ids) => ({
      type: 'monitoring.create',
      entityId: ids.monitoring!,
      data: { personId: ids.person, context: 'community_rehab', startOn: '2026-11-19', decision: order() },
    }),
    http: (ids) => ({
      path: `/persons/${ids.person}/monitoring`,
      method: 'POST',
      body: { id: ids.monitoring, context: 'community_rehab', startOn: '2026-11-19', decision: order() },
    }),
    // Dated before Law 120/2025 came into force: 409 law_not_in_force.
    refused: (ids) => ({ data: { personId: ids.person, context: 'community_rehab', startOn: '2026-11-19', decision: order('2026-06-30') } }),
  },
  'monitoring.end': {
    setup: monitoring,
    change: (ids) => ({ type: 'monitoring.end', entityId: ids.monitoring!, data: { version: 1, endOn: '2026-11-22', decision: order('2026-11-22') } }),
    http: (ids) => ({ path: `/monitoring/${ids.monitoring}/end`, method: 'POST', body: { version: 1, endOn: '2026-11-22', decision: order('2026-11-22') } }),
    refused: () => ({ data: { version: 1, endOn: '2026-11-22', decision: { ...order('2026-11-22'), signerRole: 'commune_chair' } } }),
  },
  'activity.create': {
    setup: async (ids) => {
      ids.activity = uuid()
    },
    change: (ids) => ({ type: 'activity.create', entityId: ids.activity!, data: activityBody() }),
    http: (ids) => ({ path: '/activities', method: 'POST', body: { id: ids.activity, ...activityBody() } }),
    // A tip is a count, never who gave it: no topic line on tips.
    refused: () => ({ data: { ...activityBody(), kind: 'public_tips', participants: null, count: 3, casesOpened: 1, topic: 'người báo tin' } }),
  },
  'activity.update': {
    setup: activity,
    change: (ids) => ({ type: 'activity.update', entityId: ids.activity!, data: { version: 1, participants: 90 } }),
    http: (ids) => ({ path: `/activities/${ids.activity}`, method: 'PATCH', body: { version: 1, participants: 90 } }),
    refused: () => ({ data: { version: 7, participants: 91 } }),
  },
  'model.create': {
    setup: async (ids) => {
      ids.model = uuid()
    },
    change: (ids) => ({ type: 'model.create', entityId: ids.model!, data: modelBody() }),
    http: (ids) => ({ path: '/models', method: 'POST', body: { id: ids.model, ...modelBody() } }),
    refused: () => ({ data: { ...modelBody(), decision: { ...modelBody().decision, date: '2099-01-01' } } }),
  },
  'model.update': {
    setup: model,
    change: (ids) => ({ type: 'model.update', entityId: ids.model!, data: { version: 1, status: 'dissolved', dissolvedOn: '2026-11-01' } }),
    http: (ids) => ({ path: `/models/${ids.model}`, method: 'PATCH', body: { version: 1, status: 'dissolved', dissolvedOn: '2026-11-01' } }),
    refused: () => ({ data: { version: 1, status: 'dissolved' } }),
  },
  'model.member_add': {
    setup: async (ids) => {
      await person(ids)
      await model(ids)
      ids.member = uuid()
    },
    change: (ids) => ({ type: 'model.member_add', entityId: ids.member!, data: { modelId: ids.model, personId: ids.person, joinedOn: '2026-03-01' } }),
    http: (ids) => ({ path: `/models/${ids.model}/members`, method: 'POST', body: { id: ids.member, personId: ids.person, joinedOn: '2026-03-01' } }),
    refused: (ids) => ({ data: { modelId: ids.model, personId: ids.person, joinedOn: '2099-03-01' } }),
  },
  'model.member_remove': {
    setup: member,
    change: (ids) => ({ type: 'model.member_remove', entityId: ids.member!, data: { version: 1, leftOn: '2026-10-01' } }),
    http: (ids) => ({ path: `/model-members/${ids.member}/leave`, method: 'POST', body: { version: 1, leftOn: '2026-10-01' } }),
    refused: () => ({ data: { version: 1, leftOn: '2026-01-01' } }),
  },
  'model_session.create': {
    setup: async (ids) => {
      await model(ids)
      ids.session = uuid()
    },
    change: (ids) => ({
      type: 'model_session.create',
      entityId: ids.session!,
      data: { modelId: ids.model, heldOn: '2026-11-05', attendance: 7, topic: 'Sinh hoạt định kỳ (thử)' },
    }),
    http: (ids) => ({
      path: `/models/${ids.model}/sessions`,
      method: 'POST',
      body: { id: ids.session, heldOn: '2026-11-05', attendance: 7, topic: 'Sinh hoạt định kỳ (thử)' },
    }),
    // Clients new and returning are a counselling point's figures, not a club's.
    refused: (ids) => ({ data: { modelId: ids.model, heldOn: '2026-11-05', attendance: 7, clientsNew: 2 } }),
  },
}

/** `value` with every id of the case replaced by its name, so that two cases compare equal. */
function named(value: unknown, ids: Ids): unknown {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, `<${name}>`]))
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? (names.get(v) ?? v) : v))
}

/** Everything held about the case's person, as stored. */
async function records(ids: Ids) {
  // A write of the activity log or of a model has no person: nothing matches the empty id.
  const personId = ids.person ?? ''
  const plans = await db.select().from(rehabPlans).where(eq(rehabPlans.personId, personId))
  const planIds = plans.map((p) => p.id)
  return named(
    {
      persons: await db.select().from(persons).where(eq(persons.id, personId)),
      plans,
      transitions: planIds.length
        ? (await db.select().from(planTransitions).where(inArray(planTransitions.planId, planIds)).orderBy(asc(planTransitions.id))).map(
            ({ id: _id, ...tr }) => tr,
          )
        : [],
      reviews: await db.select().from(reviews).where(eq(reviews.personId, personId)),
      postRehab: await db.select().from(postRehabRecords).where(eq(postRehabRecords.personId, personId)),
      followUps: await db.select().from(followUps).where(eq(followUps.personId, personId)),
      support: await db.select().from(supportRecords).where(eq(supportRecords.personId, personId)),
      // The subject is JSON holding the citizen ID, which differs between the two cases: compared as an object.
      handovers: (await db.select().from(handovers).where(eq(handovers.personId, personId))).map((h) => ({ ...h, subject: JSON.parse(h.subject) })),
      monitoring: await db.select().from(monitoringRecords).where(eq(monitoringRecords.personId, personId)),
      activities: await db
        .select()
        .from(communityActivities)
        .where(eq(communityActivities.id, ids.activity ?? '')),
      activityVersions: (
        await db
          .select()
          .from(communityActivityVersions)
          .where(eq(communityActivityVersions.activityId, ids.activity ?? ''))
      ).map(({ replacedAt: _at, ...version }) => ({ ...version, record: JSON.parse(version.record) })),
      models: await db
        .select()
        .from(communityModels)
        .where(eq(communityModels.id, ids.model ?? '')),
      members: await db
        .select()
        .from(communityModelMembers)
        .where(eq(communityModelMembers.modelId, ids.model ?? '')),
      sessions: await db
        .select()
        .from(communityModelSessions)
        .where(eq(communityModelSessions.modelId, ids.model ?? '')),
      managementPeriods: await db.select().from(managementPeriods).where(eq(managementPeriods.personId, personId)),
      determinations: await db.select().from(determinations).where(eq(determinations.personId, personId)),
      referrals: await db.select().from(compulsoryReferrals).where(eq(compulsoryReferrals.personId, personId)),
      methadone: await db.select().from(methadoneTreatments).where(eq(methadoneTreatments.personId, personId)),
    },
    ids,
  )
}

async function lastSeq() {
  return (await db.select({ seq: max(auditLog.seq) }).from(auditLog))[0]?.seq ?? 0
}
/** The audit entries written since `seq`, without the push's own entry, as comparable facts. */
async function auditSince(since: number, ids: Ids) {
  const entries = await db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
  return named(
    entries
      .filter((e) => e.action !== 'sync.push')
      .map((e) => ({
        at: e.at,
        actorId: e.actorId,
        actorRole: e.actorRole,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        outcome: e.outcome,
        clientHash: e.clientHash,
        details: e.details === null ? null : JSON.parse(e.details),
      })),
    ids,
  )
}

async function viaHttp(write: Write, ids: Ids) {
  const { path, method, body } = write.http(ids)
  const res = await call(path, jsonBody(method, body))
  return { status: res.status, body: await res.json() }
}
async function viaSync(change: { type: string; entityId: string; data: Record<string, unknown> }) {
  const res = await call('/sync/push', jsonBody('POST', { deviceId: '11111111-1111-4111-8111-111111111111', changes: [{ key: uuid(), ...change }] }))
  expect(res.status).toBe(200)
  return (await res.json()).data.results[0]
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const two = await db.query.communes.findMany({ orderBy: (c, { asc: a }) => a(c.code), limit: 2 })
  commune = two[0]!.code
  commune2 = two[1]!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'cmd-commune', role: 'commune_officer', province: '82', communes: [commune, commune2] }),
  )
  // This province opens post-rehab management after voluntary rehab (not the law's default): completions here
  // make the post-rehab records the follow-up and relapse writes act on.
  const admin = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'cmd-admin', role: 'province_admin', province: '82' }),
  )
  const res = await t.request('/api/p/82/settings', {
    ...jsonBody('PUT', { caseRules: { postRehabAfterVoluntary: true } }),
    headers: { ...jsonBody('PUT', {}).headers, cookie: admin },
  })
  expect(res.status).toBe(200)
})
afterAll(() => platform.cleanup())

describe('every write is one command, whether it comes through its route or through a sync push', () => {
  it.each(Object.keys(WRITES))('%s makes the same records and audit entries both ways', async (type) => {
    const write = WRITES[type]!
    const online: Ids = {}
    const offline: Ids = {}
    await write.setup(online)
    await write.setup(offline)
    // The citizen ID differs between the two cases (it is unique in the province): compared by name too.
    for (const ids of [online, offline]) ids.citizenId ??= cccd()

    const beforeHttp = await lastSeq()
    const http = await viaHttp(write, online)
    expect(http.status, JSON.stringify(http.body)).toBe(/\.(create|member_add)$/.test(type) || type === 'methadone.start' ? 201 : 200)
    const httpAudit = await auditSince(beforeHttp, online)

    const beforeSync = await lastSeq()
    const pushed = await viaSync(write.change(offline))
    expect(pushed.status, JSON.stringify(pushed)).toBe('applied')
    const syncAudit = await auditSince(beforeSync, offline)

    expect(named(pushed.record, offline)).toEqual(named(write.record ? write.record(http.body.data) : http.body.data, online))
    expect(await records(offline)).toEqual(await records(online))
    expect(syncAudit).toEqual(httpAudit)
    expect(httpAudit).toHaveLength(1)
  })

  it.each(Object.keys(WRITES))('%s refuses alike both ways, and writes nothing', async (type) => {
    const write = WRITES[type]!
    const ids: Ids = {}
    await write.setup(ids)
    ids.citizenId ??= cccd()
    const { data, entityId } = write.refused(ids)
    const change = { ...write.change(ids), data, ...(entityId ? { entityId } : {}) }
    const before = await records(ids)
    const since = await lastSeq()
    // The same data as the route takes it: the parent's id is in the path.
    const { path, method } = write.http(ids)
    const { personId: _personId, postRehabId: _postRehabId, modelId: _modelId, ...rest } = data
    // A member's person is in the body, not the path.
    const body = type === 'model.member_add' ? { ...rest, personId: data.personId } : rest
    const res = await call(path, jsonBody(method, type === 'plan.complete' ? data : body))
    const error = (await res.json()).error
    const pushed = await viaSync(change)
    const expected = { 400: 'invalid', 404: 'not_found', 403: 'forbidden' }[res.status as 400 | 404 | 403] ?? (error.details?.current ? 'conflict' : 'invalid')
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(pushed.status).toBe(expected)
    expect(pushed.error.code).toBe(error.code)
    expect(pushed.error.message).toBe(error.message)
    if (expected === 'conflict') expect(pushed.record).toEqual(error.details.current)
    else expect(pushed.error.details).toEqual(error.details)
    expect(await auditSince(since, ids)).toEqual([])
    expect(await records(ids)).toEqual(before)
  })

  it('refuses a completion too early and with stages left in one 409 naming both, through the route and a sync push alike', async () => {
    const ids: Ids = {}
    await plan(ids, true)
    const body = completionBody(2, '2026-09-30')
    const res = await call(`/plans/${ids.plan}/complete`, jsonBody('POST', body))
    expect(res.status).toBe(409)
    const { error } = await res.json()
    expect(error).toMatchObject({
      code: 'completion_too_early',
      details: {
        unmet: ['completion_too_early', 'stages_incomplete'],
        earliestOn: '2026-10-01',
        missing: ['intake_classification', 'detox_treatment', 'education_counselling'],
      },
    })
    const pushed = await viaSync({ type: 'plan.complete', entityId: ids.plan!, data: body })
    expect(pushed).toMatchObject({ status: 'invalid', error: { code: 'completion_too_early', details: error.details } })
    // Only the stages left: its own code.
    const late = await call(`/plans/${ids.plan}/complete`, jsonBody('POST', completionBody(2, '2026-11-20')))
    expect(late.status).toBe(409)
    expect((await late.json()).error).toMatchObject({ code: 'stages_incomplete', details: { unmet: ['stages_incomplete'] } })
    expect(await ok<{ status: string; version: number }>(call(`/plans/${ids.plan}`))).toMatchObject({ status: 'active', version: 2 })
  })
})
