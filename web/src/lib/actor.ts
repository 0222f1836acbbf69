import type { Me } from '../../../kernel/contract/identity.ts'
import { can, type Actor } from '../../../kernel/policy.ts'

/** The signed-in user as the kernel's policy sees them: the screens ask `can(actor, action)` as the server does. */
export function actorOf(me: Me): Actor {
  return { userId: me.id, role: me.role, province: me.province?.code ?? null, communes: me.communes.map((c) => c.code) }
}

/**
 * The user's changes go through the offline outbox (sync:push, commune officers): their screens read the phone's
 * store, and it is kept and synced for them. Everyone else reads the API.
 */
export function worksOffline(actor: Actor): boolean {
  return can(actor, 'sync:push')
}
