// The authorization matrix, generated from the app's own route table: every route × every role ×
// (own commune, another commune of the same province, another province) → the expected status.
// Expected outcomes are re-stated here from README "Roles and access", independently of worker/policy.ts,
// so a drift between the documented matrix and the code fails this test. A route without a policy or
// without a fixture below fails it too.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenants, type Role } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { certificationFlags, communeAssessments, drugFreePeriods, imports, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { assessmentCreate } from '../../kernel/commands/assessment-prepare.ts'
import { assessmentSubmit } from '../../kernel/commands/assessment-review.ts'
import { criteriaConfirm } from '../../kernel/commands/criteria-confirm.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { listCriteriaSets } from '../../worker/repo/certification-records.ts'
import type { RoutePolicy } from '../../worker/middleware/auth.ts'
import { handoverCreate } from '../../kernel/commands/handover-create.ts'
import { monitoringCreate } from '../../kernel/commands/monitoring.ts'
import { determinationCreate } from '../../kernel/commands/determination-create.ts'
import { managementPeriodCreate } from '../../kernel/commands/management-period-create.ts'
import { methadoneStart } from '../../kernel/commands/methadone-start.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import { planComplete } from '../../kernel/commands/plan-complete.ts'
import { planCreate } from '../../kernel/commands/plan-create.ts'
import { planStageUpdate } from '../../kernel/commands/plan-stage-update.ts'
import { planTransition } from '../../kernel/commands/plan-transition.ts'
import { activityCreate } from '../../kernel/commands/activity-create.ts'
import { modelCreate } from '../../kernel/commands/model-create.ts'
import { modelMemberAdd } from '../../kernel/commands/model-member-add.ts'
import { referralAdmit } from '../../kernel/commands/referral-admit.ts'
import { referralCreate } from '../../kernel/commands/referral-create.ts'
import type { PlanView, PostRehabRecord } from '../../kernel/records.ts'
import { runAsSystem } from '../helpers/commands.ts'
import { JPEG, sha256 } from '../helpers/evidence-files.ts'
import { announceAttachment, receivePart } from '../../worker/services/attachments.ts'
import { completionBody, decisionOn, REQUIRED, setCaseRules } from '../helpers/plans.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor, TEST_PASSWORD } from '../helpers/users.ts'

const ROLES: Role[] = ['central_admin', 'central_viewer', 'province_admin', 'province_officer', 'commune_officer', 'province_reviewer']
const SCOPES = ['own_commune', 'other_commune', 'other_province'] as const
type Scope = (typeof SCOPES)[number]

/** README "Roles and access", as data. */
const DOCUMENTED: Record<string, Role[]> = {
  'province:list': ROLES,
  'commune:list': ROLES,
  'tenant:health': ['central_admin', 'province_admin', 'province_officer', 'commune_officer', 'province_reviewer'],
  'person:read': ['province_admin', 'province_officer', 'commune_officer'],
  'person:write': ['commune_officer'],
  'person:import': ['province_officer', 'commune_officer'],
  'sync:push': ['commune_officer'],
  'sync:pull': ['commune_officer'],
  'report:read': ['province_admin', 'province_officer', 'commune_officer'],
  'province:onboard': ['central_admin'],
  'province:suspend': ['central_admin'],
  'province_admin:invite': ['central_admin'],
  'province_admin:manage': ['central_admin'],
  'audit:read_platform': ['central_admin'],
  'user:list': ['province_admin'],
  'user:invite': ['province_admin'],
  'user:manage': ['province_admin'],
  'audit:read_province': ['province_admin'],
  'province:settings': ['province_admin'],
  'community:read': ['province_admin', 'province_officer', 'commune_officer'],
  'community:write': ['commune_officer'],
  'target:read': ['province_admin', 'province_officer', 'commune_officer'],
  'target:write': ['province_admin'],
  'evidence:attach': ['commune_officer'],
  'evidence:read': ['province_admin', 'province_officer', 'commune_officer', 'province_reviewer'],
  // Drug-free communes (decision 0037)
  'certification:read': ['province_admin', 'province_officer', 'commune_officer', 'province_reviewer'],
  'certification:configure': ['province_admin'],
  'certification:prepare': ['commune_officer'],
  'certification:review': ['province_reviewer'],
  'summary:read': ['central_admin', 'central_viewer'],
  'summary:refresh': ['central_admin'],
  // The province's own overview (decision 0045): its communes, not suppressed; never central roles, commune officers or reviewers.
  'overview:read': ['province_admin', 'province_officer'],
}
/** A new year per PUT of a plan (the matrix calls each route 15 times). */
let planYear = 2040
const CENTRAL = new Set<Role>(['central_admin', 'central_viewer'])

interface Call {
  path: string
  init?: RequestInit
  /** Use a throwaway session instead of the actor's shared one (for routes that end it). */
  ownSession?: boolean
}
interface Fixture {
  call(ctx: { province: string; commune: string; role: Role; n: number }): Call | Promise<Call>
  /** The status when the caller may do it. */
  ok: number
  /** The request targets a commune (through the path or the body): another commune is out of a commune officer's scope. */
  communeScoped?: boolean
  cleanup?(): Promise<void>
}

