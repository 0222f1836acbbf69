import type { Role } from './roles.ts'

/**
 * The ONLY place that decides who may do what; pure, so the server (worker/policy.ts `authorize`, through the
 * `guard` middleware) and the SPA (its menu, its screens, its buttons) ask the same table. Nothing else compares
 * roles. README "Roles and access" documents this table.
 */
export interface Actor {
  userId: string
  role: Role
  /** Null for central roles. */
  province: string | null
  /** The commune scope of a commune officer; empty for every other role. */
  communes: readonly string[]
}

export const actions = [
  // Reference data and the province registry
  'province:list',
  'commune:list',
  'tenant:health',
  // Platform administration (central)
  'province:onboard',
  'province:suspend',
  'province_admin:invite',
  'province_admin:manage',
  'audit:read_platform',
  // Province administration
  'user:list',
  'user:invite',
  'user:manage',
  'province:settings',
  'audit:read_province',
  // Person-level data (case management issue)
  'person:read',
  'person:write',
  /** Legacy-list import (import issue): province officers for the province, commune officers for their communes. */
  'person:import',
  /**
   * Offline field work (sync issue): sending queued changes (each one is authorized again as person:write) and
   * downloading the caller's scope. Pulling is a bulk download of personal records onto a device: field roles
   * only, not province admins (who read records online).
   */
  'sync:push',
  'sync:pull',
  /**
   * The commune's activity log and community models (decision 0033): commune officers record them for their
   * communes; province roles read their province's. Models list the people they support: person-level.
   */
  'community:read',
  'community:write',
  // Commune and province reports (aggregates of the province's own records)
  'report:read',
  /**
   * The province's yearly plan and targets (decision 0036): province admins write it; province and commune officers
   * read it with its achievement (counts, no person). Central roles see neither: it lives in the province database.
   */
  'target:read',
  'target:write',
  /**
   * Evidence files (decision 0038): commune officers attach them to their communes' records; they and the
   * province's roles download them. Files may show people (a signed list, a photo): person-level.
   */
  'evidence:attach',
  'evidence:read',
  // Drug-free communes (decision 0037): reading the criteria, assessments, status and flags; the province admin's
  // criteria, populations and target; the commune's self-assessment; the province reviewer's decisions.
  'certification:read',
  'certification:configure',
  'certification:prepare',
  'certification:review',
  /** The central overview (decision 0042): snapshots' figures after small-cell suppression; never a person. */
  'summary:read',
  /** Refreshing one province's snapshot now (central admins; audited in the control trail). */
  'summary:refresh',
  /**
   * The province's own overview (decision 0045): its communes' figures from its snapshot, not suppressed (its
   * staff see the same counts in their reports). Province admins and officers; not commune officers (other
   * communes' figures), reviewers (no person-level counts) or central roles (they get the suppressed summary).
   */
  'overview:read',
  // Screens only (no API route asks these): what the SPA offers a role.
  /** The platform's province list with each province's onboarding state (central roles; admins act on it). */
  'province:overview',
] as const
export type Action = (typeof actions)[number]

/** Actions on person-level records: central roles never reach them, whatever else they may do. */
const personLevel: ReadonlySet<Action> = new Set([
  'person:read',
  'person:write',
  'person:import',
  'sync:push',
  'sync:pull',
  'community:read',
  'community:write',
  'evidence:attach',
  'evidence:read',
])

