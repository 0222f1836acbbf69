import type { DeterminationRecord, ManagementPeriodRecord, MethadoneRecord, ReferralRecord } from '../records.ts'
import type { Caseload, DueWork, Handover, Person, Plan, PostRehabRecord, TimelineEvent } from './cases.ts'
import type { LinkInfo, LinkSent, Me, OutboxEntry, UserView } from './identity.ts'
import type { ImportPreview, ImportRecord, ImportRow } from './imports.ts'
import type { AuditLine, Commune, OnboardResult, ProvinceAdminView, ProvinceSettings, ProvinceSummary, TenantHealth, TenantStatusChange } from './platform.ts'
import type { ReportTrend, ThinReport } from './reports.ts'
import type { CentralSummary, CentralTrend, ProvinceOverview, ProvinceTrend, RefreshOutcome } from './central.ts'
import type { PullPage, PushResult } from './sync.ts'
import type { ModelPage } from './community.ts'
import type { TargetsView } from './targets.ts'
import type { AttachmentView } from './attachments.ts'
import type { ActivityRecord, ModelRecord } from '../community-records.ts'
import type { AssessmentRecord, CertificationFlagRecord, CriteriaSetRecord, PopulationRecord, StatusPeriodRecord } from '../certification-records.ts'
import type { AssessmentView, CertificationOverview, CriteriaView } from './certification.ts'

/** `{ data }`: how the API wraps every answer. */
export interface Data<T> {
  data: T
}
/** A page of a list and the cursor of the next one (null: the last page). */
export interface Page<T, Cursor = string> {
  data: T[]
  next: Cursor | null
}

declare const answer: unique symbol
/** A type-only marker: the table below is data (its keys are checked against the app's routes) typed by it. */
interface Answer<T> {
  readonly [answer]?: T
}
type AnswerOf<A> = A extends Answer<infer T> ? T : never
const answers = <T>(): Answer<T> => ({})

/**
 * The API the SPA calls, "METHOD path" → the JSON it answers (2xx). The SPA's fetch wrapper (web/src/api.ts)
 * takes only these keys and returns these types; test/contract/server-conforms.test-d.ts checks that what each
 * server route returns is assignable to its entry, so a server change that breaks a screen fails the type check,
 * and test/contract/endpoints.test.ts that every key is a route of the app. Errors: kernel/contract/errors.ts.
 */
