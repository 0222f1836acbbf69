// Fixtures made through the very commands the API runs (worker/commands/run.ts), as a commune officer of the
// record's commune, stamped as the system (no actor id).
import type { TenantDb } from '../../db/types.ts'
import type { AnyCommand, Decision } from '../../kernel/commands/command.ts'
import type { Role } from '../../kernel/roles.ts'
import { runCommand } from '../../worker/commands/run.ts'

export const SYSTEM = { at: new Date('2026-11-24T03:00:00Z'), actorId: null, actorRole: null, requestId: null, clientHash: null }

export async function runAsSystem(
  db: TenantDb,
  province: string,
  commune: string,
  command: AnyCommand,
  entityId: string,
  input: unknown,
  /** The role the fixture acts as (a province reviewer for the drug-free commune decisions). */
  role: Role = 'commune_officer',
): Promise<{ answer: unknown; decision: Decision }> {
  const actor = { userId: 'fixture', role, province, communes: role === 'commune_officer' ? [commune] : [] }
  const result = await runCommand({ db, province, actor, audit: SYSTEM }, command, entityId, input, { channel: 'http' })
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`)
  return result
}
