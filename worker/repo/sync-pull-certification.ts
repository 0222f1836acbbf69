// GET /sync/pull's source for the commune's drug-free self-assessments (decision 0044): the phone starts, prepares
// and submits them offline, so it keeps this year's and last year's of its communes (a dossier is a commune's
// figures and answers; it names nobody).
import { asc, gte } from 'drizzle-orm'
import { communeAssessments } from '../../db/tenant/schema/index.ts'
import { presentAssessment } from './certification-records.ts'
import { found, type Source } from './sync-pull.ts'

export const certificationSources = {
  assessment: {
    id: communeAssessments.id,
    commune: communeAssessments.communeCode,
    order: [communeAssessments.id],
    // `since` is a year of history back: its year and later (last year's dossier is still being decided in spring).
    snapshot: (since) => gte(communeAssessments.year, Number(since.slice(0, 4))),
    load: async (db, where, limit) =>
      found(await db.select().from(communeAssessments).where(where).orderBy(asc(communeAssessments.id)).limit(limit), presentAssessment),
  },
} satisfies Record<'assessment', Source>
