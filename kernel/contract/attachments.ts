import type { AttachmentContentType } from '../domain/attachment-file.ts'

/** An evidence file as the API shows it (decision 0038): never where it is stored. */
export interface AttachmentView {
  id: string
  ownerKind: string
  ownerId: string
  communeCode: string
  criterionCode: string | null
  fileName: string
  contentType: string | null
  size: number
  sha256: string
  received: number
  state: 'pending' | 'complete'
  uploadedBy: string | null
  uploadedAt: string
  completedAt: string | null
}

export type { AttachmentContentType }
