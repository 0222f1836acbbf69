// GET /sync/pull's sources for moving and electronic monitoring (Law 120/2025, docs/decisions/0029).
import { asc, eq, gte, inArray, or } from 'drizzle-orm'
import { handovers, monitoringRecords } from '../../db/tenant/schema/index.ts'
import { presentHandover, presentMonitoring } from './moving.ts'
import { found, type Source } from './sync-pull.ts'

export const movingSources = {
  // Both communes see a hand-over: the receiving one accepts it, the sending one follows it.
  handover: {
    id: handovers.id,
    commune: handovers.communeCode,
    order: [handovers.id],
    scoped: (communes) => (communes ? or(inArray(handovers.communeCode, [...communes]), inArray(handovers.fromCommuneCode, [...communes])) : undefined),
    snapshot: (since) => or(eq(handovers.status, 'pending'), gte(handovers.movedOn, since)),
    load: async (db, where, limit) => found(await db.select().from(handovers).where(where).orderBy(asc(handovers.id)).limit(limit), presentHandover),
  },
  monitoring: {
    id: monitoringRecords.id,
    commune: monitoringRecords.communeCode,
    order: [monitoringRecords.id],
    snapshot: () => eq(monitoringRecords.status, 'active'),
    load: async (db, where, limit) =>
      found(await db.select().from(monitoringRecords).where(where).orderBy(asc(monitoringRecords.id)).limit(limit), presentMonitoring),
  },
} satisfies Record<'handover' | 'monitoring', Source>
