import { Hono, type Context } from 'hono'
import { activityCreate } from '../../kernel/commands/activity-create.ts'
import { activityUpdate } from '../../kernel/commands/activity-update.ts'
import { modelCreate } from '../../kernel/commands/model-create.ts'
import { modelMemberAdd } from '../../kernel/commands/model-member-add.ts'
import { modelMemberRemove } from '../../kernel/commands/model-member-remove.ts'
import { modelSessionCreate } from '../../kernel/commands/model-session-create.ts'
import { modelUpdate } from '../../kernel/commands/model-update.ts'
import { activityTotals } from '../../kernel/domain/activity-rules.ts'
import { modelFigures } from '../../kernel/domain/model-figures.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { AppError, fieldError } from '../errors.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { auditRead } from '../reads.ts'
import {
  activitiesInPeriod,
  findActivity,
  findModel,
  listActivities,
  listActivityVersions,
  listMembers,
  listModels,
  listSessions,
  modelsForFigures,
} from '../repo/community.ts'
import { ActivityListQuery, ActivityParams, decodeKeyset, encodeKeyset, FiguresQuery, MemberParams, ModelListQuery, ModelParams } from '../schemas/community.ts'
import { validate } from '../schemas/validate.ts'

// The commune's activity log and community models (decision 0033), under /api/p/:province/activities, /models
// and /model-members. Writes are commands (offline too, through POST /sync/push); reads are in the caller's scope.

/** The communes a list or figure covers: one asked for (404 outside the scope), or the caller's scope. */
function communesOf(c: Context<AppEnv>, commune: string | undefined): readonly string[] | null {
  if (commune) {
    authorize(actorOf(c), 'community:read', { province: c.var.tenant.code, commune })
    return [commune]
  }
  return communeScope(actorOf(c))
}

/** A record of another commune does not exist for a commune officer. */
function visible<R extends { communeCode: string }>(c: Context<AppEnv>, record: R | undefined): R {
  if (!record) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), 'community:read', { province: c.var.tenant.code, commune: record.communeCode })
  return record
}

function after(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined
  const keyset = decodeKeyset(cursor)
  if (!keyset) throw fieldError('query.cursor', 'is not a cursor from this API')
  return keyset
}

export const activityRoutes = new Hono<AppEnv>()
  .get('/', guard('community:read'), validate('query', ActivityListQuery), async (c) => {
    const { commune, kind, from, to, cursor, limit } = c.req.valid('query')
    const rows = await listActivities(c.var.tenant.db, { communes: communesOf(c, commune), kind, from, to, after: after(cursor), limit })
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return c.json({ data: page, next: rows.length > limit && last ? encodeKeyset([last.heldOn, last.id]) : null })
  })
  .post('/', guard('community:write'), (c) => runHttp(c, activityCreate, { status: 201 }))
  .get('/totals', guard('community:read'), validate('query', FiguresQuery), async (c) => {
    const { from, to, commune } = c.req.valid('query')
    const communes = communesOf(c, commune)
    const rows = await activitiesInPeriod(c.var.tenant.db, communes, from, to)
    return c.json({ data: { from, to, communes, totals: activityTotals(rows, { from, to }, communes) } })
  })
  .get('/:activityId', guard('community:read'), validate('param', ActivityParams), async (c) => {
    const activity = visible(c, await findActivity(c.var.tenant.db, c.req.valid('param').activityId))
    return c.json({ data: { ...activity, versions: await listActivityVersions(c.var.tenant.db, activity.id) } })
  })
  .patch('/:activityId', guard('community:write'), validate('param', ActivityParams), (c) =>
    runHttp(c, activityUpdate, { entityId: c.req.valid('param').activityId }),
  )

export const modelRoutes = new Hono<AppEnv>()
  .get('/', guard('community:read'), validate('query', ModelListQuery), async (c) => {
    const { commune, kind, cursor, limit } = c.req.valid('query')
    const rows = await listModels(c.var.tenant.db, { communes: communesOf(c, commune), kind, after: after(cursor), limit })
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return c.json({ data: page, next: rows.length > limit && last ? encodeKeyset([last.kind, last.id]) : null })
  })
  .post('/', guard('community:write'), (c) => runHttp(c, modelCreate, { status: 201 }))
  .get('/figures', guard('community:read'), validate('query', FiguresQuery), async (c) => {
    const { from, to, commune } = c.req.valid('query')
    const communes = communesOf(c, commune)
    const { models, members, sessions } = await modelsForFigures(c.var.tenant.db, communes, from, to)
    return c.json({ data: { from, to, communes, figures: modelFigures(models, members, sessions, { from, to }, communes) } })
  })
  .get('/:modelId', guard('community:read'), validate('param', ModelParams), async (c) => {
    const db = c.var.tenant.db
    const { modelId } = c.req.valid('param')
    // Read together, before the scope is seen (answered only after it): one round trip on a remote database.
    const [found, all, sessions] = await Promise.all([findModel(db, modelId), listMembers(db, modelId), listSessions(db, modelId, 200)])
    const model = visible(c, found)
    // A member who has since moved out of the reader's communes keeps the membership, not the name.
    const scope = communeScope(actorOf(c))
    const members = all.map((m) => (scope && !scope.includes(m.personCommune ?? '') ? { ...m, fullName: null } : m))
    // The members are people under management: the read is in the trail like a person's.
    await auditRead(c, 'model.read', { type: 'model', id: model.id }, { members: members.length })
    return c.json({ data: { ...model, members, sessions } })
  })
  .patch('/:modelId', guard('community:write'), validate('param', ModelParams), (c) => runHttp(c, modelUpdate, { entityId: c.req.valid('param').modelId }))
  .post('/:modelId/members', guard('community:write'), validate('param', ModelParams), (c) =>
    runHttp(c, modelMemberAdd, { with: { modelId: c.req.valid('param').modelId }, status: 201 }),
  )
  .post('/:modelId/sessions', guard('community:write'), validate('param', ModelParams), (c) =>
    runHttp(c, modelSessionCreate, { with: { modelId: c.req.valid('param').modelId }, status: 201 }),
  )

export const modelMemberRoutes = new Hono<AppEnv>().post('/:memberId/leave', guard('community:write'), validate('param', MemberParams), (c) =>
  runHttp(c, modelMemberRemove, { entityId: c.req.valid('param').memberId }),
)
