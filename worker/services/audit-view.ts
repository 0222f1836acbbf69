import type { AuditLine as AuditLineContract } from '../../kernel/contract/platform.ts'
import { isRole } from '../../kernel/roles.ts'
// What the audit screens show: the trail's lines with the actor's name and, for person-level records, the
// person they belong to (the screen links there). Names and owners are looked up for a whole page at once.
import { listAuditGrouped, singleLine, type AuditLine } from '../../db/audit/group-audit.ts'
import { listAudit, type AuditFilters } from '../../db/audit/list-audit.ts'
import type { AuditDb } from '../../db/audit/append-audit.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'
import { ownerKey, personExists, personIdsOf, planIdsSelect } from '../repo/record-owners.ts'
import { displayNamesOf } from '../repo/user-names.ts'

/** The kernel's contract line (what the SPA reads), with the entry's chain hash besides. */
export type AuditLineView = AuditLineContract & { hash: string }

export interface AuditLinePageView {
  data: AuditLineView[]
  next: number | null
}

interface Sources {
  control: ControlDb
  /** The province database when the lines come from it: records there belong to persons. */
  tenant: TenantDb | null
}

export async function readAuditPage(db: AuditDb, sources: Sources, filters: AuditFilters, grouped: boolean): Promise<AuditLinePageView> {
  const page = grouped
    ? await listAuditGrouped(db, filters)
    : await listAudit(db, filters).then((p) => ({ lines: p.entries.map(singleLine), nextCursor: p.nextCursor }))
  return { data: await presentLines(sources, page.lines), next: page.nextCursor }
}

/**
 * Every read of one person's record (the person, or one of their plans), newest first, for a province
 * admin. Reads on a phone from its offline copy never reach the server; the pull that brought the copy is in
 * the trail as `sync.pull`, by commune scope, not per person.
 */
export async function readPersonAccessLog(
  sources: Sources & { tenant: TenantDb },
  personId: string,
  page: { before?: number | undefined; limit: number },
): Promise<AuditLinePageView | undefined> {
  const { tenant, control } = sources
  // The page by a sub-select of the person's plans, beside the person (one round trip on a remote database): used
  // only once the person is found. Every line is the person's own, so no owner is looked up.
  const records = [
    { type: 'person', ids: [personId] },
    { type: 'plan', ids: planIdsSelect(tenant, personId) },
  ]
  const [exists, found] = await Promise.all([
    personExists(tenant, personId),
    listAudit(tenant, { records, readsOnly: true, before: page.before, limit: page.limit }),
  ])
  if (!exists) return undefined
  const lines = await presentLines({ control, tenant: null }, found.entries.map(singleLine))
  return { data: lines.map((line) => ({ ...line, personId })), next: found.nextCursor }
}

async function presentLines({ control, tenant }: Sources, lines: AuditLine[]): Promise<AuditLineView[]> {
  const refs = lines.flatMap((line) => (line.entityId === null ? [] : [{ type: line.entityType, id: line.entityId }]))
  const [names, owners] = await Promise.all([
    displayNamesOf(
      control,
      lines.flatMap((line) => (line.actorId === null ? [] : [line.actorId])),
    ),
    tenant ? personIdsOf(tenant, refs) : Promise.resolve(new Map<string, string>()),
  ])
  return lines.map(({ at, firstAt, ...line }) => ({
    ...line,
    actorRole: isRole(line.actorRole) ? line.actorRole : null,
    at: at.toISOString(),
    firstAt: firstAt.toISOString(),
    actorName: line.actorId === null ? null : (names.get(line.actorId) ?? null),
    personId: line.entityId === null ? null : (owners.get(ownerKey(line.entityType, line.entityId)) ?? null),
  }))
}
