// The owner kind contract (decision 0038): what may carry evidence files. Each kind finds its owner in the
// province's database; the attachment follows the owner's scope (its commune) and its state (open to files or
// not). Adding a kind is one entry here; nothing else in the attachments module knows what an owner is.
import type { TenantDb } from '../../db/types.ts'
import { findAssessment } from '../repo/certification-records.ts'
import { communeExists } from '../repo/persons.ts'

export interface AttachmentOwner {
  /** Whose officers attach and read (commune scope); the province's roles read every commune's. */
  communeCode: string
  /** False once the owner takes no more files (an assessment submitted or decided): uploads answer 409. */
  acceptsFiles: boolean
  /** The criterion codes a file may be attached to; absent: any code the client gives (or none). */
  criteria?: readonly string[] | undefined
}

/** Finds the owner, or undefined when there is none with this id (404). */
export type OwnerLocator = (db: TenantDb, ownerId: string) => Promise<AttachmentOwner | undefined>

export const ownerKinds = {
  /**
   * The commune itself (owner id = commune code): documents that belong to no single record yet, such as the
   * police's figures typed in with their source document (issue 17, point 2).
   */
  commune: async (db, code) => ((await communeExists(db, code)) ? { communeCode: code, acceptsFiles: true } : undefined),
  /**
   * A drug-free commune's yearly assessment (decision 0037): files while the commune prepares it (a draft, or
   * returned for changes); once submitted its dossier is fixed and uploads answer 409. Any criterion code of the
   * assessment's set may be named (the set depends on the version confirmed when it was started).
   */
  assessment: async (db, id) => {
    const found = await findAssessment(db, id)
    return found && { communeCode: found.communeCode, acceptsFiles: found.status === 'draft' || found.status === 'returned' }
  },
} satisfies Record<string, OwnerLocator>

export type OwnerKind = keyof typeof ownerKinds
export const ownerKindNames = Object.keys(ownerKinds) as OwnerKind[]
