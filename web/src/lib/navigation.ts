import type { MessageKey } from '../i18n/i18n.tsx'
import type { Me } from '../../../kernel/contract/identity.ts'
import type { Role } from '../../../kernel/roles.ts'

export interface NavItem {
  href: string
  label: MessageKey
  roles: readonly Role[]
}

const ALL: readonly Role[] = ['central_admin', 'central_viewer', 'province_admin', 'province_officer', 'commune_officer']

/**
 * Each role sees only its sections (README "Roles and access"). The server decides access regardless;
 * this only keeps the menu honest. Case management adds its sections here.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'nav.home', roles: ALL },
  { href: '/caseload', label: 'nav.caseload', roles: ['province_admin', 'province_officer', 'commune_officer'] },
  { href: '/persons', label: 'nav.persons', roles: ['province_admin', 'province_officer', 'commune_officer'] },
  { href: '/reports', label: 'nav.reports', roles: ['province_admin', 'province_officer', 'commune_officer'] },
  { href: '/import', label: 'nav.import', roles: ['province_officer', 'commune_officer'] },
  { href: '/sync', label: 'nav.sync', roles: ['commune_officer'] },
  { href: '/province/users', label: 'nav.users', roles: ['province_admin'] },
  { href: '/province/audit', label: 'nav.audit', roles: ['province_admin'] },
  { href: '/province/settings', label: 'nav.settings', roles: ['province_admin'] },
  { href: '/admin/provinces', label: 'nav.provinces', roles: ['central_admin', 'central_viewer'] },
  { href: '/admin/audit', label: 'nav.platformAudit', roles: ['central_admin'] },
  { href: '/account/password', label: 'nav.account', roles: ALL },
]

export function navFor(me: Pick<Me, 'role'>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(me.role))
}
