import type { MessageKey } from '../i18n/i18n.tsx'
import { can, type Action, type PolicySubject } from '../../../kernel/policy.ts'

/**
 * Every screen behind the sign-in and the action of the kernel's policy it needs (null: any signed-in user).
 * The menu offers a role only the screens it may use, and the router shows any other one as "not for your
 * role" without calling the API (web/src/app.tsx): the same `can` the server's routes enforce decides both.
 */
export interface Screen {
  path: string
  action: Action | null
  /** In the menu, under this label. */
  label?: MessageKey
}

export const SCREENS: readonly Screen[] = [
  { path: '/', label: 'nav.home', action: null },
  { path: '/caseload', label: 'nav.caseload', action: 'person:read' },
  { path: '/persons', label: 'nav.persons', action: 'person:read' },
  { path: '/persons/new', action: 'person:write' },
  { path: '/persons/:id', action: 'person:read' },
  { path: '/persons/:id/access', action: 'audit:read_province' },
  { path: '/handovers', label: 'nav.handovers', action: 'person:read' },
  { path: '/reports', label: 'nav.reports', action: 'report:read' },
  { path: '/targets', label: 'nav.targets', action: 'target:read' },
  { path: '/province/overview', label: 'nav.provinceOverview', action: 'overview:read' },
  { path: '/activities', label: 'nav.activities', action: 'community:read' },
  { path: '/models', label: 'nav.models', action: 'community:read' },
  { path: '/models/:id', action: 'community:read' },
  { path: '/certification', label: 'nav.certification', action: 'certification:read' },
  { path: '/certification/:rest*', action: 'certification:read' },
  { path: '/import', label: 'nav.import', action: 'person:import' },
  { path: '/sync', label: 'nav.sync', action: 'sync:push' },
  { path: '/province/users', label: 'nav.users', action: 'user:list' },
  { path: '/province/audit', label: 'nav.audit', action: 'audit:read_province' },
  { path: '/province/settings', label: 'nav.settings', action: 'province:settings' },
  { path: '/admin/provinces', label: 'nav.provinces', action: 'province:overview' },
  { path: '/admin/provinces/:code', action: 'province_admin:manage' },
  { path: '/admin/audit', label: 'nav.platformAudit', action: 'audit:read_platform' },
  { path: '/account/password', label: 'nav.account', action: null },
]

export interface NavItem {
  href: string
  label: MessageKey
}

export function mayOpen(actor: PolicySubject, screen: Pick<Screen, 'action'>): boolean {
  return screen.action === null || can(actor, screen.action)
}

/** The menu of a role: the labelled screens it may open, in the table's order. */
export function navFor(actor: PolicySubject): NavItem[] {
  return SCREENS.flatMap((screen) => (screen.label && mayOpen(actor, screen) ? [{ href: screen.path, label: screen.label }] : []))
}

/** The screen table's entry for a router path (`/persons/:id`); every route of the app has one. */
export function screenAt(path: string): Screen {
  const screen = SCREENS.find((s) => s.path === path)
  if (!screen) throw new Error(`no screen ${path} in web/src/lib/navigation.ts`)
  return screen
}