let platform: TestPlatform
let t: TestApp
const actors = new Map<Role, { id: string; cookie: string; username: string }>()
const targets: Record<string, Record<string, string>> = {}
const COMMUNES: Record<string, string[]> = {}
/** One synthetic person per (province, commune): PEOPLE[province][commune] = id. */
const PEOPLE: Record<string, Record<string, string>> = {}
const syntheticCitizenId = (n: number) => `0790900${String(n).padStart(5, '0')}`
const personBody = (commune: string) => ({
  fullName: 'Nguyễn Văn Thử',
  birthDate: '1990-05-01',
  sex: 'male',
  citizenId: syntheticCitizenId(++counter),
  communeCode: commune,
  category: 'dependent',
  addictionDeterminedOn: '2026-01-05',
  addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
})
const planBody = () => ({
  form: 'family',
  registeredOn: '2026-03-20',
  startOn: '2026-04-01',
  plannedEndOn: '2026-10-01',
  members: [{ name: 'Cán bộ thử nghiệm', role: 'công an xã' }],
  stages: [{ stage: 'detox_treatment', activities: ['Khám sức khỏe'] }],
})
/** A fresh active plan with the stages completion needs done (version 5). */
async function readyPlan(province: string, commune: string): Promise<PlanView> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const draft = await freshPlan(province, commune)
  await runAsSystem(db, province, commune, planTransition, draft.id, { to: 'active', version: 1, decision: decisionOn('2026-04-01') })
  for (const [i, stage] of REQUIRED.entries()) {
    await runAsSystem(db, province, commune, planStageUpdate, draft.id, {
      version: 2 + i,
      stage,
      actualStartOn: '2026-04-01',
      actualEndOn: '2026-06-01',
      done: true,
    })
  }
  return draft
}
/** A fresh person whose plan was completed: an active post-rehab record (these provinces open one after voluntary rehab). */
async function freshPostRehab(province: string, commune: string): Promise<PostRehabRecord> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const draft = await readyPlan(province, commune)
  const done = await runAsSystem(db, province, commune, planComplete, draft.id, completionBody(5, '2026-11-01'))
  const inserted = done.decision.inserts.find((i) => i.collection === 'postRehab')
  if (inserted?.collection !== 'postRehab') throw new Error('a completion opens a post-rehab record')
  return inserted.record
}
/** A fresh synthetic person of the given commune; their id. */
async function freshPerson(province: string, commune: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const personId = crypto.randomUUID()
  await runAsSystem(db, province, commune, personCreate, personId, { ...personBody(commune), ...overrides })
  return personId
}
/** A fresh person with a draft plan in the given commune (for routes that change a plan). */
async function freshPlan(province: string, commune: string): Promise<PlanView> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const personId = await freshPerson(province, commune)
  const planId = crypto.randomUUID()
  const { answer } = await runAsSystem(db, province, commune, planCreate, planId, { ...planBody(), personId })
  return answer as PlanView
}
let counter = 0
const chairDecision = (date: string) => ({ number: '9/QĐ-UBND (thử)', date, signer: 'Chủ tịch (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' })
const admissionBody = () => ({
  version: 1,
  decision: { ...chairDecision('2026-11-05'), signerRole: 'court', body: 'Tòa án (thử)' },
  facility: 'Cơ sở cai nghiện (thử)',
  admittedOn: '2026-11-06',
})
/** A fresh person referred to compulsory rehab (admitted, when asked); the referral's id. */
async function freshReferral(province: string, commune: string, admitted: boolean): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const id = crypto.randomUUID()
  await runAsSystem(db, province, commune, referralCreate, id, {
    personId: await freshPerson(province, commune),
    ground: 'not_registered_or_abandoned',
    dossierOn: '2026-11-01',
  })
  if (admitted) await runAsSystem(db, province, commune, referralAdmit, id, admissionBody())
  return id
}

// The activity log and community models (decision 0033): a fresh record of the given commune, made by its officer.
const activityBody = (commune: string) => ({ communeCode: commune, kind: 'broadcast', heldOn: '2026-11-03', organiser: 'commune', count: 4 })
const modelBody = (commune: string) => ({
  communeCode: commune,
  kind: 'b93_club',
  name: 'CLB B93 thử nghiệm',
  decision: { number: '5/QĐ-UBND', date: '2026-01-10', signer: 'Chủ tịch UBND xã', signerRole: 'commune_chair', body: 'UBND xã' },
  helpers: [{ name: 'Cán bộ thử nghiệm', organisation: 'Hội Phụ nữ', role: 'chủ nhiệm' }],
})
async function freshActivity(province: string, commune: string): Promise<string> {
  const id = crypto.randomUUID()
  await runAsSystem((await t.deps.tenants.resolve(province))!.db, province, commune, activityCreate, id, activityBody(commune))
  return id
}
async function freshModel(province: string, commune: string): Promise<string> {
  const id = crypto.randomUUID()
  await runAsSystem((await t.deps.tenants.resolve(province))!.db, province, commune, modelCreate, id, modelBody(commune))
  return id
}
async function freshMember(province: string, commune: string): Promise<string> {
  const id = crypto.randomUUID()
  const modelId = await freshModel(province, commune)
  await runAsSystem((await t.deps.tenants.resolve(province))!.db, province, commune, modelMemberAdd, id, {
    modelId,
    personId: PEOPLE[province]![commune],
    joinedOn: '2026-02-01',
  })
  return id
}
// Evidence files (decision 0038): a fresh file of the commune (owner kind "commune"), announced by its officer, sent or not.
async function freshAttachment(province: string, commune: string, complete: boolean): Promise<string> {
  const id = crypto.randomUUID()
  const scope = {
    db: (await t.deps.tenants.resolve(province))!.db,
    store: t.deps.blobs!,
    province,
    actor: { userId: 'matrix-uploader', role: 'commune_officer' as const, province, communes: [commune] },
    audit: { at: new Date(), actorId: null, actorRole: null, requestId: null, clientHash: null },
  }
  await announceAttachment(scope, { id, ownerKind: 'commune', ownerId: commune, fileName: 'anh.jpg', size: JPEG.byteLength, sha256: sha256(JPEG) })
  if (complete) await receivePart(scope, id, 0, JPEG)
  return id
}
const attachmentBody = (commune: string) => ({
  id: crypto.randomUUID(),
  ownerKind: 'commune',
  ownerId: commune,
  fileName: 'bien-ban.jpg',
  size: JPEG.byteLength,
  sha256: sha256(JPEG),
})
const jpegPart: RequestInit = { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: JPEG }

const period = (commune: string) => `from=2026-10-01&to=2026-12-31&commune=${commune}`

