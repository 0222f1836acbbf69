// Shapes of the API's answers that the screens use (see README "API").
export type Role = 'central_admin' | 'central_viewer' | 'province_admin' | 'province_officer' | 'commune_officer'

export interface Me {
  id: string
  username: string
  displayName: string
  role: Role
  province: { code: string; name: string } | null
  communes: { code: string; name: string }[]
}

export interface UserView {
  id: string
  username: string
  displayName: string
  role: Role
  province: string | null
  status: 'invited' | 'active' | 'disabled'
  communes: string[]
  createdAt: string
  lastLoginAt: string | null
}

export interface IssuedLink {
  user: UserView
  link: { purpose: 'invite' | 'reset'; url: string; expiresAt: string }
}

export interface Commune {
  code: string
  name: string
  kind: 'xa' | 'phuong' | 'dac_khu'
}

export interface AuditEntry {
  seq: number
  at: string
  actorId: string | null
  actorRole: string | null
  action: string
  entityType: string
  entityId: string | null
  provinceCode: string | null
  outcome: 'success' | 'failure'
  requestId: string | null
  details: Record<string, string | number | boolean | null> | null
}

export interface ProvinceAdminView {
  code: string
  name: string
  status: string
  communeCount: number | null
  provider: string | null
  activatedAt: string | null
}
