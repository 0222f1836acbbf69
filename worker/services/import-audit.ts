import { appendReadAudit, appendReadAuditWhere, type AuditInput } from '../../db/audit/append-audit.ts'
import { together } from '../../db/pipelined-client.ts'
import type { TenantDb } from '../../db/types.ts'
import { registeredCitizenIds, registeredCountIs } from '../repo/persons.ts'
import { citizenIdsOf, withoutRegistered, type ImportAnalysis } from './imports.ts'

/**
 * A parsed upload finished (its citizen IDs already registered moved to the rejected rows) and its read's entry
 * committed, with `beside` (the lock's release, the preview's earlier imports) in the same round trip on a remote
 * database. The entry's counts depend on the registered IDs, so it cannot wait for their read without a round trip
 * of its own: the two likely answers' entries go beside the read instead, each appended only where its answer
 * holds — none of the accepted people registered yet (a list checked before its import) or all of them (one
 * checked again after it). The answer is the one the entry that landed was written for; when neither landed (some
 * registered, or the trail moved) the read's answer is used and its entry appended after it, as before (decision
 * 0049's addendum of 2026-12-07). On an embedded file only that.
 */
export async function auditedAnalysis<B>(
  db: TenantDb,
  parsed: ImportAnalysis,
  entryOf: (analysis: ImportAnalysis) => AuditInput,
  beside: () => Promise<B>,
): Promise<{ analysis: ImportAnalysis; beside: B }> {
  const ids = citizenIdsOf(parsed)
  const likely = ids.length === 0 ? [new Set<string>()] : [new Set<string>(), new Set(ids)]
  const [read, besideResult, ...landed] = await together(
    db,
    () => registeredCitizenIds(db, ids),
    beside,
    ...likely.map((taken) => () => appendReadAuditWhere(db, entryOf(withoutRegistered(parsed, taken)), registeredCountIs(ids, taken.size))),
  )
  const answered = likely.find((_, i) => landed[i])
  if (answered) return { analysis: withoutRegistered(parsed, answered), beside: besideResult }
  const analysis = withoutRegistered(parsed, read)
  await appendReadAudit(db, entryOf(analysis))
  return { analysis, beside: besideResult }
}
