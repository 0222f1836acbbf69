// GET /sync/pull's sources for the activity log and community models (decision 0033): a commune officer's phone
// keeps its communes' models, their members, and 12 months of activities and sessions.
import { asc, gte, type SQL } from 'drizzle-orm'
import { communityActivities, communityModelMembers, communityModels, communityModelSessions } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { presentActivity, presentMember, presentModel, presentSession } from './community.ts'
import { found, type Source } from './sync-pull.ts'

const a = communityActivities
const m = communityModels
const mm = communityModelMembers
const s = communityModelSessions
const byModel = (row: { modelId: string; id: string }) => [row.modelId, row.id]

export const communitySources: Record<'activity' | 'model' | 'model_member' | 'model_session', Source> = {
  activity: {
    id: a.id,
    commune: a.communeCode,
    order: [a.id],
    snapshot: (since) => gte(a.heldOn, since),
    load: async (db: TenantDb, where: SQL | undefined, limit: number) =>
      found(await db.select().from(a).where(where).orderBy(asc(a.id)).limit(limit), presentActivity),
  },
  model: {
    id: m.id,
    commune: m.communeCode,
    order: [m.id],
    snapshot: () => undefined,
    load: async (db, where, limit) => found(await db.select().from(m).where(where).orderBy(asc(m.id)).limit(limit), presentModel),
  },
  model_member: {
    id: mm.id,
    commune: mm.communeCode,
    order: [mm.modelId, mm.id],
    snapshot: () => undefined,
    load: async (db, where, limit) => found(await db.select().from(mm).where(where).orderBy(asc(mm.modelId), asc(mm.id)).limit(limit), presentMember, byModel),
  },
  model_session: {
    id: s.id,
    commune: s.communeCode,
    order: [s.id],
    snapshot: (since) => gte(s.heldOn, since),
    load: async (db, where, limit) => found(await db.select().from(s).where(where).orderBy(asc(s.id)).limit(limit), presentSession),
  },
}
