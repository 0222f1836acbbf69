import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { CaseRules } from '../../kernel/domain/case-rules.ts'
import type { AuditContext } from '../audit-context.ts'
import { persisted, tenantWrites } from '../commands/persist.ts'
import { readStoredCaseRules, readReviewPolicySetting, writeCaseRules, writeReviewPolicy, type StoredReviewPolicy } from '../repo/settings.ts'
import type { ProvinceSettingsInput } from '../schemas/settings.ts'

/** The province's settings (tenant_meta): the review policy (DOMAIN.md §4.5, TBC) and the case rules (decision 0025). */
export type ProvinceSettings = StoredReviewPolicy & { caseRules: CaseRules; caseRulesDefault: boolean }

export async function provinceSettings(db: TenantDb): Promise<ProvinceSettings> {
  const [review, { caseRules, isDefault }] = await Promise.all([readReviewPolicySetting(db), readStoredCaseRules(db)])
  return { ...review, caseRules, caseRulesDefault: isDefault }
}

type AuditValue = string | number | boolean | null

/**
 * Sets what the body names, audited as `province.settings` with the old and new values (no personal data). Both
 * settings are read at once and the writes go with their entry as one batch (decision 0049's addendum of
 * 2026-12-07): every change of them appends to the trail, so the entry's guard proves what was read unchanged.
 */
export async function updateProvinceSettings(db: TenantDb, ctx: AuditContext, input: ProvinceSettingsInput): Promise<ProvinceSettings> {
  return persisted(tenantWrites(db), async (tx: TenantTx, audit) => {
    const [review, stored] = await Promise.all([readReviewPolicySetting(tx), readStoredCaseRules(tx)])
    const rulesBefore = stored.caseRules
    const details: Record<string, AuditValue> = {}
    if (input.reviewPolicy) {
      await writeReviewPolicy(tx, input.reviewPolicy)
      Object.assign(details, {
        intervalMonths: input.reviewPolicy.intervalMonths,
        graceDays: input.reviewPolicy.graceDays,
        previousIntervalMonths: review.reviewPolicy.intervalMonths,
        previousGraceDays: review.reviewPolicy.graceDays,
        previousDefault: review.isDefault,
      })
    }
    let caseRules = rulesBefore
    if (input.caseRules) {
      caseRules = { ...rulesBefore, ...(definedOf(input.caseRules) as Partial<CaseRules>) }
      await writeCaseRules(tx, caseRules)
      for (const key of Object.keys(caseRules) as (keyof CaseRules)[]) {
        if (JSON.stringify(caseRules[key]) === JSON.stringify(rulesBefore[key])) continue
        details[key] = auditValue(caseRules[key])
        details[`previous${key[0]?.toUpperCase()}${key.slice(1)}`] = auditValue(rulesBefore[key])
      }
    }
    await audit({
      ...ctx,
      action: 'province.settings',
      entityType: 'province_settings',
      entityId: input.reviewPolicy ? 'review_policy' : 'case_rules',
      outcome: 'success',
      details,
    })
    const reviewNow = input.reviewPolicy ? { reviewPolicy: { ...input.reviewPolicy }, isDefault: false } : review
    return { ...reviewNow, caseRules, caseRulesDefault: input.caseRules ? false : stored.isDefault }
  })
}

const definedOf = (value: object): Record<string, unknown> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))

const auditValue = (value: CaseRules[keyof CaseRules]): AuditValue => (Array.isArray(value) ? value.join(',') : value)
