// What the phone keeps of a record a command makes (kernel/records.ts → types.ts): the fields its screens show,
// as the pull would bring them. A write that makes a new kind of record adds its presenter here.
import { PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'
import type {
  FollowUpRecord as MadeFollowUp,
  PersonRecord as MadePerson,
  PlanRecord as MadePlan,
  PostRehabRecord as MadePostRehab,
  ReviewRecord as MadeReview,
  SupportRecord as MadeSupport,
} from '../../../kernel/records.ts'
import type { FollowUpRecord, PersonRecord, PlanRecord, PostRehabRecordView, ReviewRecord, SupportRecord } from './types.ts'

export function localPerson(r: MadePerson): PersonRecord {
  return {
    id: r.id,
    fullName: r.fullName,
    birthDate: r.birthDate,
    sex: r.sex,
    citizenId: r.citizenId,
    communeCode: r.communeCode,
    addressDetail: r.addressDetail,
    phone: r.phone,
    category: r.category,
    status: r.status,
    addictionDeterminedOn: r.addictionDeterminedOn,
    addictionDeterminedBy: r.addictionDeterminedBy,
    notes: r.notes,
    source: r.source ?? null,
    registeredOn: r.registeredOn ?? null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}

/** A plan as GET /plans/:id shows it; its status changes are laid over as the command records them. */
export function localPlan(r: MadePlan): PlanRecord {
  return {
    id: r.id,
    personId: r.personId,
    communeCode: r.communeCode,
    status: r.status,
    form: r.form,
    registeredOn: r.registeredOn,
    startOn: r.startOn,
    plannedEndOn: r.plannedEndOn,
    startDecisionOn: r.startDecisionOn,
    version: r.version,
    members: r.members,
    stages: r.stages,
    allowedTransitions: [...PLAN_TRANSITIONS[r.status]],
    completionNumber: r.completionNumber,
    completionDate: r.completionDate,
    createdAt: r.createdAt,
    transitions: [],
  }
}

export function localReview(r: MadeReview): ReviewRecord {
  return {
    id: r.id,
    personId: r.personId,
    planId: r.planId,
    reviewedOn: r.reviewedOn,
    attended: r.attended,
    drugTest: r.drugTest,
    substance: r.substance,
    counsellingNotes: r.counsellingNotes,
    employed: r.employed,
    riskLevel: r.riskLevel,
    version: r.version,
    createdAt: r.createdAt,
  }
}

export function localPostRehab(r: MadePostRehab): PostRehabRecordView {
  return {
    id: r.id,
    personId: r.personId,
    planId: r.planId,
    status: r.status,
    startOn: r.startOn,
    endOn: r.endOn,
    supportModel: r.supportModel,
    supporterName: r.supporterName,
    relapseOn: r.relapseOn,
    relapseNote: r.relapseNote,
    openDecision: r.openDecision,
    version: r.version,
    createdAt: r.createdAt,
  }
}

export function localFollowUp(r: MadeFollowUp): FollowUpRecord {
  return { id: r.id, postRehabId: r.postRehabId, personId: r.personId, contactedOn: r.contactedOn, method: r.method, notes: r.notes, createdAt: r.createdAt }
}

export function localSupport(r: MadeSupport): SupportRecord {
  return { id: r.id, personId: r.personId, kind: r.kind, givenOn: r.givenOn, amountVnd: r.amountVnd, note: r.note, version: r.version, createdAt: r.createdAt }
}
