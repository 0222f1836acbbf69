import type { Role } from '../db/control/schema/index.ts'
import { AppError } from './errors.ts'

/**
 * The ONLY place that decides who may do what. Routes call `authorize` (through the `guard` middleware);
 * nothing else compares roles. README "Roles and access" documents this table.
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

/** Throws the error the caller must see: 404 outside the caller's scope, 403 when visible but not allowed. */
export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const decision = decide(actor, action, target)
  if (decision === 'not_found') throw new AppError('not_found', 404, 'Not found')
  if (decision === 'forbidden') throw new AppError('forbidden', 403, `Your role (${actor.role}) may not do this (${action})`)
}

type Decision = 'allow' | 'forbidden' | 'not_found'

function decide(actor: Actor, action: Action, target: Target): Decision {
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
