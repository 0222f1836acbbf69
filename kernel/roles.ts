/** The five roles of the product (README "Roles and access"). The control database stores these strings. */
export const roles = ['central_admin', 'central_viewer', 'province_admin', 'province_officer', 'commune_officer'] as const
export type Role = (typeof roles)[number]

export function isRole(value: unknown): value is Role {
  return roles.some((role) => role === value)
}