export const endpoints = {
  // Identity
  'GET /api/me': answers<Data<Me>>(),
  'POST /api/auth/login': answers<Data<Me>>(),
  'POST /api/auth/logout': answers<Data<{ signedOut: true }>>(),
  'GET /api/auth/links/:token': answers<Data<LinkInfo>>(),
  'POST /api/auth/accept-invite': answers<Data<{ username: string; activated: true }>>(),
  'POST /api/auth/password': answers<Data<{ changed: true }>>(),
  // Platform (central)
  'GET /api/provinces': answers<Data<ProvinceSummary[]>>(),
  'GET /api/admin/provinces': answers<Data<ProvinceAdminView[]>>(),
  'POST /api/admin/provinces': answers<Data<OnboardResult>>(),
  'POST /api/admin/provinces/:province/suspend': answers<Data<TenantStatusChange>>(),
  'POST /api/admin/provinces/:province/resume': answers<Data<TenantStatusChange>>(),
  'GET /api/admin/provinces/:province/admins': answers<Page<UserView>>(),
  'POST /api/admin/provinces/:province/admins': answers<Data<LinkSent>>(),
  'POST /api/admin/provinces/:province/admins/:userId/disable': answers<Data<UserView>>(),
  'POST /api/admin/provinces/:province/admins/:userId/enable': answers<Data<UserView>>(),
  'POST /api/admin/provinces/:province/admins/:userId/reset': answers<Data<LinkSent>>(),
  'GET /api/admin/audit': answers<Page<AuditLine, number>>(),
  'POST /api/admin/provinces/:province/refresh': answers<Data<RefreshOutcome>>(),
  // The central overview (decision 0042)
  'GET /api/central/summary': answers<Data<CentralSummary>>(),
  'GET /api/central/provinces/:province/trend': answers<Data<CentralTrend>>(),
  // The province's own overview of its communes (decision 0045)
  'GET /api/p/:province/overview': answers<Data<ProvinceOverview>>(),
  'GET /api/p/:province/overview/trend': answers<Data<ProvinceTrend>>(),
  // Province administration
  'GET /api/p/:province/users': answers<Page<UserView>>(),
  'GET /api/p/:province/users/:userId': answers<Data<UserView>>(),
  'POST /api/p/:province/users': answers<Data<LinkSent>>(),
  'POST /api/p/:province/users/:userId/disable': answers<Data<UserView>>(),
  'POST /api/p/:province/users/:userId/enable': answers<Data<UserView>>(),
  'POST /api/p/:province/users/:userId/reset': answers<Data<LinkSent>>(),
  'PUT /api/p/:province/users/:userId/access': answers<Data<UserView>>(),
  'GET /api/p/:province/audit': answers<Page<AuditLine, number>>(),
  'GET /api/p/:province/persons/:personId/access-log': answers<Page<AuditLine, number>>(),
  'GET /api/dev/outbox': answers<Data<OutboxEntry[]>>(),
  'GET /api/p/:province/settings': answers<Data<ProvinceSettings>>(),
  'PUT /api/p/:province/settings': answers<Data<ProvinceSettings>>(),
  'GET /api/p/:province/health': answers<Data<TenantHealth>>(),
  'GET /api/p/:province/communes': answers<Data<Commune[]> & { total: number }>(),
  // Case management (read online by province roles; commune officers write through sync)
  'GET /api/p/:province/caseload': answers<Caseload>(),
  'GET /api/p/:province/work': answers<DueWork>(),
  'GET /api/p/:province/persons': answers<Page<Person>>(),
  'GET /api/p/:province/persons/:personId/timeline': answers<Data<{ person: Person; events: TimelineEvent[] }>>(),
  'GET /api/p/:province/persons/:personId/plans': answers<Data<Plan[]>>(),
  'GET /api/p/:province/persons/:personId/post-rehab': answers<Data<PostRehabRecord[]>>(),
  'GET /api/p/:province/handovers': answers<Data<Handover[]> & { summary: { pending: number; overdue: number } }>(),
  'GET /api/p/:province/persons/:personId/legal-records':
    answers<Data<{ determinations: DeterminationRecord[]; referrals: ReferralRecord[]; methadone: MethadoneRecord[] }>>(),
  'GET /api/p/:province/persons/:personId/management-periods': answers<Data<ManagementPeriodRecord[]>>(),
  'GET /api/p/:province/reports': answers<Data<ThinReport>>(),
  'GET /api/p/:province/reports/trend': answers<Data<ReportTrend>>(),
  // Legacy-list import (multipart uploads)
  'GET /api/p/:province/imports': answers<Page<ImportRecord>>(),
  'POST /api/p/:province/imports': answers<Data<ImportPreview>>(),
  'GET /api/p/:province/imports/:importId/rows': answers<Page<ImportRow>>(),
  // Offline sync
  'POST /api/p/:province/sync/push': answers<Data<{ results: PushResult[] }>>(),
  'GET /api/p/:province/sync/pull': answers<Data<PullPage>>(),
  // The activity log and community models (decision 0033): read online by province roles
  'GET /api/p/:province/activities': answers<Page<ActivityRecord>>(),
  'GET /api/p/:province/models': answers<Page<ModelRecord>>(),
  'GET /api/p/:province/models/:modelId': answers<Data<ModelPage>>(),
  // The yearly plan and targets (decision 0036)
  'GET /api/p/:province/targets/:year': answers<Data<TargetsView>>(),
  'PUT /api/p/:province/targets/:year': answers<Data<TargetsView>>(),
  // Evidence files (decision 0038); the parts are PUT as application/octet-stream (web/src/evidence/upload.ts)
  'GET /api/p/:province/attachments': answers<Data<AttachmentView[]>>(),
  'POST /api/p/:province/attachments': answers<Data<AttachmentView>>(),
  'GET /api/p/:province/attachments/:id': answers<Data<AttachmentView>>(),
  'PUT /api/p/:province/attachments/:id/content': answers<Data<AttachmentView>>(),
  // Drug-free communes (decision 0037)
  'GET /api/p/:province/certification/criteria': answers<Data<CriteriaView>>(),
  'PUT /api/p/:province/certification/criteria': answers<Data<CriteriaSetRecord>>(),
  'GET /api/p/:province/certification/populations': answers<Data<PopulationRecord[]>>(),
  'POST /api/p/:province/certification/populations': answers<Data<PopulationRecord>>(),
  'GET /api/p/:province/certification/overview': answers<Data<CertificationOverview>>(),
  'GET /api/p/:province/certification/flags': answers<Data<CertificationFlagRecord[]>>(),
  'POST /api/p/:province/certification/flags/:id/review': answers<Data<CertificationFlagRecord>>(),
  'GET /api/p/:province/certification/status-periods': answers<Data<StatusPeriodRecord[]>>(),
  'POST /api/p/:province/certification/status-periods/:id/revoke': answers<Data<StatusPeriodRecord>>(),
  'GET /api/p/:province/communes/:code/assessments': answers<Data<AssessmentRecord[]>>(),
  'POST /api/p/:province/communes/:code/assessments': answers<Data<AssessmentRecord>>(),
  'GET /api/p/:province/communes/:code/assessments/:id': answers<Data<AssessmentView>>(),
  'PATCH /api/p/:province/communes/:code/assessments/:id': answers<Data<AssessmentRecord>>(),
  'POST /api/p/:province/communes/:code/assessments/:id/submit': answers<Data<AssessmentRecord>>(),
  'POST /api/p/:province/communes/:code/assessments/:id/return': answers<Data<AssessmentRecord>>(),
  'POST /api/p/:province/communes/:code/assessments/:id/decide': answers<Data<AssessmentRecord>>(),
} as const