/** Another commune of the province than `commune`: where a person moves from or to. */
const elsewhere = (province: string, commune: string) => COMMUNES[province]!.find((code) => code !== commune)!
/** A pending hand-over into `commune`, of a person of another commune (the receiving commune answers it). */
async function freshHandoverInto(province: string, commune: string): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const from = elsewhere(province, commune)
  const personId = await freshPerson(province, from)
  const id = crypto.randomUUID()
  await runAsSystem(db, province, from, handoverCreate, id, { personId, toCommuneCode: commune, movedOn: '2026-11-20' })
  return id
}
const policeOrder = (date: string) => ({ number: '05/QĐ-CAX', date, signer: 'Trưởng Công an xã', signerRole: 'commune_police_chief', body: 'Công an xã' })
/** A fresh person on an active plan (community rehab). */
async function freshActivePlan(province: string, commune: string): Promise<PlanView> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const draft = await freshPlan(province, commune)
  await runAsSystem(db, province, commune, planTransition, draft.id, { to: 'active', version: 1, decision: decisionOn('2026-04-01') })
  return draft
}

/** A one-row legacy list naming its commune by code. */
function importUpload(commune: string): RequestInit {
  const csv = `Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Phân loại\nNguyễn Văn Thử,01/05/1990,Nam,${syntheticCitizenId(++counter)},${commune},Sử dụng\n`
  const form = new FormData()
  form.append('file', new File([csv], 'danh-sach.csv'))
  return { method: 'POST', body: form }
}
/** An import record made by the actor of this role (a commune officer sees only their own). */
async function importBy(province: string, role: Role): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const id = crypto.randomUUID()
  await db.insert(imports).values({
    id,
    fileHash: 'f'.repeat(64),
    fileName: 'danh-sach.csv',
    format: 'csv',
    scope: null,
    rowsTotal: 0,
    imported: 0,
    rejected: 0,
    rejectedByReason: '{}',
    createdAt: new Date('2026-11-24T03:00:00Z'),
    createdBy: actors.get(role)!.id,
  })
  return id
}

const unique = (prefix: string) => `${prefix}-${++counter}`

// Drug-free communes (decision 0037): one assessment per commune and year, so a fixture replaces the last one.
async function confirmedCriteria(db: TenantDb, province: string, commune: string) {
  const sets = await listCriteriaSets(db)
  if (sets.length === 0)
    await runAsSystem(db, province, commune, criteriaConfirm, crypto.randomUUID(), { basedOnVersion: 0, content: DEFAULT_CRITERIA }, 'province_admin')
}
async function freshAssessment(province: string, commune: string, submitted = false): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  await confirmedCriteria(db, province, commune)
  await db.delete(communeAssessments).where(eq(communeAssessments.communeCode, commune))
  const id = crypto.randomUUID()
  await runAsSystem(db, province, commune, assessmentCreate, id, { communeCode: commune, year: 2026 })
  if (submitted) await runAsSystem(db, province, commune, assessmentSubmit, id, { version: 1 })
  return id
}
const recognitionDecision = { number: '7/QĐ-UBND', date: '2026-11-01', signer: 'Chủ tịch UBND tỉnh', signerRole: 'provincial_chair', body: 'UBND tỉnh' }
/** An open drug-free status of a made-up commune (at most one is open per commune). */
async function freshPeriod(province: string): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const id = crypto.randomUUID()
  const at = new Date('2026-11-01T00:00:00Z')
  await db.insert(drugFreePeriods).values({
    id,
    communeCode: `9${String(++counter).padStart(4, '0')}`,
    startOn: '2026-11-01',
    status: 'open',
    firstYear: 2026,
    lastYear: 2026,
    lastAssessmentId: crypto.randomUUID(),
    recognitionDecision: JSON.stringify(recognitionDecision),
    version: 1,
    createdAt: at,
    updatedAt: at,
  })
  return id
}
async function freshFlag(province: string, commune: string): Promise<string> {
  const db = (await t.deps.tenants.resolve(province))!.db
  const id = crypto.randomUUID()
  const at = new Date('2026-11-01T00:00:00Z')
  await db.insert(certificationFlags).values({
    id,
    communeCode: commune,
    periodId: crypto.randomUUID(),
    kind: 'newly_managed',
    criterionCode: 'DF.1',
    raisedOn: '2026-11-01',
    status: 'open',
    version: 1,
    createdAt: at,
    updatedAt: at,
  })
  return id
}
const assessmentPath = (province: string, commune: string, id: string, tail = '') => `/api/p/${province}/communes/${commune}/assessments/${id}${tail}`

