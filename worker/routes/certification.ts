// Drug-free communes (decision 0037), under /api/p/:province/certification and
// /api/p/:province/communes/:code/assessments. Writes are commands (the commune's preparing offline too);
// reads are in the caller's scope: a commune officer sees their communes, central roles nothing.
import { Hono, type Context } from 'hono'
import { assessmentCreate, assessmentUpdate } from '../../kernel/commands/assessment-prepare.ts'
import { assessmentDecide, assessmentReturn, assessmentSubmit } from '../../kernel/commands/assessment-review.ts'
import { criteriaConfirm } from '../../kernel/commands/criteria-confirm.ts'
import { populationRecord } from '../../kernel/commands/population-record.ts'
import { flagReview, statusPeriodRevoke } from '../../kernel/commands/status-period.ts'
import { currentSet } from '../../kernel/domain/certification/set-in-force.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { AppError } from '../errors.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, can, communeScope } from '../policy.ts'
import { findAssessment, findFlag, findPeriod, listCriteriaSets, listTransitions } from '../repo/certification-records.ts'
import { managedPeople, populations } from '../repo/certification-figures.ts'
import { assessmentsOfCommune, listPopulations, periodsIn } from '../repo/certification.ts'
import { listFlags } from '../repo/certification-flags.ts'
import { AssessmentParams, CommuneParams, FlagQuery, IdParams, PopulationQuery, YearQuery } from '../schemas/certification.ts'
import { validate } from '../schemas/validate.ts'
import { provinceOverview } from '../services/certification.ts'
import { assessmentView } from '../../kernel/domain/certification/checklist.ts'
import { certificationWorkbook } from '../services/certification-xlsx.ts'

const notFound = () => new AppError('not_found', 404, 'Not found')

/** The communes a read covers: one asked for (404 outside the scope), or the caller's scope. */
function communesOf(c: Context<AppEnv>, commune: string | undefined): readonly string[] | null {
  if (commune) {
    authorize(actorOf(c), 'certification:read', { province: c.var.tenant.code, commune })
    return [commune]
  }
  return communeScope(actorOf(c))
}

const inCommune = (c: Context<AppEnv>) => ({ province: c.req.param('province'), commune: c.req.param('code') })

/** The assessment the path names, in the path's commune (another commune's does not exist here). */
async function assessmentAt(c: Context<AppEnv>, code: string, id: string) {
  const a = await findAssessment(c.var.tenant.db, id)
  if (!a || a.communeCode !== code) throw notFound()
  return a
}

export const certificationRoutes = new Hono<AppEnv>()
  .get('/criteria', guard('certification:read'), async (c) => {
    const sets = await listCriteriaSets(c.var.tenant.db)
    return c.json({ data: { current: currentSet(sets), versions: sets.map(({ content: _content, ...meta }) => meta) } })
  })
  .put('/criteria', guard('certification:configure'), (c) => runHttp(c, criteriaConfirm))
  .get('/populations', guard('certification:read'), validate('query', PopulationQuery), async (c) => {
    const { year, commune } = c.req.valid('query')
    return c.json({ data: await listPopulations(c.var.tenant.db, { communes: communesOf(c, commune), year }) })
  })
  .post('/populations', guard('certification:configure'), (c) => runHttp(c, populationRecord, { status: 201 }))
  .get('/overview', guard('certification:read'), validate('query', YearQuery), async (c) => {
    return c.json({ data: await provinceOverview(c.var.tenant.db, communeScope(actorOf(c)), c.req.valid('query').year) })
  })
  .get('/export.xlsx', guard('certification:read'), validate('query', YearQuery), async (c) => {
    const { year } = c.req.valid('query')
    const scope = communeScope(actorOf(c))
    const [overview, periods] = await Promise.all([provinceOverview(c.var.tenant.db, scope, year), periodsIn(c.var.tenant.db, scope)])
    const bytes = certificationWorkbook(overview, periods, c.var.tenant.name)
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="xa-khong-ma-tuy-${c.var.tenant.code}-${year}.xlsx"`,
    })
  })
  .get('/flags', guard('certification:read'), validate('query', FlagQuery), async (c) => {
    const { status, commune } = c.req.valid('query')
    const flags = await listFlags(c.var.tenant.db, { communes: communesOf(c, commune), status })
    // A flag says what happened, not to whom, to those who may not read people (the province reviewer).
    const mayReadPeople = can(actorOf(c), 'person:read', { province: c.var.tenant.code })
    return c.json({ data: mayReadPeople ? flags : flags.map((f) => ({ ...f, personId: null })) })
  })
  .post('/flags/:id/review', guard('certification:review'), validate('param', IdParams), async (c) => {
    const { id } = c.req.valid('param')
    return runHttp(c, flagReview, { entityId: id, exists: async () => Boolean(await findFlag(c.var.tenant.db, id)) })
  })
  .get('/status-periods', guard('certification:read'), async (c) => c.json({ data: await periodsIn(c.var.tenant.db, communeScope(actorOf(c))) }))
  .post('/status-periods/:id/revoke', guard('certification:review'), validate('param', IdParams), async (c) => {
    const { id } = c.req.valid('param')
    return runHttp(c, statusPeriodRevoke, { entityId: id, exists: async () => Boolean(await findPeriod(c.var.tenant.db, id)) })
  })

export const assessmentRoutes = new Hono<AppEnv>()
  .get('/', guard('certification:read', inCommune), validate('param', CommuneParams), async (c) => {
    return c.json({ data: await assessmentsOfCommune(c.var.tenant.db, c.req.valid('param').code) })
  })
  .post('/', guard('certification:prepare', inCommune), validate('param', CommuneParams), (c) =>
    runHttp(c, assessmentCreate, { status: 201, with: { communeCode: c.req.valid('param').code } }),
  )
  .get('/:id', guard('certification:read', inCommune), validate('param', AssessmentParams), async (c) => {
    const { code, id } = c.req.valid('param')
    const db = c.var.tenant.db
    const a = await assessmentAt(c, code, id)
    const [sets, transitions, managed, population] = await Promise.all([
      listCriteriaSets(db),
      listTransitions(db, id),
      managedPeople(db, [code], a.year),
      populations(db, [code], a.year),
    ])
    return c.json({ data: assessmentView(a, sets, { managedPeople: managed.get(code) ?? 0, population: population.get(code) ?? null }, transitions) })
  })
  .patch('/:id', guard('certification:prepare', inCommune), validate('param', AssessmentParams), (c) => {
    const { code, id } = c.req.valid('param')
    return runHttp(c, assessmentUpdate, { entityId: id, targetIn: code })
  })
  .post('/:id/submit', guard('certification:prepare', inCommune), validate('param', AssessmentParams), (c) => {
    const { code, id } = c.req.valid('param')
    return runHttp(c, assessmentSubmit, { entityId: id, targetIn: code })
  })
  .post('/:id/return', guard('certification:review', inCommune), validate('param', AssessmentParams), (c) => {
    const { code, id } = c.req.valid('param')
    return runHttp(c, assessmentReturn, { entityId: id, targetIn: code })
  })
  .post('/:id/decide', guard('certification:review', inCommune), validate('param', AssessmentParams), (c) => {
    const { code, id } = c.req.valid('param')
    return runHttp(c, assessmentDecide, { entityId: id, targetIn: code })
  })
