import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mayOpen, navFor, screenAt, SCREENS } from '../../web/src/lib/navigation.ts'
import { grants, isCentral } from '../../worker/policy.ts'
import type { Role } from '../../kernel/roles.ts'

const hrefs = (role: Role) => navFor({ role, province: isCentral(role) ? null : '01', communes: [] }).map((item) => item.href)

describe('role-aware navigation', () => {
  it('shows each role only its sections', () => {
    expect(hrefs('central_admin')).toEqual(['/', '/admin/provinces', '/admin/audit', '/account/password'])
    expect(hrefs('central_viewer')).toEqual(['/', '/admin/provinces', '/account/password'])
    expect(hrefs('province_admin')).toEqual([
      '/',
      '/caseload',
      '/persons',
      '/handovers',
      '/reports',
      '/targets',
      '/province/overview',
      '/activities',
      '/models',
      '/certification',
      '/province/users',
      '/province/audit',
      '/province/settings',
      '/account/password',
    ])
    expect(hrefs('province_officer')).toEqual([
      '/',
      '/caseload',
      '/persons',
      '/handovers',
      '/reports',
      '/targets',
      '/province/overview',
      '/activities',
      '/models',
      '/certification',
      '/import',
      '/account/password',
    ])
    expect(hrefs('commune_officer')).toEqual([
      '/',
      '/caseload',
      '/persons',
      '/handovers',
      '/reports',
      '/targets',
      '/activities',
      '/models',
      '/certification',
      '/import',
      '/sync',
      '/account/password',
    ])
    expect(hrefs('province_reviewer')).toEqual(['/', '/certification', '/account/password'])
  })

  it('never offers a section whose API the role may not use', () => {
    const needs: Record<string, string> = {
      '/province/users': 'user:list',
      '/province/audit': 'audit:read_province',
      '/province/settings': 'province:settings',
      '/admin/audit': 'audit:read_platform',
      '/admin/provinces': 'province:list',
      '/caseload': 'person:read',
      '/persons': 'person:read',
      '/handovers': 'person:read',
      '/reports': 'report:read',
      '/import': 'person:import',
      '/sync': 'sync:push',
      '/activities': 'community:read',
      '/models': 'community:read',
      '/certification': 'certification:read',
      '/province/overview': 'overview:read',
    }
    for (const role of Object.keys(grants) as (keyof typeof grants)[]) {
      for (const href of hrefs(role)) {
        const action = needs[href]
        if (action) expect(grants[role], `${role} → ${href}`).toContain(action)
      }
    }
  })

  it('puts every route of the app behind a screen of the table, except the sign-in pages and the development outbox', () => {
    const app = readFileSync(new URL('../../web/src/app.tsx', import.meta.url), 'utf8')
    const routed = [...app.matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]!)
    const guarded = [...app.matchAll(/guarded\(\s*'([^']+)'/g)].map((m) => m[1]!)
    expect(routed.filter((path) => !guarded.includes(path))).toEqual(['/login', '/accept-invite', '/dev/outbox']) // the outbox: development only, before sign-in (decision 0018)
    expect(new Set(guarded)).toEqual(new Set(SCREENS.map((s) => s.path)))
  })

  it('lets a role open a screen outside the menu only with the action of its list (no province screens for central roles)', () => {
    const central = { role: 'central_viewer' as const, province: null, communes: [] }
    expect(
      [
        '/reports',
        '/caseload',
        '/persons',
        '/persons/:id',
        '/import',
        '/sync',
        '/activities',
        '/models',
        '/models/:id',
        '/certification',
        '/certification/:rest*',
      ].filter((p) => mayOpen(central, screenAt(p))),
    ).toEqual([])
    const provinceAdmin = { role: 'province_admin' as const, province: '82', communes: [] }
    expect(mayOpen(provinceAdmin, screenAt('/import'))).toBe(false)
    expect(mayOpen(provinceAdmin, screenAt('/persons/:id'))).toBe(true)
    expect(mayOpen(provinceAdmin, screenAt('/persons/new'))).toBe(false)
    expect(mayOpen({ role: 'central_admin', province: null, communes: [] }, screenAt('/admin/provinces/:code'))).toBe(true)
    expect(() => screenAt('/nowhere')).toThrow()
  })
})
