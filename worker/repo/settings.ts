import { eq } from 'drizzle-orm'
import * as v from 'valibot'
import { tenantMeta } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { caseRulesOf, type CaseRules } from '../../kernel/domain/case-rules.ts'
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { ReviewPolicySchema } from '../schemas/settings.ts'

/** The tenant_meta key of the province's review policy (JSON `{intervalMonths, graceDays}`); absent: the default. */
export const REVIEW_POLICY_KEY = 'review_policy'

export interface StoredReviewPolicy {
  reviewPolicy: ReviewPolicy
  /** True when the province never set one (or what is stored is unreadable): DEFAULT_REVIEW_POLICY applies. */
  isDefault: boolean
}

/** The stored value, checked with the same schema as PUT /settings: anything else counts as not set. */
export function parseReviewPolicy(value: string | null | undefined): StoredReviewPolicy {
  if (value == null) return { reviewPolicy: DEFAULT_REVIEW_POLICY, isDefault: true }
  try {
    const parsed = v.safeParse(ReviewPolicySchema, JSON.parse(value))
    if (parsed.success) return { reviewPolicy: parsed.output, isDefault: false }
  } catch {
    // not JSON: the default below
  }
  return { reviewPolicy: DEFAULT_REVIEW_POLICY, isDefault: true }
}

/** The province's review policy: one primary-key lookup in tenant_meta. Read once per request. */
export async function readReviewPolicySetting(db: TenantDb | TenantTx): Promise<StoredReviewPolicy> {
  const [row] = await db.select({ value: tenantMeta.value }).from(tenantMeta).where(eq(tenantMeta.key, REVIEW_POLICY_KEY))
  return parseReviewPolicy(row?.value)
}

// Plain SQL through the driver for the per-request read (every caseload, report and pull page): the query
// builder's per-call work would be a measurable share of the caseload request (docs/benchmarks.md).
const REVIEW_POLICY_SQL = `select "${tenantMeta.value.name}" from "tenant_meta" where "${tenantMeta.key.name}" = ?`

/** The review policy's row, not yet run (one of the report's batch); parseReviewPolicy reads its value. */
export function reviewPolicyQuery(db: TenantDb) {
  return db.select({ value: tenantMeta.value }).from(tenantMeta).where(eq(tenantMeta.key, REVIEW_POLICY_KEY))
}

/** The policy in effect for this request; the settings themselves (with isDefault) are readReviewPolicySetting. */
export async function readReviewPolicy(db: TenantDb): Promise<ReviewPolicy> {
  const result = await db.$client.execute({ sql: REVIEW_POLICY_SQL, args: [REVIEW_POLICY_KEY] })
  const value = result.rows[0]?.[0]
  return parseReviewPolicy(typeof value === 'string' ? value : null).reviewPolicy
}

export async function writeReviewPolicy(tx: TenantTx, policy: ReviewPolicy): Promise<void> {
  const value = JSON.stringify({ intervalMonths: policy.intervalMonths, graceDays: policy.graceDays })
  await tx.insert(tenantMeta).values({ key: REVIEW_POLICY_KEY, value }).onConflictDoUpdate({ target: tenantMeta.key, set: { value } })
}

/** The tenant_meta key of the province's case rules (JSON, kernel/domain/case-rules.ts); absent: the defaults. */
export const CASE_RULES_KEY = 'case_rules'

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return undefined
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

/** The case rules in effect (every field: the stored value, or its default) and whether any were ever stored: one lookup. */
export async function readStoredCaseRules(db: TenantDb | TenantTx): Promise<{ caseRules: CaseRules; isDefault: boolean }> {
  const [row] = await db.select({ value: tenantMeta.value }).from(tenantMeta).where(eq(tenantMeta.key, CASE_RULES_KEY))
  return { caseRules: caseRulesOf(parseJson(row?.value)), isDefault: row === undefined }
}

/** The case rules in effect: one primary-key lookup. */
export async function readCaseRules(db: TenantDb | TenantTx): Promise<CaseRules> {
  return (await readStoredCaseRules(db)).caseRules
}

export async function writeCaseRules(tx: TenantTx, rules: CaseRules): Promise<void> {
  const value = JSON.stringify(rules)
  await tx.insert(tenantMeta).values({ key: CASE_RULES_KEY, value }).onConflictDoUpdate({ target: tenantMeta.key, set: { value } })
}
