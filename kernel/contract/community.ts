import type { ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../community-records.ts'

/** GET /models/:id: the model, its members with their names (in the reader's scope), its latest sessions. */
export type ModelPage = ModelRecord & {
  members: (ModelMemberRecord & { fullName: string | null; personCommune: string | null })[]
  sessions: ModelSessionRecord[]
}