const FIXTURES: Record<string, Fixture> = {
  'GET /health': { ok: 200, call: () => ({ path: '/health' }) },
  'POST /api/auth/login': {
    ok: 200,
    call: ({ role }) => ({ path: '/api/auth/login', init: jsonBody('POST', { username: actors.get(role)!.username, password: TEST_PASSWORD }) }),
  },
  'POST /api/auth/logout': { ok: 200, call: () => ({ path: '/api/auth/logout', init: { method: 'POST' }, ownSession: true }) },
  'GET /api/auth/links/:token': { ok: 400, call: () => ({ path: `/api/auth/links/${'a'.repeat(40)}` }) },
  'POST /api/auth/accept-invite': {
    ok: 400,
    call: () => ({ path: '/api/auth/accept-invite', init: jsonBody('POST', { token: 'b'.repeat(40), password: 'x' }) }),
  },
  'POST /api/auth/password': {
    ok: 400,
    call: () => ({ path: '/api/auth/password', init: jsonBody('POST', { currentPassword: 'not-my-password', newPassword: 'a-new-password-here-123' }) }),
  },
  'GET /api/me': { ok: 200, call: () => ({ path: '/api/me' }) },
  'GET /api/provinces': { ok: 200, call: () => ({ path: '/api/provinces' }) },
  'GET /api/admin/provinces': { ok: 200, call: () => ({ path: '/api/admin/provinces' }) },
  'POST /api/admin/provinces': { ok: 200, call: ({ province }) => ({ path: '/api/admin/provinces', init: jsonBody('POST', { province }) }) },
  'POST /api/admin/provinces/:province/suspend': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/admin/provinces/${province}/suspend`, init: { method: 'POST' } }),
    cleanup: async () => {
      await platform.control.update(tenants).set({ status: 'active', suspendedAt: null })
      for (const code of ['82', '01']) t.deps.tenants.invalidate(code)
    },
  },
  'POST /api/admin/provinces/:province/resume': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/admin/provinces/${province}/resume`, init: { method: 'POST' } }),
  },
  'GET /api/admin/provinces/:province/admins': { ok: 200, call: ({ province }) => ({ path: `/api/admin/provinces/${province}/admins` }) },
  'POST /api/admin/provinces/:province/admins': {
    ok: 201,
    call: ({ province }) => ({
      path: `/api/admin/provinces/${province}/admins`,
      init: jsonBody('POST', { username: unique('new-admin'), displayName: 'Test admin', email: `${unique('admin')}@example.test` }),
    }),
  },
  'POST /api/admin/provinces/:province/admins/:userId/disable': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/admin/provinces/${province}/admins/${targets[province]!.admin}/disable`, init: { method: 'POST' } }),
  },
  'POST /api/admin/provinces/:province/admins/:userId/enable': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/admin/provinces/${province}/admins/${targets[province]!.admin}/enable`, init: { method: 'POST' } }),
  },
  'POST /api/admin/provinces/:province/admins/:userId/reset': {
    ok: 200,
    call: ({ province }) => ({
      path: `/api/admin/provinces/${province}/admins/${targets[province]!.admin}/reset`,
      init: jsonBody('POST', { email: `target-admin-${province}@example.test` }),
    }),
  },
  'GET /api/admin/audit': { ok: 200, call: () => ({ path: '/api/admin/audit' }) },
  'POST /api/admin/provinces/:province/refresh': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/admin/provinces/${province}/refresh`, init: { method: 'POST' } }),
  },
  'GET /api/central/summary': { ok: 200, call: () => ({ path: '/api/central/summary?period=2026-Q4' }) },
  'GET /api/central/summary/xlsx': { ok: 200, call: () => ({ path: '/api/central/summary/xlsx?period=2026-Q4' }) },
  'GET /api/central/provinces/:province/trend': { ok: 200, call: ({ province }) => ({ path: `/api/central/provinces/${province}/trend` }) },
  // Development and test only (createApp never mounts it in production): it stands in for recipients' mailboxes.
  'GET /api/dev/outbox': { ok: 200, call: () => ({ path: '/api/dev/outbox' }) },
  'GET /api/p/:province/users': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/users` }) },
  'POST /api/p/:province/users': {
    ok: 201,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/users`,
      init: jsonBody('POST', {
        username: unique('new-officer'),
        displayName: 'Test officer',
        email: `${unique('officer')}@example.test`,
        role: 'commune_officer',
        communes: [commune],
      }),
    }),
  },
  'GET /api/p/:province/users/:userId': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/users/${targets[province]!.officer}` }) },
  'POST /api/p/:province/users/:userId/disable': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/p/${province}/users/${targets[province]!.officer}/disable`, init: { method: 'POST' } }),
  },
  'POST /api/p/:province/users/:userId/enable': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/p/${province}/users/${targets[province]!.officer}/enable`, init: { method: 'POST' } }),
  },
  'POST /api/p/:province/users/:userId/reset': {
    ok: 200,
    call: ({ province }) => ({
      path: `/api/p/${province}/users/${targets[province]!.officer}/reset`,
      init: jsonBody('POST', { email: `target-officer-${province}@example.test` }),
    }),
  },
  'PUT /api/p/:province/users/:userId/access': {
    ok: 200,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/users/${targets[province]!.officer}/access`,
      init: jsonBody('PUT', { role: 'commune_officer', communes: [commune] }),
    }),
  },
  'GET /api/p/:province/audit': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/audit` }) },
  // Province-wide for its admins (audit:read_province): a person of any commune, not commune-scoped.
  'GET /api/p/:province/persons/:personId/access-log': {
    ok: 200,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/access-log` }),
  },
  'GET /api/p/:province/health': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/health` }) },
  'GET /api/p/:province/communes': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/communes` }) },
  'GET /api/p/:province/persons': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons?commune=${commune}` }),
  },
  'POST /api/p/:province/persons': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons`, init: jsonBody('POST', personBody(commune)) }),
  },
  'GET /api/p/:province/persons/:personId': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}` }),
  },
  'GET /api/p/:province/persons/:personId/plans': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/plans` }),
  },
  'POST /api/p/:province/persons/:personId/plans': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => {
      return { path: `/api/p/${province}/persons/${await freshPerson(province, commune)}/plans`, init: jsonBody('POST', planBody()) }
    },
  },
  'GET /api/p/:province/plans/:planId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: `/api/p/${province}/plans/${(await freshPlan(province, commune)).id}` }),
  },
  'POST /api/p/:province/plans/:planId/transitions': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/plans/${(await freshPlan(province, commune)).id}/transitions`,
      init: jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-04-01') }),
    }),
  },
  'POST /api/p/:province/plans/:planId/stages': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/plans/${(await freshPlan(province, commune)).id}/stages`,
      init: jsonBody('POST', { version: 1, stage: 'reintegration', plannedStartOn: '2026-08-01', plannedEndOn: '2026-09-30' }),
    }),
  },
  'GET /api/p/:province/persons/:personId/reviews': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/reviews` }),
  },
  'POST /api/p/:province/persons/:personId/reviews': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/reviews`,
      init: jsonBody('POST', { reviewedOn: '2026-11-20', attended: true, drugTest: 'negative', riskLevel: 'low' }),
    }),
  },
  'GET /api/p/:province/overview': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/overview?period=2026-Q4` }) },
  'GET /api/p/:province/overview/xlsx': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/overview/xlsx?period=2026-Q4` }) },
  'GET /api/p/:province/overview/trend': {
    ok: 200,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/overview/trend?commune=${commune}` }),
  },
  'GET /api/p/:province/reports': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/reports?period=2026-Q4&commune=${commune}` }),
  },
  'GET /api/p/:province/reports/trend': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/reports/trend?period=2026-Q4&commune=${commune}` }),
  },
  'GET /api/p/:province/reports/xlsx': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/reports/xlsx?period=2026&commune=${commune}` }),
  },
  'GET /api/p/:province/imports/template.xlsx': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/imports/template.xlsx` }) },
  // Uploads are province-level requests: a row in another commune is reported in the answer, not refused.
  'POST /api/p/:province/imports': {
    ok: 200,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/imports?dryRun=true`, init: importUpload(commune) }),
  },
  'POST /api/p/:province/imports/rejected': {
    ok: 200,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/imports/rejected`, init: importUpload(commune) }),
  },
  'GET /api/p/:province/imports': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/imports` }) },
  'GET /api/p/:province/imports/:importId': {
    ok: 200,
    call: async ({ province, role }) => ({ path: `/api/p/${province}/imports/${await importBy(province, role)}` }),
  },
  'GET /api/p/:province/imports/:importId/rows': {
    ok: 200,
    call: async ({ province, role }) => ({ path: `/api/p/${province}/imports/${await importBy(province, role)}/rows` }),
  },
  'GET /api/p/:province/caseload': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/caseload` }) },
  // The due work of one commune: another commune is out of a commune officer's scope (404).
  'GET /api/p/:province/work': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/work?commune=${commune}` }),
  },
  'GET /api/p/:province/persons/:personId/timeline': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/timeline` }),
  },
  'GET /api/p/:province/persons/:personId/post-rehab': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/post-rehab` }),
  },
  'GET /api/p/:province/persons/:personId/support': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/support` }),
  },
  'POST /api/p/:province/persons/:personId/support': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/support`,
      init: jsonBody('POST', { kind: 'counselling', givenOn: '2026-11-01' }),
    }),
  },
  'GET /api/p/:province/persons/:personId/management-periods': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/management-periods` }),
  },
  'POST /api/p/:province/persons/:personId/management-periods': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const user = await freshPerson(province, commune, { category: 'drug_user', addictionDeterminedOn: undefined, addictionDeterminedBy: undefined })
      return {
        path: `/api/p/${province}/persons/${user}/management-periods`,
        init: jsonBody('POST', { startOn: '2026-11-01', measures: 'Giáo dục tại cộng đồng', decision: chairDecision('2026-11-01') }),
      }
    },
  },
  'POST /api/p/:province/management-periods/:recordId/end': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const db = (await t.deps.tenants.resolve(province))!.db
      const user = await freshPerson(province, commune, { category: 'drug_user', addictionDeterminedOn: undefined, addictionDeterminedBy: undefined })
      const id = crypto.randomUUID()
      await runAsSystem(db, province, commune, managementPeriodCreate, id, {
        personId: user,
        startOn: '2026-11-01',
        measures: 'Giáo dục tại cộng đồng',
        decision: chairDecision('2026-11-01'),
      })
      return {
        path: `/api/p/${province}/management-periods/${id}/end`,
        init: jsonBody('POST', { version: 1, endedOn: '2026-11-20', reason: 'prison', decision: chairDecision('2026-11-20') }),
      }
    },
  },
  'GET /api/p/:province/persons/:personId/legal-records': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/legal-records` }),
  },
  'POST /api/p/:province/persons/:personId/determinations': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${await freshPerson(province, commune)}/determinations`,
      init: jsonBody('POST', { trigger: 'volunteer', dossierOn: '2026-11-01', facility: 'Trung tâm Y tế (thử)' }),
    }),
  },
  'POST /api/p/:province/determinations/:recordId/result': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const db = (await t.deps.tenants.resolve(province))!.db
      const id = crypto.randomUUID()
      await runAsSystem(db, province, commune, determinationCreate, id, {
        personId: await freshPerson(province, commune),
        trigger: 'volunteer',
        dossierOn: '2026-11-01',
        facility: 'Trung tâm Y tế (thử)',
      })
      return {
        path: `/api/p/${province}/determinations/${id}/result`,
        init: jsonBody('POST', {
          version: 1,
          resultOn: '2026-11-10',
          result: 'dependent',
          decision: { ...chairDecision('2026-11-10'), signerRole: 'health_facility' },
        }),
      }
    },
  },
  'POST /api/p/:province/persons/:personId/referrals': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${await freshPerson(province, commune)}/referrals`,
      init: jsonBody('POST', { ground: 'not_registered_or_abandoned', dossierOn: '2026-11-01' }),
    }),
  },
  'POST /api/p/:province/referrals/:recordId/admission': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/referrals/${await freshReferral(province, commune, false)}/admission`,
      init: jsonBody('POST', admissionBody()),
    }),
  },
  'POST /api/p/:province/referrals/:recordId/refusal': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/referrals/${await freshReferral(province, commune, false)}/refusal`,
      init: jsonBody('POST', { version: 1, decision: admissionBody().decision }),
    }),
  },
  'POST /api/p/:province/referrals/:recordId/return': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/referrals/${await freshReferral(province, commune, true)}/return`,
      init: jsonBody('POST', {
        version: 2,
        returnedOn: '2026-11-20',
        decision: chairDecision('2026-11-20'),
        supportModel: 'b93_club',
        supporterName: 'Tổ (thử)',
      }),
    }),
  },
  'POST /api/p/:province/persons/:personId/methadone': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${await freshPerson(province, commune)}/methadone`,
      init: jsonBody('POST', { facility: 'Cơ sở methadone (thử)', startOn: '2026-11-01' }),
    }),
  },
  'POST /api/p/:province/methadone/:recordId/end': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const db = (await t.deps.tenants.resolve(province))!.db
      const id = crypto.randomUUID()
      await runAsSystem(db, province, commune, methadoneStart, id, {
        personId: await freshPerson(province, commune),
        facility: 'Cơ sở methadone (thử)',
        startOn: '2026-11-01',
      })
      return { path: `/api/p/${province}/methadone/${id}/end`, init: jsonBody('POST', { version: 1, endOn: '2026-11-20', reason: 'left' }) }
    },
  },
  'POST /api/p/:province/plans/:planId/complete': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const draft = await readyPlan(province, commune)
      return { path: `/api/p/${province}/plans/${draft.id}/complete`, init: jsonBody('POST', completionBody(5, '2026-11-02', { supportModel: 'volunteers' })) }
    },
  },
  'POST /api/p/:province/post-rehab/:recordId/follow-ups': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/post-rehab/${(await freshPostRehab(province, commune)).id}/follow-ups`,
      init: jsonBody('POST', { contactedOn: '2026-11-10', method: 'visit', notes: 'Ổn định' }),
    }),
  },
  'POST /api/p/:province/post-rehab/:recordId/relapse': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/post-rehab/${(await freshPostRehab(province, commune)).id}/relapse`,
      init: jsonBody('POST', { version: 1, relapseOn: '2026-11-15' }),
    }),
  },
  // Moving and electronic monitoring (Law 120/2025, decision 0029)
  'GET /api/p/:province/handovers': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/handovers?pending=true` }) },
  'POST /api/p/:province/handovers/:recordId/accept': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/handovers/${await freshHandoverInto(province, commune)}/accept`,
      init: jsonBody('POST', { version: 1 }),
    }),
  },
  'POST /api/p/:province/handovers/:recordId/decline': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/handovers/${await freshHandoverInto(province, commune)}/decline`,
      init: jsonBody('POST', { version: 1, reason: 'Không cư trú tại xã' }),
    }),
  },
  'GET /api/p/:province/persons/:personId/handovers': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/handovers` }),
  },
  'POST /api/p/:province/persons/:personId/handovers': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${await freshPerson(province, commune)}/handovers`,
      init: jsonBody('POST', { toCommuneCode: elsewhere(province, commune), movedOn: '2026-11-20' }),
    }),
  },
  'GET /api/p/:province/persons/:personId/monitoring': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/persons/${PEOPLE[province]![commune]}/monitoring` }),
  },
  'POST /api/p/:province/persons/:personId/monitoring': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/persons/${(await freshActivePlan(province, commune)).personId}/monitoring`,
      init: jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: policeOrder('2026-11-18') }),
    }),
  },
  'POST /api/p/:province/monitoring/:recordId/end': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const db = (await t.deps.tenants.resolve(province))!.db
      const plan = await freshActivePlan(province, commune)
      const id = crypto.randomUUID()
      await runAsSystem(db, province, commune, monitoringCreate, id, {
        personId: plan.personId,
        context: 'community_rehab',
        startOn: '2026-11-19',
        decision: policeOrder('2026-11-18'),
      })
      return {
        path: `/api/p/${province}/monitoring/${id}/end`,
        init: jsonBody('POST', { version: 1, endOn: '2026-11-22', decision: policeOrder('2026-11-22') }),
      }
    },
  },
  // A batch is a province-level request: a change outside a commune officer's communes is answered `not_found`
  // in its result (test/worker/sync.test.ts), the request itself is 200.
  'POST /api/p/:province/sync/push': {
    ok: 200,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/sync/push`,
      init: jsonBody('POST', {
        deviceId: crypto.randomUUID(),
        changes: [
          {
            key: crypto.randomUUID(),
            type: 'review.create',
            entityId: crypto.randomUUID(),
            data: { personId: PEOPLE[province]![commune], reviewedOn: '2026-11-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
          },
        ],
      }),
    }),
  },
  'GET /api/p/:province/sync/pull': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/sync/pull?limit=5` }) },
  // Reading the settings is report:read (every province role); changing them is province:settings. The value
  // written is the default, so no other fixture sees a different review policy.
  'GET /api/p/:province/settings': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/settings` }) },
  'PUT /api/p/:province/settings': {
    ok: 200,
    call: ({ province }) => ({ path: `/api/p/${province}/settings`, init: jsonBody('PUT', { reviewPolicy: { intervalMonths: 1, graceDays: 7 } }) }),
  },
  // The yearly plan (decision 0036): a province record, not a commune's. Each PUT creates the year's plan anew (a
  // year of its own), so no fixture depends on another's version.
  'GET /api/p/:province/targets/:year': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/targets/2026` }) },
  'PUT /api/p/:province/targets/:year': {
    ok: 200,
    call: ({ province }) => ({
      path: `/api/p/${province}/targets/${++planYear}`,
      init: jsonBody('PUT', { number: '75/KH-UBND', issuedOn: '2026-03-15', signer: 'Phó Chủ tịch (thử)', title: 'Kế hoạch (thử)', targets: [] }),
    }),
  },
  'GET /api/p/:province/activities': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/activities?commune=${commune}` }),
  },
  'POST /api/p/:province/activities': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/activities`, init: jsonBody('POST', activityBody(commune)) }),
  },
  'GET /api/p/:province/activities/totals': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/activities/totals?${period(commune)}` }),
  },
  'GET /api/p/:province/activities/:activityId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: `/api/p/${province}/activities/${await freshActivity(province, commune)}` }),
  },
  'PATCH /api/p/:province/activities/:activityId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/activities/${await freshActivity(province, commune)}`,
      init: jsonBody('PATCH', { version: 1, count: 5 }),
    }),
  },
  'POST /api/p/:province/attachments': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/attachments`, init: jsonBody('POST', attachmentBody(commune)) }),
  },
  'GET /api/p/:province/attachments': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/attachments?ownerKind=commune&ownerId=${commune}` }),
  },
  'GET /api/p/:province/attachments/:id': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: `/api/p/${province}/attachments/${await freshAttachment(province, commune, false)}` }),
  },
  'PUT /api/p/:province/attachments/:id/content': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/attachments/${await freshAttachment(province, commune, false)}/content?offset=0`,
      init: jpegPart,
    }),
  },
  'GET /api/p/:province/attachments/:id/content': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: `/api/p/${province}/attachments/${await freshAttachment(province, commune, true)}/content` }),
  },
  'GET /api/p/:province/models': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/models?commune=${commune}` }),
  },
  'POST /api/p/:province/models': {
    ok: 201,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/models`, init: jsonBody('POST', modelBody(commune)) }),
  },
  'GET /api/p/:province/models/figures': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/models/figures?${period(commune)}` }),
  },
  'GET /api/p/:province/models/:modelId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: `/api/p/${province}/models/${await freshModel(province, commune)}` }),
  },
  'PATCH /api/p/:province/models/:modelId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/models/${await freshModel(province, commune)}`,
      init: jsonBody('PATCH', { version: 1, name: 'CLB B93 (đổi tên)' }),
    }),
  },
  'POST /api/p/:province/models/:modelId/members': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/models/${await freshModel(province, commune)}/members`,
      init: jsonBody('POST', { personId: PEOPLE[province]![commune], joinedOn: '2026-03-01' }),
    }),
  },
  'POST /api/p/:province/models/:modelId/sessions': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/models/${await freshModel(province, commune)}/sessions`,
      init: jsonBody('POST', { heldOn: '2026-11-05', attendance: 7 }),
    }),
  },
  'POST /api/p/:province/model-members/:memberId/leave': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/model-members/${await freshMember(province, commune)}/leave`,
      init: jsonBody('POST', { version: 1, leftOn: '2026-10-01' }),
    }),
  },
  'GET /api/p/:province/certification/criteria': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/certification/criteria` }) },
  'PUT /api/p/:province/certification/criteria': {
    ok: 200,
    call: async ({ province }) => {
      const sets = await listCriteriaSets((await t.deps.tenants.resolve(province))!.db)
      const content = { ...DEFAULT_CRITERIA, targetSharePercent: 20 + (++counter % 50) }
      return { path: `/api/p/${province}/certification/criteria`, init: jsonBody('PUT', { basedOnVersion: sets.at(-1)?.setVersion ?? 0, content }) }
    },
  },
  'GET /api/p/:province/certification/populations': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/certification/populations?commune=${commune}` }),
  },
  'POST /api/p/:province/certification/populations': {
    ok: 201,
    call: ({ province, commune }) => ({
      path: `/api/p/${province}/certification/populations`,
      init: jsonBody('POST', { communeCode: commune, year: 2026, population: 7000, source: 'Niên giám thống kê (thử)' }),
    }),
  },
  'GET /api/p/:province/certification/overview': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/certification/overview?year=2026` }) },
  'GET /api/p/:province/certification/export.xlsx': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/certification/export.xlsx?year=2026` }) },
  'GET /api/p/:province/certification/flags': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/certification/flags?commune=${commune}` }),
  },
  'POST /api/p/:province/certification/flags/:id/review': {
    ok: 200,
    call: async ({ province, commune }) => ({
      path: `/api/p/${province}/certification/flags/${await freshFlag(province, commune)}/review`,
      init: jsonBody('POST', { version: 1, note: 'Đã xem' }),
    }),
  },
  'GET /api/p/:province/certification/status-periods': { ok: 200, call: ({ province }) => ({ path: `/api/p/${province}/certification/status-periods` }) },
  'POST /api/p/:province/certification/status-periods/:id/revoke': {
    ok: 200,
    call: async ({ province }) => ({
      path: `/api/p/${province}/certification/status-periods/${await freshPeriod(province)}/revoke`,
      init: jsonBody('POST', { version: 1, reason: 'Thử thu hồi', decision: recognitionDecision }),
    }),
  },
  'GET /api/p/:province/communes/:code/assessments': {
    ok: 200,
    communeScoped: true,
    call: ({ province, commune }) => ({ path: `/api/p/${province}/communes/${commune}/assessments` }),
  },
  'POST /api/p/:province/communes/:code/assessments': {
    ok: 201,
    communeScoped: true,
    call: async ({ province, commune }) => {
      await (await t.deps.tenants.resolve(province))!.db.delete(communeAssessments).where(eq(communeAssessments.communeCode, commune))
      return { path: `/api/p/${province}/communes/${commune}/assessments`, init: jsonBody('POST', { year: 2026 }) }
    },
  },
  'GET /api/p/:province/communes/:code/assessments/:id': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({ path: assessmentPath(province, commune, await freshAssessment(province, commune)) }),
  },
  'PATCH /api/p/:province/communes/:code/assessments/:id': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: assessmentPath(province, commune, await freshAssessment(province, commune)),
      init: jsonBody('PATCH', { version: 1, answers: { 'DF.6': { value: true } } }),
    }),
  },
  'POST /api/p/:province/communes/:code/assessments/:id/submit': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: assessmentPath(province, commune, await freshAssessment(province, commune), '/submit'),
      init: jsonBody('POST', { version: 1 }),
    }),
  },
  'POST /api/p/:province/communes/:code/assessments/:id/return': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: assessmentPath(province, commune, await freshAssessment(province, commune, true), '/return'),
      init: jsonBody('POST', { version: 2, reason: 'Bổ sung', comments: { 'DF.5': 'Thiếu kế hoạch' } }),
    }),
  },
  'POST /api/p/:province/communes/:code/assessments/:id/decide': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => ({
      path: assessmentPath(province, commune, await freshAssessment(province, commune, true), '/decide'),
      init: jsonBody('POST', { version: 2, outcome: 'not_recognised', reason: 'Chưa đạt' }),
    }),
  },
  'PATCH /api/p/:province/persons/:personId': {
    ok: 200,
    communeScoped: true,
    call: async ({ province, commune }) => {
      const id = PEOPLE[province]![commune]!
      const db = (await t.deps.tenants.resolve(province))!.db
      const [row] = await db.select({ version: persons.version }).from(persons).where(eq(persons.id, id))
      return { path: `/api/p/${province}/persons/${id}`, init: jsonBody('PATCH', { version: row!.version, notes: `note ${counter}` }) }
    },
  },
}