/** A downloaded file as the kernel sees it (a Blob in the browser; the kernel has no DOM types). */
export interface FileAnswer {
  readonly size: number
  readonly type: string
}

/** Endpoints answered with a file, not JSON (links and downloads). */
export const fileEndpoints = {
  'GET /api/p/:province/reports/xlsx': answers<FileAnswer>(),
  'GET /api/p/:province/certification/export.xlsx': answers<FileAnswer>(),
  'GET /api/central/summary/xlsx': answers<FileAnswer>(),
  'GET /api/p/:province/overview/xlsx': answers<FileAnswer>(),
  'GET /api/p/:province/imports/template.xlsx': answers<FileAnswer>(),
  'POST /api/p/:province/imports/rejected': answers<FileAnswer>(),
  'GET /api/p/:province/attachments/:id/content': answers<FileAnswer>(),
} as const

/** The JSON each endpoint answers, by key. */
export type Endpoints = { [K in keyof typeof endpoints]: AnswerOf<(typeof endpoints)[K]> }
export type FileEndpoints = { [K in keyof typeof fileEndpoints]: AnswerOf<(typeof fileEndpoints)[K]> }

export type EndpointKey = keyof typeof endpoints | keyof typeof fileEndpoints
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type PathOf<K extends string> = K extends `${Method} ${infer P}` ? P : never

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never
/** The `:name` segments of an endpoint's path, as an object of strings. */
export type ParamsOf<K extends string> = { [N in ParamNames<PathOf<K>>]: string }

/**
 * The URL of an endpoint: each `:name` replaced by its encoded value, then the query (undefined and empty
 * values left out). Throws on an empty parameter: `/api/p//reports` must never be requested.
 */
export function endpointUrl<K extends EndpointKey>(
  key: K,
  params: ParamsOf<K> | undefined,
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): string {
  const values: Readonly<Record<string, string>> = params ?? {}
  const path = key.slice(key.indexOf(' ') + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name]
    if (!value) throw new Error(`${key}: no value for :${name}`)
    return encodeURIComponent(value)
  })
  // Encoded by hand: URLSearchParams is a DOM and Node API, not the language's (the kernel runs on neither's types).
  const text = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return text ? `${path}?${text}` : path
}
