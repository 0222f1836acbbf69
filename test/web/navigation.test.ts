import { describe, expect, it } from 'vitest'
import { navFor } from '../../web/src/lib/navigation.ts'
import { grants } from '../../worker/policy.ts'

const hrefs = (role: Parameters<typeof navFor>[0]['role']) => navFor({ role }).map((item) => item.href)

describe('role-aware navigation', () => {
  it('shows each role only its sections', () => {
    expect(hrefs('central_admin')).toEqual(['/', '/admin/provinces', '/admin/audit', '/account/password'])
    expect(hrefs('central_viewer')).toEqual(['/', '/admin/provinces', '/account/password'])
    expect(hrefs('province_admin')).toEqual(['/', '/caseload', '/persons', '/reports', '/province/users', '/province/audit', '/province/settings', '/account/password'])
    expect(hrefs('province_officer')).toEqual(['/', '/caseload', '/persons', '/reports', '/import', '/account/password'])
    expect(hrefs('commune_officer')).toEqual(['/', '/caseload', '/persons', '/reports', '/import', '/sync', '/account/password'])
  })

  it('never offers a section whose API the role may not use', () => {
    const needs: Record<string, string> = {
      '/province/users': 'user:list', '/province/audit': 'audit:read_province', '/province/settings': 'province:settings', '/admin/audit': 'audit:read_platform', '/admin/provinces': 'province:list',
      '/caseload': 'person:read', '/persons': 'person:read', '/reports': 'report:read', '/import': 'person:import', '/sync': 'sync:push',
    }
    for (const role of Object.keys(grants) as (keyof typeof grants)[]) {
      for (const href of hrefs(role)) {
        const action = needs[href]
        if (action) expect(grants[role], `${role} → ${href}`).toContain(action)
      }
    }
  })
})
