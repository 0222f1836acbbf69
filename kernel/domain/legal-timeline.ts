// A person's timeline events of the law's records — management periods, moves, electronic monitoring,
// determinations, referrals and methadone — built once from the kernel's records: the server's timeline (worker/repo/
// after-care.ts) and the phone's, from its store (web/src/offline/view.ts), call this, so both show the same events
// (decision 0039).
import type { TimelineEvent } from '../contract/cases.ts'
import type { DeterminationRecord, HandoverRecord, ManagementPeriodRecord, MethadoneRecord, MonitoringRecord, ReferralRecord } from '../records.ts'
import { decisionSummary } from './legal-decision.ts'

export interface LegalTimelineRecords {
  managementPeriods: readonly ManagementPeriodRecord[]
  handovers: readonly HandoverRecord[]
  monitoring: readonly MonitoringRecord[]
  determinations: readonly DeterminationRecord[]
  referrals: readonly ReferralRecord[]
  methadone: readonly MethadoneRecord[]
}

/** One event per record, at its latest step (a referral at its return, admission or refusal; a determination at its result). */
export function legalEvents(r: LegalTimelineRecords): TimelineEvent[] {
  return [
    ...r.managementPeriods.map(
      (m): TimelineEvent => ({
        on: m.startOn,
        at: m.createdAt,
        kind: 'management_period',
        summary: { endOn: m.endOn, status: m.status },
        refId: m.id,
        by: m.createdBy,
      }),
    ),
    // Law 120/2025 (decision 0029): a move and its answer; electronic monitoring with its order.
    ...r.handovers.map(
      (h): TimelineEvent => ({
        on: h.movedOn,
        at: h.createdAt,
        kind: 'handover',
        summary: { status: h.status, from: h.fromCommuneCode, to: h.communeCode, toProvince: h.toProvinceCode },
        refId: h.id,
        by: h.createdBy,
      }),
    ),
    ...r.monitoring.map(
      (m): TimelineEvent => ({
        on: m.startOn,
        at: m.createdAt,
        kind: 'monitoring',
        summary: { context: m.context, status: m.status, endOn: m.endOn, decisionNumber: m.decision.number || null, decisionDate: m.decision.date || null },
        refId: m.id,
        by: m.createdBy,
      }),
    ),
    ...r.determinations.map(
      (x): TimelineEvent => ({
        on: x.resultOn ?? x.dossierOn,
        at: x.updatedAt,
        kind: 'determination',
        summary: { trigger: x.trigger, facility: x.facility, result: x.result, registrationDueOn: x.registrationDueOn, ...decisionSummary(x.decision) },
        refId: x.id,
        by: x.updatedBy,
      }),
    ),
    ...r.referrals.map(
      (x): TimelineEvent => ({
        // A refusal's day is the court's decision's.
        on: x.returnedOn ?? x.admittedOn ?? (x.status === 'refused' ? x.courtDecision?.date : undefined) ?? x.dossierOn,
        at: x.updatedAt,
        kind: 'referral',
        summary: { ground: x.ground, status: x.status, facility: x.facility, ...decisionSummary(x.returnDecision ?? x.courtDecision) },
        refId: x.id,
        by: x.updatedBy,
      }),
    ),
    ...r.methadone.map(
      (x): TimelineEvent => ({
        on: x.startOn,
        at: x.updatedAt,
        kind: 'methadone',
        summary: { facility: x.facility, status: x.status, endOn: x.endOn, endReason: x.endReason },
        refId: x.id,
        by: x.updatedBy,
      }),
    ),
  ]
}
