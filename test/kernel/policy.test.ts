import { describe, expect, it } from 'vitest'
import { administers, can, canSeeImport, communeScope, decide, grants, hasCommuneScope, importOwnerScope, type Actor } from '../../kernel/policy.ts'
import { roles, type Role } from '../../kernel/roles.ts'

const actor = (role: Role, userId = `u-${role}`): Actor => ({
  userId,
  role,
  province: role === 'central_admin' || role === 'central_viewer' ? null : '82',
  communes: role === 'commune_officer' ? ['30001', '30002'] : [],
})

describe('commune scope', () => {
  it('belongs to commune officers only', () => {
    expect(roles.filter(hasCommuneScope)).toEqual(['commune_officer'])
    expect(communeScope(actor('commune_officer'))).toEqual(['30001', '30002'])
    for (const role of roles.filter((r) => r !== 'commune_officer')) expect(communeScope(actor(role)), role).toBeNull()
  })

  it('hides another commune of the province from a commune officer only', () => {
    expect(decide(actor('commune_officer'), 'person:read', { province: '82', commune: '39999' })).toBe('not_found')
    expect(decide(actor('province_officer'), 'person:read', { province: '82', commune: '39999' })).toBe('allow')
  })
})

describe('imports', () => {
  it('shows a commune officer only the imports they made, province roles all of them', () => {
    const officer = actor('commune_officer', 'u-1')
    expect(importOwnerScope(officer)).toBe('u-1')
    expect(canSeeImport(officer, 'u-1')).toBe(true)
    expect(canSeeImport(officer, 'u-2')).toBe(false)
    expect(canSeeImport(officer, null)).toBe(false)
    expect(importOwnerScope(actor('province_officer'))).toBeNull()
    expect(canSeeImport(actor('province_officer'), 'u-2')).toBe(true)
  })
})

describe('user administration', () => {
  it('lets central admins administer province admins and province admins the officers, nobody their own role', () => {
    const administered = Object.fromEntries(roles.map((by) => [by, roles.filter((role) => administers({ role: by }, role))]))
    expect(administered).toEqual({
      central_admin: ['province_admin'],
      central_viewer: [],
      province_admin: ['province_officer', 'commune_officer', 'province_reviewer'],
      province_officer: [],
      commune_officer: [],
      province_reviewer: [],
    })
  })
})

describe('screen-only actions', () => {
  it('offer the province overview to central roles and nobody else, and no central role reaches a person', () => {
    expect(roles.filter((role) => can(actor(role), 'province:overview'))).toEqual(['central_admin', 'central_viewer'])
    for (const role of ['central_admin', 'central_viewer'] as const) expect(grants[role]).not.toContain('person:read')
  })

  it('answer the same without a user id (the SPA asks with the role and scope)', () => {
    const { userId: _userId, ...subject } = actor('province_admin')
    expect(can(subject, 'user:list')).toBe(true)
    expect(can(subject, 'person:import')).toBe(false)
  })
})