interface RouteEntry {
  key: string
  path: string
  policy: RoutePolicy | undefined
}

function routeTable(app: TestApp['app']): RouteEntry[] {
  const byKey = new Map<string, RouteEntry>()
  for (const route of app.routes) {
    if (route.method === 'ALL') continue // middleware
    const key = `${route.method} ${route.path}`
    const entry = byKey.get(key) ?? { key, path: route.path, policy: undefined }
    const policy = (route.handler as { policy?: RoutePolicy }).policy
    if (policy) entry.policy = policy
    byKey.set(key, entry)
  }
  return [...byKey.values()]
}

function expectedStatus(route: RouteEntry, role: Role, scope: Scope, ok: number, communeScoped: boolean): number {
  const action = route.policy!.action
  if (action === 'public' || action === 'authenticated') return ok
  const granted = (DOCUMENTED[action] ?? []).includes(role)
  if (CENTRAL.has(role)) return granted ? ok : 403
  if (route.path.includes(':province') && scope === 'other_province') return 404
  if (communeScoped && scope === 'other_commune' && role === 'commune_officer') return 404
  return granted ? ok : 403
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform, { onboardProvince: (code) => onboardTenant(platform.onboardDeps, code) })
  for (const code of ['82', '01']) await setCaseRules(t, platform.control, { postRehabAfterVoluntary: true }, code)
  for (const code of ['82', '01']) {
    const rows = await t.deps.tenants.resolve(code)
    const list = await rows!.db.query.communes.findMany({ columns: { code: true }, orderBy: (c, { asc }) => asc(c.code), limit: 2 })
    COMMUNES[code] = list.map((row) => row.code)
    PEOPLE[code] = {}
    for (const commune of COMMUNES[code]!) {
      PEOPLE[code]![commune] = await freshPerson(code, commune)
    }
    targets[code] = {
      admin: await createTestUser(platform.control, { username: `target-admin-${code}`, role: 'province_admin', province: code }),
      officer: await createTestUser(platform.control, {
        username: `target-officer-${code}`,
        role: 'commune_officer',
        province: code,
        communes: [COMMUNES[code]![0]!],
      }),
    }
  }
  for (const role of ROLES) {
    const username = `actor-${role.replace('_', '-')}`
    const province = CENTRAL.has(role) ? null : '82'
    const communes = role === 'commune_officer' ? [COMMUNES['82']![0]!] : []
    const id = await createTestUser(platform.control, { username, role, province, communes })
    actors.set(role, { id, username, cookie: await sessionCookieFor(platform.control, id) })
  }
})
afterAll(() => platform.cleanup())

