// A synthetic yearly plan for a demo province (decision 0036), shaped like the plans provinces issue ("Kế hoạch
// 75/KH-UBND … năm 2021"): a target for the province on every indicator, and the demo communes' own. Pure and
// deterministic; invented signer; the numbers are plausible for a province of the demo's size, not real.
import type { TargetPlanRecord, TargetValue } from '../../kernel/commands/target-plan-put.ts'
import { INDICATORS, type TargetIndicator } from '../../kernel/domain/target-indicators.ts'

const PROVINCE: Record<TargetIndicator, number> = {
  compulsory_referrals: 56,
  community_rehab_started: 120,
  community_rehab_completed: 80,
  jobs_given: 40,
  loans_given: 25,
  drug_free_communes: 3,
  awareness_sessions: 300,
  awareness_participants: 15_000,
  b93_clubs: 20,
  support_groups_5_1: 30,
}
const COMMUNE: Partial<Record<TargetIndicator, number>> = {
  compulsory_referrals: 6,
  community_rehab_started: 12,
  community_rehab_completed: 8,
  jobs_given: 4,
  loans_given: 3,
  awareness_sessions: 12,
  awareness_participants: 600,
  b93_clubs: 1,
  support_groups_5_1: 2,
}

export function generateTargetPlanDemo(opts: { now: Date; communes: readonly string[] }): TargetPlanRecord {
  const today = opts.now.toISOString().slice(0, 10)
  const year = Number(today.slice(0, 4))
  const at = opts.now.toISOString()
  const targets: TargetValue[] = INDICATORS.map((i) => ({ indicator: i.code, communeCode: null, value: PROVINCE[i.code] }))
  // The first commune (the demo's busiest) gets twice the others' share.
  for (const [n, communeCode] of opts.communes.entries())
    for (const [indicator, value] of Object.entries(COMMUNE) as [TargetIndicator, number][])
      targets.push({ indicator, communeCode, value: n === 0 ? value * 2 : value })
  const march = `${year}-03-15`
  return {
    year,
    number: '75/KH-UBND',
    issuedOn: today < march ? today : march,
    signer: 'KT. Chủ tịch — Phó Chủ tịch Nguyễn Văn An (thử)',
    title: `Kế hoạch cai nghiện ma túy và quản lý sau cai nghiện ma túy trên địa bàn tỉnh năm ${year} (thử)`,
    targets,
    version: 1,
    createdAt: at,
    createdBy: null,
    updatedAt: at,
    updatedBy: null,
  }
}
