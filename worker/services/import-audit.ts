import { appendReadAudit, type AuditDetails, type AuditInput } from '../../db/audit/append-audit.ts'
import { together } from '../../db/pipelined-client.ts'
import type { TenantDb } from '../../db/types.ts'
import { registeredCitizenIds } from '../repo/persons.ts'
import { citizenIdsOf, withoutRegistered, type ImportAnalysis } from './imports.ts'

/**
 * A parsed upload finished (its citizen IDs already registered moved to the rejected rows) and its read's entry
 * committed, with `beside` (the lock's release, the preview's earlier imports): on a remote database the registered
 * IDs' read, `beside` and the entry share one round trip. The entry's details are what the request asked and what
 * the file held before the registry was consulted, so it need not wait for that read (decision 0049's addendum
 * "the preview's entry beside the read, in every case"): `rows` (rows in the file), `refused` (rows the file's own
 * rules refused: every reason but already_registered), `checked` (citizen IDs looked up in
 * the registry), `file` (the file hash's prefix). The answer keeps the full analysis. On an embedded file the read,
 * `beside` and the entry run one after the other.
 */
export async function auditedAnalysis<B>(
  db: TenantDb,
  parsed: ImportAnalysis,
  entryOf: (details: AuditDetails) => AuditInput,
  beside: () => Promise<B>,
): Promise<{ analysis: ImportAnalysis; beside: B }> {
  const ids = citizenIdsOf(parsed)
  const details = {
    rows: parsed.accepted.length + parsed.rejected.length,
    refused: parsed.rejected.length,
    checked: ids.length,
    file: parsed.fileHash.slice(0, 16),
  }
  const [read, besideResult] = await together(
    db,
    () => registeredCitizenIds(db, ids),
    beside,
    () => appendReadAudit(db, entryOf(details)),
  )
  return { analysis: withoutRegistered(parsed, read), beside: besideResult }
}
