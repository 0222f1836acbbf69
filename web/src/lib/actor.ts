import type { Actor } from '../../../kernel/policy.ts'
import type { Me } from './types.ts'

/** The signed-in user as the kernel's policy sees them, so screens ask `can()` rather than compare roles. */
export function actorOf(me: Me): Actor {
  return { userId: me.id, role: me.role, province: me.province?.code ?? null, communes: me.communes.map((c) => c.code) }
}
