import { Hono, type Context } from 'hono'
import { appendAudit } from '../../db/audit/append-audit.ts'
import { auditContextOf } from '../audit-context.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { communeExists, findPerson, listPersons, presentPerson, type PersonRow } from '../repo/persons.ts'
import { CreatePersonBody, PersonListQuery, PersonParams, UpdatePersonBody } from '../schemas/persons.ts'
import { validate } from '../schemas/validate.ts'
import { createPerson, updatePerson } from '../services/persons.ts'
import { createPlan, listPlans } from '../services/plans.ts'
import { CreatePlanBody } from '../schemas/plans.ts'
import { CreateReviewBody } from '../schemas/reviews.ts'
import { ManagementPeriodBody, SupportBody } from '../schemas/after-care.ts'
import { addManagementPeriod, addSupport, listPostRehab, timeline } from '../services/after-care.ts'
import { createReview, listReviews } from '../services/reviews.ts'

/** Loads a person the caller may see, or answers 404 (another commune's people do not exist for them). */
export async function loadPerson(c: Context<AppEnv>, personId: string, action: 'person:read' | 'person:write'): Promise<PersonRow> {
  const person = await findPerson(c.var.tenant.db, personId)
  if (!person) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), action, { province: c.var.tenant.code, commune: person.communeCode })
  return person
}

async function assertCommuneOfProvince(c: Context<AppEnv>, code: string): Promise<void> {
  if (!(await communeExists(c.var.tenant.db, code))) {
    throw new AppError('validation_failed', 400, 'Invalid json.communeCode: is not a commune of this province', {
      issues: [{ field: 'json.communeCode', message: 'is not a commune of this province' }],
    })
  }
}

function encodeCursor(row: PersonRow): string {
  return btoa(JSON.stringify([row.nameKey, row.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function decodeCursor(cursor: string): { nameKey: string; id: string } {
  try {
    const [nameKey, id] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as unknown[]
    if (typeof nameKey === 'string' && typeof id === 'string') return { nameKey, id }
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 400, 'Invalid query.cursor: is not a cursor from this API', { issues: [{ field: 'query.cursor', message: 'is not a cursor from this API' }] })
}

/** People of one province, under /api/p/:province/persons. */
export const personRoutes = new Hono<AppEnv>()
  .get('/', guard('person:read'), validate('query', PersonListQuery), async (c) => {
    const { q, commune, category, status, cursor, limit } = c.req.valid('query')
    const actor = actorOf(c)
    // A commune filter outside a commune officer's scope is a commune they cannot see: 404.
    if (commune) authorize(actor, 'person:read', { province: c.var.tenant.code, commune })
    const scope = commune ? [commune] : communeScope(actor)
    const rows = await listPersons(c.var.tenant.db, { communes: scope, q, category, status, limit, after: cursor ? decodeCursor(cursor) : undefined })
    const page = rows.slice(0, limit)
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'person.list', entityType: 'person', entityId: null, outcome: 'success', details: { count: page.length } })
    return c.json({ data: page.map(presentPerson), next: rows.length > limit ? encodeCursor(page.at(-1)!) : null })
  })
  .post('/', guard('person:write'), validate('json', CreatePersonBody), async (c) => {
    const input = c.req.valid('json')
    // An unknown commune is a mistake in the form (400); a real commune outside the scope does not exist for the caller (404).
    await assertCommuneOfProvince(c, input.communeCode)
    authorize(actorOf(c), 'person:write', { province: c.var.tenant.code, commune: input.communeCode })
    return c.json({ data: await createPerson(c.var.tenant.db, auditContextOf(c), input) }, 201)
  })
  .get('/:personId', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'person.read', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: presentPerson(person) })
  })
  .patch('/:personId', guard('person:write'), validate('param', PersonParams), validate('json', UpdatePersonBody), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:write')
    const input = c.req.valid('json')
    if (input.communeCode) {
      await assertCommuneOfProvince(c, input.communeCode)
      authorize(actorOf(c), 'person:write', { province: c.var.tenant.code, commune: input.communeCode })
    }
    return c.json({ data: await updatePerson(c.var.tenant.db, auditContextOf(c), person, input) })
  })
  .get('/:personId/plans', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'plan.list', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: await listPlans(c.var.tenant.db, person.id) })
  })
  .get('/:personId/reviews', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'review.list', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: await listReviews(c.var.tenant.db, person.id) })
  })
  .post('/:personId/reviews', guard('person:write'), validate('param', PersonParams), validate('json', CreateReviewBody), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:write')
    return c.json({ data: await createReview(c.var.tenant.db, auditContextOf(c), person, c.req.valid('json')) }, 201)
  })
  .get('/:personId/timeline', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'person.timeline', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: { person: presentPerson(person), events: await timeline(c.var.tenant.db, person) } })
  })
  .get('/:personId/post-rehab', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'post_rehab.list', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: await listPostRehab(c.var.tenant.db, person.id) })
  })
  .get('/:personId/support', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'support.list', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: await c.var.tenant.db.query.supportRecords.findMany({ where: (s, { eq }) => eq(s.personId, person.id), orderBy: (s, { desc }) => desc(s.givenOn) }) })
  })
  .post('/:personId/support', guard('person:write'), validate('param', PersonParams), validate('json', SupportBody), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:write')
    return c.json({ data: await addSupport(c.var.tenant.db, auditContextOf(c), person, c.req.valid('json')) }, 201)
  })
  .get('/:personId/management-periods', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'management.list', entityType: 'person', entityId: person.id, outcome: 'success' })
    return c.json({ data: await c.var.tenant.db.query.managementPeriods.findMany({ where: (m, { eq }) => eq(m.personId, person.id), orderBy: (m, { desc }) => desc(m.startOn) }) })
  })
  .post('/:personId/management-periods', guard('person:write'), validate('param', PersonParams), validate('json', ManagementPeriodBody), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:write')
    return c.json({ data: await addManagementPeriod(c.var.tenant.db, auditContextOf(c), person, c.req.valid('json')) }, 201)
  })
  .post('/:personId/plans', guard('person:write'), validate('param', PersonParams), validate('json', CreatePlanBody), async (c) => {
    const person = await loadPerson(c, c.req.valid('param').personId, 'person:write')
    return c.json({ data: await createPlan(c.var.tenant.db, auditContextOf(c), person, c.req.valid('json')) }, 201)
  })
