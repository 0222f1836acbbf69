/**
 * The roles of the product (README "Roles and access"). The control database stores these strings.
 * `province_reviewer` reviews and decides drug-free commune assessments (since Decree 184/2025 the provincial
 * police or steering committee; the label the screens show is a province setting): a province admin grants it
 * (decision 0037).
 */
export const roles = ['central_admin', 'central_viewer', 'province_admin', 'province_officer', 'commune_officer', 'province_reviewer'] as const
export type Role = (typeof roles)[number]

export function isRole(value: unknown): value is Role {
  return roles.some((role) => role === value)
}
