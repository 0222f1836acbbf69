import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { readReviewPolicySetting, writeReviewPolicy, type StoredReviewPolicy } from '../repo/settings.ts'
import type { ProvinceSettingsInput } from '../schemas/settings.ts'

/** The province's settings (tenant_meta). Today only the review policy (DOMAIN.md §4.5, TBC). */
export type ProvinceSettings = StoredReviewPolicy

export function provinceSettings(db: TenantDb): Promise<ProvinceSettings> {
  return readReviewPolicySetting(db)
}

/** Sets the review policy, audited as `province.settings` with the old and new values (no personal data). */
export async function updateProvinceSettings(db: TenantDb, ctx: AuditContext, input: ProvinceSettingsInput): Promise<ProvinceSettings> {
  return writeTransaction(db, async (tx) => {
    const before = await readReviewPolicySetting(tx)
    await writeReviewPolicy(tx, input.reviewPolicy)
    await appendAudit(tx, {
      ...ctx,
      action: 'province.settings',
      entityType: 'province_settings',
      entityId: 'review_policy',
      outcome: 'success',
      details: {
        intervalMonths: input.reviewPolicy.intervalMonths,
        graceDays: input.reviewPolicy.graceDays,
        previousIntervalMonths: before.reviewPolicy.intervalMonths,
        previousGraceDays: before.reviewPolicy.graceDays,
        previousDefault: before.isDefault,
      },
    })
    return { reviewPolicy: { ...input.reviewPolicy }, isDefault: false }
  })
}