export const grants: Readonly<Record<Role, readonly Action[]>> = {
  central_admin: [
    'province:list',
    'commune:list',
    'tenant:health',
    'province:onboard',
    'province:suspend',
    'province_admin:invite',
    'province_admin:manage',
    'audit:read_platform',
    'province:overview',
    'summary:read',
    'summary:refresh',
  ],
  central_viewer: ['province:list', 'commune:list', 'summary:read', 'province:overview'],
  province_admin: [
    'province:list',
    'commune:list',
    'tenant:health',
    'user:list',
    'user:invite',
    'user:manage',
    'province:settings',
    'audit:read_province',
    'person:read',
    'report:read',
    'community:read',
    'target:read',
    'target:write',
    'evidence:read',
    'certification:read',
    'certification:configure',
    'overview:read',
  ],
  province_officer: [
    'province:list',
    'commune:list',
    'tenant:health',
    'person:read',
    'person:import',
    'report:read',
    'community:read',
    'target:read',
    'evidence:read',
    'certification:read',
    'overview:read',
  ],
  commune_officer: [
    'province:list',
    'commune:list',
    'tenant:health',
    'person:read',
    'person:write',
    'person:import',
    'sync:push',
    'sync:pull',
    'report:read',
    'certification:read',
    'certification:prepare',
    'community:read',
    'community:write',
    'target:read',
    'evidence:attach',
    'evidence:read',
  ],
  // Reviews dossiers, not people: no person-level action (a flag names no one to them).
  // Reviews dossiers and their evidence (decision 0038); sees no person record.
  province_reviewer: ['province:list', 'commune:list', 'tenant:health', 'certification:read', 'certification:review', 'evidence:read'],
}

/** What `can` and `decide` look at: the role and its scope, not who the user is. */
export type PolicySubject = Pick<Actor, 'role' | 'province' | 'communes'>

/** What a request acts on. A province or commune the caller cannot see must look like it does not exist. */
export interface Target {
  province?: string | undefined
  commune?: string | undefined
}

export function isCentral(role: Role): boolean {
  return role === 'central_admin' || role === 'central_viewer'
}

export function can(actor: PolicySubject, action: Action, target: Target = {}): boolean {
  return decide(actor, action, target) === 'allow'
}

export type Decision = 'allow' | 'forbidden' | 'not_found'

/** 'not_found' outside the caller's scope, 'forbidden' when visible but not allowed. */
export function decide(actor: PolicySubject, action: Action, target: Target): Decision {
  // Central roles see every province but never a person: 403, not 404, since the province is visible to them.
  if (isCentral(actor.role)) return personLevel.has(action) || !grants[actor.role].includes(action) ? 'forbidden' : 'allow'
  if (target.province !== undefined && target.province !== actor.province) return 'not_found'
  if (target.commune !== undefined && hasCommuneScope(actor.role) && !actor.communes.includes(target.commune)) return 'not_found'
  return grants[actor.role].includes(action) ? 'allow' : 'forbidden'
}

/** Commune officers work in a set of communes of their province; every other role has no commune scope. */
export function hasCommuneScope(role: Role): boolean {
  return role === 'commune_officer'
}

/** The communes an actor's person-level reads are limited to; null: the whole province (province roles). */
export function communeScope(actor: Actor): readonly string[] | null {
  return hasCommuneScope(actor.role) ? actor.communes : null
}

/**
 * Whose legacy-list imports an actor sees: a commune officer only the ones they made (a file may list other
 * communes' people, reported but not imported); province roles every import of the province. Null: everyone's.
 */
export function importOwnerScope(actor: Actor): string | null {
  return hasCommuneScope(actor.role) ? actor.userId : null
}

export function canSeeImport(actor: Actor, createdBy: string | null): boolean {
  const owner = importOwnerScope(actor)
  return owner === null || owner === createdBy
}

/**
 * The roles whose accounts a role administers (invite, disable, reset, change access): central admins the
 * province admins, province admins the officers of their province. Nobody administers their own role.
 */
export const administeredRoles = {
  central_admin: ['province_admin'],
  central_viewer: [],
  province_admin: ['province_officer', 'commune_officer', 'province_reviewer'],
  province_officer: [],
  commune_officer: [],
  province_reviewer: [],
} as const satisfies Readonly<Record<Role, readonly Role[]>>

/** Whether `role` is one of `roles` (a route's list of the accounts it manages, say): role comparisons stay here. */
export function isRoleAmong(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role)
}

export function administers(actor: Pick<Actor, 'role'>, role: Role): boolean {
  const administered: readonly Role[] = administeredRoles[actor.role]
  return administered.includes(role)
}
