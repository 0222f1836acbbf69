import type { CaseRules } from '../domain/case-rules.ts'
import type { CommuneKind, TenantStatus } from '../vocabulary.ts'
import type { Role } from '../roles.ts'

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
  /** Why the last onboarding run stopped (English, from the server), and when; null when none failed. */
  onboardingError: string | null
  onboardingErrorAt: string | null
  /**
   * Central admins only: the province database as the registry records it (the 10-minute watch and every request
   * that meets a fault keep it; decision 0017's addendum of 2026-12-08); null when it has none yet.
   */
  database?: { status: 'available' } | { status: 'unavailable'; reason: string; since: string | null } | null
}

/** GET /api/p/:province/health: the province's database checked now (identity, schema, quick_check); 503 when it fails. */
export interface TenantHealth {
  province: string
  status: string
  depth: string
  checkedAt: string
}

/**
 * POST /api/admin/provinces. Node onboards within the request (201, `stepsRun` the steps done). Workers answer 202
 * with `started` and the run's `job`; the registry `status` then moves on, seen by polling the province list.
 */
export interface OnboardResult {
  province: string
  status: string
  stepsRun: string[]
  started: boolean
  job: string | null
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

/** One line of an audit trail (GET …/audit, …/access-log): an entry, or `count` repeated reads of one (decision 0020). */
export interface AuditLine {
  seq: number
  at: string
  actorId: string | null
  actorName: string | null
  actorRole: Role | null
  action: string
  entityType: string
  entityId: string | null
  /** The person whose page shows the record (a person, plan, review…). */
  personId: string | null
  provinceCode: string | null
  outcome: 'success' | 'failure'
  requestId: string | null
  details: Record<string, string | number | boolean | null> | null
  count: number
  firstSeq: number
  firstAt: string
}

/** A province's settings (GET/PUT /api/p/:province/settings). */
export interface ProvinceSettings {
  reviewPolicy: { intervalMonths: number; graceDays: number }
  /** Nothing was saved yet: the defaults apply. */
  isDefault: boolean
  /** The case rules in effect (kernel/domain/case-rules.ts, decision 0025). */
  caseRules: CaseRules
  /** The province never set its case rules: the defaults apply. */
  caseRulesDefault: boolean
}