describe('authorization matrix', () => {
  it('gives every API route exactly one policy and a fixture', () => {
    const routes = routeTable(t.app)
    const withoutPolicy = routes.filter((route) => !route.policy).map((route) => route.key)
    const withoutFixture = routes.filter((route) => !FIXTURES[route.key]).map((route) => route.key)
    expect(withoutPolicy).toEqual([])
    expect(withoutFixture).toEqual([])
    expect(Object.keys(FIXTURES).filter((key) => !routes.some((route) => route.key === key))).toEqual([])
  })

  it('answers every route × role × scope as documented, each answer marked Cache-Control: no-store', async () => {
    const mismatches: string[] = []
    const uncached: string[] = []
    for (const route of routeTable(t.app)) {
      const fixture = FIXTURES[route.key]
      if (!fixture || !route.policy) continue
      for (const role of ROLES) {
        for (const scope of SCOPES) {
          const province = scope === 'other_province' ? '01' : '82'
          const commune = scope === 'own_commune' ? COMMUNES[province]![0]! : COMMUNES[province]![1]!
          const call = await fixture.call({ province, commune, role, n: counter })
          const actor = actors.get(role)!
          const cookie = call.ownSession ? await sessionCookieFor(platform.control, actor.id) : actor.cookie
          const init = call.init ?? {}
          const headers = { ...(init.headers as Record<string, string>), cookie, 'x-test-client-address': `198.51.100.${++counter % 250}` }
          const res = await t.request(call.path, { ...init, headers })
          const want = expectedStatus(route, role, scope, fixture.ok, fixture.communeScoped ?? false)
          if (res.status !== want) mismatches.push(`${route.key} as ${role} (${scope}): got ${res.status}, want ${want} — ${await res.text()}`)
          if (res.headers.get('cache-control') !== 'no-store')
            uncached.push(`${route.key} as ${role} (${scope}): ${res.status} with Cache-Control ${res.headers.get('cache-control')}`)
          await fixture.cleanup?.()
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(uncached).toEqual([])
    // Every write route makes its own fresh records (a hand-over, a monitoring order…): about 35 s alone, several
    // times that while the other suites share the machine's two cores.
  }, 300_000)

  it('answers 401 (not cacheable) on every non-public route without a session', async () => {
    const failures: string[] = []
    for (const route of routeTable(t.app)) {
      const fixture = FIXTURES[route.key]
      if (!fixture || route.policy?.action === 'public') continue
      const call = await fixture.call({ province: '82', commune: COMMUNES['82']![0]!, role: 'province_admin', n: counter })
      const res = await t.request(call.path, call.init ?? {})
      if (res.status !== 401) failures.push(`${route.key}: ${res.status}`)
      if (res.headers.get('cache-control') !== 'no-store') failures.push(`${route.key}: 401 with Cache-Control ${res.headers.get('cache-control')}`)
      else expect((await res.json()).error.code).toBe('unauthenticated')
    }
    expect(failures).toEqual([])
  })

  it('marks refusals made before any route no-store too', async () => {
    const { cookie } = actors.get('commune_officer')!
    const path = `/api/p/82/persons/${PEOPLE['82']![COMMUNES['82']![0]!]}`
    const refusals = await Promise.all([
      t.request(path, { method: 'PATCH', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }),
      t.request(path, { method: 'PATCH', headers: { cookie, 'content-type': 'text/plain' }, body: 'x' }),
      t.request('/api/p/82/persons', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ notes: 'x'.repeat(70 * 1024) }),
      }),
      t.request('/api/no-such-route', { headers: { cookie } }),
      t.request('/api/p/82/persons?limit=9999', { headers: { cookie } }),
    ])
    expect(refusals.map((res) => res.status)).toEqual([403, 415, 413, 404, 400])
    expect(refusals.map((res) => res.headers.get('cache-control'))).toEqual(Array(5).fill('no-store'))
  })

  it('keeps the registry untouched by refused calls', async () => {
    const rows = await platform.control.select().from(tenants).where(eq(tenants.status, 'suspended'))
    expect(rows).toEqual([])
  })
})
