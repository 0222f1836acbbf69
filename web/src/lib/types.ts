// Shapes of the API's answers that the screens use (see README "API").
export type Role = 'central_admin' | 'central_viewer' | 'province_admin' | 'province_officer' | 'commune_officer'

export interface Me {
  id: string
  username: string
  displayName: string
  role: Role
  province: { code: string; name: string } | null
  communes: { code: string; name: string }[]
}

export interface UserView {
  id: string
  username: string
  displayName: string
  role: Role
  province: string | null
  status: 'invited' | 'active' | 'disabled'
  communes: string[]
  createdAt: string
  lastLoginAt: string | null
}

export interface IssuedLink {
  user: UserView
  link: { purpose: 'invite' | 'reset'; url: string; expiresAt: string }
}

export interface Commune {
  code: string
  name: string
  kind: 'xa' | 'phuong' | 'dac_khu'
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

export interface ProvinceAdminView {
  code: string
  name: string
  status: string
  communeCount: number | null
  provider: string | null
  activatedAt: string | null
  /** Central admins only: the province database looked at as the list was made; null when it has none yet. */
  database?: { status: 'available' } | { status: 'unavailable'; reason: string; since: string | null } | null
}

export type PersonCategory = 'drug_user' | 'dependent' | 'post_rehab'
export type PersonStatus = 'under_management' | 'in_rehab' | 'post_rehab' | 'compulsory_rehab' | 'transferred' | 'closed'
export type PlanStatus = 'draft' | 'active' | 'suspended' | 'completed' | 'terminated' | 'transferred'

export interface Person {
  id: string
  fullName: string
  birthDate: string
  sex: 'male' | 'female'
  citizenId: string
  communeCode: string
  addressDetail: string | null
  phone: string | null
  category: PersonCategory
  status: PersonStatus
  addictionDeterminedOn: string | null
  addictionDeterminedBy: string | null
  notes: string | null
  version: number
  updatedAt: string
}

export interface Plan {
  id: string
  personId: string
  status: PlanStatus
  form: 'family' | 'community'
  registeredOn: string
  startOn: string
  plannedEndOn: string
  version: number
  members: { name: string; role: string }[]
  stages: { stage: string; activities: string[] }[]
  allowedTransitions: PlanStatus[]
  completionNumber: string | null
  completionDate: string | null
}

export interface TimelineEvent {
  on: string
  at: string
  kind: 'registered' | 'plan_status' | 'review' | 'support' | 'post_rehab' | 'follow_up' | 'management_period'
  summary: Record<string, string | number | boolean | null>
  refId: string
}

export interface PostRehabRecord {
  id: string
  status: 'active' | 'ended' | 'relapsed'
  startOn: string
  endOn: string
  version: number
  followUps: { id: string; contactedOn: string; method: string; notes: string | null }[]
}

export interface CaseloadRow {
  personId: string
  fullName: string
  communeCode: string
  planId: string
  startOn: string
  lastReviewOn: string | null
  nextReview: { dueOn: string; state: 'overdue' | 'due' | 'upcoming' }
}
