// Reading the audit trail for the API: newest first, filtered, paged by a seq cursor.
import { and, desc, eq, gte, inArray, like, lt, or, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { AuditDb, AuditDetails } from './append-audit.ts'
import { auditLogTable } from './audit-log-table.ts'
import { READ_ACTIONS, READ_SUFFIXES } from './read-actions.ts'

const auditLog = auditLogTable()

export interface AuditFilters {
  action?: string | undefined
  actorId?: string | undefined
  entityType?: string | undefined
  entityId?: string | undefined
  /**
   * Entries about any of these records (an OR of type and ids), e.g. a person and that person's plans. `ids` may be
   * a sub-select (a person's plans), so that the page needs no read before it.
   */
  records?: readonly { type: string; ids: readonly string[] | SQLWrapper }[] | undefined
  /** Only reads (db/audit/read-actions.ts). */
  readsOnly?: boolean | undefined
  /** Control trail: entries about one province. */
  provinceCode?: string | undefined
  outcome?: 'success' | 'failure' | undefined
  /** Inclusive. */
  from?: Date | undefined
  /** Exclusive, so consecutive ranges neither overlap nor leave a gap. */
  to?: Date | undefined
  /** The previous page's nextCursor: entries with a smaller seq. */
  before?: number | undefined
  /** 1..100. */
  limit: number
}

/**
 * What the API shows. No clientHash: it exists to correlate entries during an investigation (in SQL),
 * and is still a pseudonym of a person's address, so it is not spread to every admin screen. No
 * prevHash: it is the previous entry's hash. `hash` stays, so an entry can be cited and checked.
 */
export interface AuditListEntry {
  seq: number
  at: Date
  actorId: string | null
  actorRole: string | null
  action: string
  entityType: string
  entityId: string | null
  provinceCode: string | null
  outcome: 'success' | 'failure'
  requestId: string | null
  details: AuditDetails | null
  hash: string
}

export interface AuditPage {
  entries: AuditListEntry[]
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: number | null
}

export async function listAudit(db: AuditDb, filters: AuditFilters): Promise<AuditPage> {
  const { limit } = filters
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be an integer from 1 to 100')
  // One extra row says whether another page exists without a count over the whole trail.
  const rows = await selectAuditRows(db, filters, limit + 1)
  const entries = rows.slice(0, limit)
  return { entries, nextCursor: rows.length > limit ? (entries.at(-1)?.seq ?? null) : null }
}

/** Up to `count` entries matching `filters` (its `limit` aside), newest first. For listAudit and the grouped listing. */
export async function selectAuditRows(db: AuditDb, filters: Omit<AuditFilters, 'limit'>, count: number): Promise<AuditListEntry[]> {
  const { before, from, to } = filters
  if (before !== undefined && (!Number.isInteger(before) || before < 1)) throw new RangeError('before must be a positive integer')
  for (const date of [from, to]) if (date !== undefined && !Number.isFinite(date.getTime())) throw new RangeError('from and to must be valid dates')

  const conditions: (SQL | undefined)[] = [
    before === undefined ? undefined : lt(auditLog.seq, before),
    from === undefined ? undefined : gte(auditLog.at, from),
    to === undefined ? undefined : lt(auditLog.at, to),
    filters.records === undefined ? undefined : recordsCondition(filters.records),
    filters.readsOnly ? readsCondition() : undefined,
  ]
  for (const field of ['action', 'actorId', 'entityType', 'entityId', 'provinceCode', 'outcome'] as const) {
    const value = filters[field]
    if (value !== undefined) conditions.push(eq(auditLog[field], value))
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(count)
  return rows.map(({ clientHash: _clientHash, prevHash: _prevHash, details, ...entry }) => ({ ...entry, details: parseDetails(details) }))
}

function recordsCondition(records: readonly { type: string; ids: readonly string[] | SQLWrapper }[]): SQL {
  const parts = records
    .filter((r) => !Array.isArray(r.ids) || r.ids.length > 0)
    .map((r) =>
      and(eq(auditLog.entityType, r.type), Array.isArray(r.ids) ? inArray(auditLog.entityId, [...r.ids]) : inArray(auditLog.entityId, r.ids as SQLWrapper)),
    )
  // No record at all matches nothing (rather than everything).
  return or(...parts) ?? eq(auditLog.seq, -1)
}

function readsCondition(): SQL {
  return or(inArray(auditLog.action, [...READ_ACTIONS]), ...READ_SUFFIXES.map((suffix) => like(auditLog.action, `%${suffix}`)))!
}

function parseDetails(text: string | null): AuditDetails | null {
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditDetails) : null
  } catch {
    return null // only a tampered row gets here, and verifyAuditChain reports it
  }
}
