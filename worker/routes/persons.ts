import { Hono } from 'hono'
import { handoverCreate } from '../../kernel/commands/handover-create.ts'
import { monitoringCreate } from '../../kernel/commands/monitoring.ts'
import { handoverDue } from '../../kernel/domain/handover.ts'
import { determinationCreate } from '../../kernel/commands/determination-create.ts'
import { managementPeriodCreate } from '../../kernel/commands/management-period-create.ts'
import { methadoneStart } from '../../kernel/commands/methadone-start.ts'
import { referralCreate } from '../../kernel/commands/referral-create.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import { personUpdate } from '../../kernel/commands/person-update.ts'
import { planCreate } from '../../kernel/commands/plan-create.ts'
import { reviewCreate } from '../../kernel/commands/review-create.ts'
import { supportCreate } from '../../kernel/commands/support-create.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { fieldError } from '../errors.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { auditedRead, auditRead, readable, readPerson, withAuditTail } from '../reads.ts'
import { listManagementPeriods, listPostRehab, listSupport, timeline } from '../repo/after-care.ts'
import { displayNamesOf } from '../repo/user-names.ts'
import { listLegalRecords } from '../repo/legal-records.ts'
import { listPersons } from '../repo/person-list.ts'
import { decodePersonCursor, encodePersonCursor, presentPerson } from '../repo/persons.ts'
import { listMonitoring, listPersonHandovers, presentHandover, presentMonitoring } from '../repo/moving.ts'
import { listPlans } from '../repo/plans.ts'
import { readCaseRules } from '../repo/settings.ts'
import { listReviews } from '../repo/reviews.ts'
import { PersonListQuery, PersonParams } from '../schemas/persons.ts'
import { validate } from '../schemas/validate.ts'

/** People of one province, under /api/p/:province/persons. Writes are commands (kernel/commands/, worker/commands/run.ts). */
export const personRoutes = new Hono<AppEnv>()
  .get('/', guard('person:read'), validate('query', PersonListQuery), async (c) => {
    const { q, commune, category, status, cursor, limit } = c.req.valid('query')
    // A commune filter outside a commune officer's scope is a commune they cannot see: 404.
    if (commune) authorize(actorOf(c), 'person:read', { province: c.var.tenant.code, commune })
    const after = cursor === undefined ? undefined : decodePersonCursor(cursor)
    if (cursor !== undefined && !after) throw fieldError('query.cursor', 'is not a cursor from this API')
    const rows = await withAuditTail(
      c,
      listPersons(c.var.tenant.db, { communes: commune ? [commune] : communeScope(actorOf(c)), q, category, status, limit, after }),
    )
    const page = rows.slice(0, limit)
    await auditRead(c, 'person.list', { type: 'person', id: null }, { count: page.length })
    return c.json({ data: page.map(presentPerson), next: rows.length > limit ? encodePersonCursor(page.at(-1)!) : null })
  })
  .post('/', guard('person:write'), (c) => runHttp(c, personCreate, { status: 201 }))
  .get('/:personId', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    await auditRead(c, 'person.read', { type: 'person', id: person.id })
    return c.json({ data: presentPerson(person) })
  })
  .patch('/:personId', guard('person:write'), validate('param', PersonParams), (c) => runHttp(c, personUpdate, { entityId: c.req.valid('param').personId }))
  .get('/:personId/plans', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'plan.list', { type: 'person', id: person.id }, () => listPlans(c.var.tenant.db, person.id)) })
  })
  .post('/:personId/plans', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, planCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .get('/:personId/reviews', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'review.list', { type: 'person', id: person.id }, () => listReviews(c.var.tenant.db, person.id)) })
  })
  .post('/:personId/reviews', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, reviewCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .get('/:personId/timeline', guard('person:read'), validate('param', PersonParams), async (c) => {
    const { person, result: eventsOf } = await readPerson(c, 'person.timeline', c.req.valid('param').personId, () =>
      timeline(c.var.tenant.db, c.req.valid('param').personId),
    )
    const events = eventsOf(person)
    // Records keep the recorder's id; the name is looked up for this answer (names change, records do not).
    const names = await displayNamesOf(
      c.var.deps.control,
      events.flatMap((e) => (e.by ? [e.by] : [])),
    )
    const named = events.map((e) => {
      const byName = e.by ? (names.get(e.by) ?? null) : null
      // A decision's line names who recorded it (the plan card reads it from the summary).
      return { ...e, byName, ...(e.kind === 'plan_status' ? { summary: { ...e.summary, byName } } : {}) }
    })
    return c.json({ data: { person: presentPerson(person), events: named } })
  })
  .get('/:personId/post-rehab', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'post_rehab.list', { type: 'person', id: person.id }, () => listPostRehab(c.var.tenant.db, person.id)) })
  })
  .get('/:personId/support', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'support.list', { type: 'person', id: person.id }, () => listSupport(c.var.tenant.db, person.id)) })
  })
  .post('/:personId/support', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, supportCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .get('/:personId/management-periods', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'management.list', { type: 'person', id: person.id }, () => listManagementPeriods(c.var.tenant.db, person.id)) })
  })
  .post('/:personId/management-periods', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, managementPeriodCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  // Moving (Law 120/2025, decision 0029): the sending commune records the move; the receiving one answers it
  // under /handovers.
  .get('/:personId/handovers', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    const [rules, rows] = await auditedRead(c, 'handover.list', { type: 'person', id: person.id }, () =>
      Promise.all([readCaseRules(c.var.tenant.db), listPersonHandovers(c.var.tenant.db, person.id)]),
    )
    const now = c.var.deps.clock.now()
    return c.json({ data: rows.map((row) => presentHandover(row)).map((record) => ({ ...record, due: handoverDue(record, rules, now) })) })
  })
  .post('/:personId/handovers', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, handoverCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .get('/:personId/monitoring', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    const rows = await auditedRead(c, 'monitoring.list', { type: 'person', id: person.id }, () => listMonitoring(c.var.tenant.db, person.id))
    return c.json({ data: rows.map((row) => presentMonitoring(row)) })
  })
  .post('/:personId/monitoring', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, monitoringCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .get('/:personId/legal-records', guard('person:read'), validate('param', PersonParams), async (c) => {
    const person = await readable(c, 'persons', c.req.valid('param').personId)
    return c.json({ data: await auditedRead(c, 'legal_records.list', { type: 'person', id: person.id }, () => listLegalRecords(c.var.tenant.db, person.id)) })
  })
  .post('/:personId/determinations', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, determinationCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .post('/:personId/referrals', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, referralCreate, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
  .post('/:personId/methadone', guard('person:write'), validate('param', PersonParams), (c) =>
    runHttp(c, methadoneStart, { with: { personId: c.req.valid('param').personId }, status: 201 }),
  )
