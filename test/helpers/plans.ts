// A plan's steps as the law records them, for the API tests: the decisions they rest on, and the stages that
// must be done before a completion (kernel/domain/plan-stages.ts). Synthetic names and numbers only.
import { jsonBody } from './platform.ts'
import { createTestUser, sessionCookieFor } from './users.ts'

export const decisionOn = (date: string, number = '01/QĐ-UBND (thử)') => ({
  number,
  date,
  signer: 'Chủ tịch UBND xã (thử)',
  signerRole: 'commune_chair',
  body: 'UBND xã Thử Nghiệm',
})

/** The first three stages, which completion needs. */
export const REQUIRED = ['intake_classification', 'detox_treatment', 'education_counselling'] as const

type Call = (path: string, init: RequestInit) => Promise<Response>

/**
 * Marks the first three stages of an active plan done (actual dates from `from` to `to`); answers the plan's new
 * version. `call` takes a path under the province, e.g. `/plans/:id/stages`.
 */
export async function finishStages(call: Call, planId: string, version: number, from = '2026-03-15', to = '2026-06-15'): Promise<number> {
  let v = version
  for (const stage of REQUIRED) {
    const res = await call(`/plans/${planId}/stages`, jsonBody('POST', { version: v, stage, actualStartOn: from, actualEndOn: to, done: true }))
    if (res.status !== 200) throw new Error(`stage ${stage}: ${res.status} ${await res.text()}`)
    v += 1
  }
  return v
}

/** The body of a completion: the certificate, and what opens post-rehab where the province opens it. */
export const completionBody = (version: number, date: string, more: Record<string, unknown> = {}) => ({
  version,
  decision: decisionOn(date, 'GXN-01/2026 (thử)'),
  supportModel: 'b93_club',
  supporterName: 'Tình nguyện viên (thử)',
  openDecision: decisionOn(date, '02/QĐ-UBND (thử)'),
  ...more,
})

/**
 * Sets the province's case rules as its admin would (PUT /settings). The law's default opens no post-rehab after
 * voluntary rehab; tests that follow post-rehab management after a completion turn it on.
 */
export async function setCaseRules(
  t: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  control: Parameters<typeof createTestUser>[0],
  caseRules: Record<string, unknown>,
  province = '82',
): Promise<void> {
  const admin = await createTestUser(control, { username: `rules-admin-${crypto.randomUUID().slice(0, 8)}`, role: 'province_admin', province })
  const cookie = await sessionCookieFor(control, admin)
  const res = await t.request(`/api/p/${province}/settings`, { ...jsonBody('PUT', { caseRules }), headers: { ...jsonBody('PUT', {}).headers, cookie } })
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${await res.text()}`)
}
