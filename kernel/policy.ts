import type { Role } from './roles.ts'

/**
 * The ONLY place that decides who may do what; pure, so the server (worker/policy.ts `authorize`, through the
 * `guard` middleware) and the SPA ask the same table. Nothing else compares roles. README "Roles and access" documents this table.
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
  // Commune and province reports (aggregates of the province's own records)
  'report:read',
  // Certification and summaries
  'certification:prepare',
  'certification:review',
  'summary:read',
] as const
export type Action = (typeof actions)[number]

/** Actions on person-level records: central roles never reach them, whatever else they may do. */
const personLevel: ReadonlySet<Action> = new Set(['person:read', 'person:write', 'person:import', 'sync:push', 'sync:pull'])

export const grants: Readonly<Record<Role, readonly Action[]>> = {
  central_admin: ['province:list', 'commune:list', 'tenant:health', 'province:onboard', 'province:suspend', 'province_admin:invite', 'province_admin:manage', 'audit:read_platform'],
  central_viewer: ['province:list', 'commune:list', 'summary:read'],
  province_admin: ['province:list', 'commune:list', 'tenant:health', 'user:list', 'user:invite', 'user:manage', 'province:settings', 'audit:read_province', 'person:read', 'report:read'],
  province_officer: ['province:list', 'commune:list', 'tenant:health', 'person:read', 'person:import', 'sync:pull', 'report:read', 'certification:review'],
  commune_officer: ['province:list', 'commune:list', 'tenant:health', 'person:read', 'person:write', 'person:import', 'sync:push', 'sync:pull', 'report:read', 'certification:prepare'],
}

/** What a request acts on. A province or commune the caller cannot see must look like it does not exist. */
export interface Target {
  province?: string | undefined
  commune?: string | undefined
}

export function isCentral(role: Role): boolean {
  return role === 'central_admin' || role === 'central_viewer'
}

export function can(actor: Actor, action: Action, target: Target = {}): boolean {
  return decide(actor, action, target) === 'allow'
}

export type Decision = 'allow' | 'forbidden' | 'not_found'

/** 'not_found' outside the caller's scope, 'forbidden' when visible but not allowed. */
export function decide(actor: Actor, action: Action, target: Target): Decision {
  // Central roles see every province but never a person: 403, not 404, since the province is visible to them.
  if (isCentral(actor.role)) return personLevel.has(action) || !grants[actor.role].includes(action) ? 'forbidden' : 'allow'
  if (target.province !== undefined && target.province !== actor.province) return 'not_found'
  if (target.commune !== undefined && actor.role === 'commune_officer' && !actor.communes.includes(target.commune)) return 'not_found'
  return grants[actor.role].includes(action) ? 'allow' : 'forbidden'
}

/** The communes an actor's person-level reads are limited to; null: the whole province (province roles). */
export function communeScope(actor: Actor): readonly string[] | null {
  return actor.role === 'commune_officer' ? actor.communes : null
}
