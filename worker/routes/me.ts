import { Hono } from 'hono'
import type { ControlDb } from '../../db/types.ts'
import type { Me } from '../../kernel/contract/identity.ts'
import type { AppEnv } from '../env.ts'
import { signedIn } from '../middleware/auth.ts'
import { describeScope, findUserView } from '../repo/users.ts'

/** The signed-in user as the SPA needs it: who, which role, where. */
export async function describeMe(control: ControlDb, userId: string): Promise<Me> {
  const [user, scope] = await Promise.all([findUserView(control, userId), describeScope(control, userId)])
  if (!user) throw new Error('signed-in user not found')
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, province: scope.province, communes: scope.communes }
}

export const meRoutes = new Hono<AppEnv>().get('/', signedIn, async (c) => c.json({ data: await describeMe(c.var.deps.control, c.var.session!.user.id) }))
