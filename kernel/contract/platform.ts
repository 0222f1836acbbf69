import type { CommuneKind, TenantStatus } from '../vocabulary.ts'

/** A province of the registry (GET /api/provinces, every role). */
export interface ProvinceSummary {
  code: string
  name: string
  status: string
  communeCount: number | null
}

/** The same with its onboarding state, for central admins (GET /api/admin/provinces). */
export interface ProvinceAdminView extends ProvinceSummary {
  provider: string | null
  activatedAt: string | null
}

export interface OnboardResult {
  province: string
  status: string
  stepsRun: string[]
}

export interface TenantStatusChange {
  province: string
  status: Extract<TenantStatus, 'active' | 'suspended'>
  changed: boolean
}

export interface Commune {
  code: string
  name: string
  kind: CommuneKind
}

export interface AuditEntry {
  seq: number
  at: string
  actorId: string | null
  actorRole: string | null
  action: string
  entityType: string
  entityId: string | null
  provinceCode: string | null
  outcome: 'success' | 'failure'
  requestId: string | null
  details: Record<string, string | number | boolean | null> | null
}

/** A province's settings (GET/PUT /api/p/:province/settings). */
export interface ProvinceSettings {
  reviewPolicy: { intervalMonths: number; graceDays: number }
  /** Nothing was saved yet: the defaults apply. */
  isDefault: boolean
}
