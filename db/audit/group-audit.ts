// The grouped listing (decision 0020): repeated reads collapse into one line with a count, and a page is still
// a contiguous range of seq, so the `before` cursor pages it exactly like the plain listing.
import { vietnamToday } from '../../kernel/calendar.ts'
import type { AuditDb } from './append-audit.ts'
import { selectAuditRows, type AuditFilters, type AuditListEntry } from './list-audit.ts'
import { isReadAction } from './read-actions.ts'

/** One line: a single entry (count 1), or a run of the same read; its fields are the newest entry's. */
export interface AuditLine extends AuditListEntry {
  count: number
  /** The oldest entry of the line (the newest is `seq`/`at`). */
  firstSeq: number
  firstAt: Date
}

export interface AuditLinePage {
  lines: AuditLine[]
  nextCursor: number | null
}

/** Rows read per query, and at most per page: a page costs a bounded number of round trips however long a run is. */
export const GROUP_SCAN = { chunk: 500, maxRows: 5_000 } as const

export const singleLine = (entry: AuditListEntry): AuditLine => ({ ...entry, count: 1, firstSeq: entry.seq, firstAt: entry.at })

/**
 * Feeds entries newest first; answers false for the first entry that would start line `limit + 1` (it opens
 * the next page). A group is a read with the same actor, action, record and outcome inside one segment: a
 * stretch of consecutive reads (in the filtered trail) on one Vietnamese calendar day. Any other entry ends the
 * segment, so no line hides a write or reorders reads around it; a group never spans two pages.
 */
export function lineGrouper(limit: number) {
  const lines: AuditLine[] = []
  let open = new Map<string, AuditLine>()
  let segmentDay: string | null = null
  let lastSeq: number | null = null
  return {
    lines,
    /** The oldest entry taken so far: the next page starts below it. */
    get lastSeq() {
      return lastSeq
    },
    add(entry: AuditListEntry): boolean {
      const isRead = isReadAction(entry.action)
      const day = vietnamToday(entry.at)
      if (!isRead || day !== segmentDay) {
        open = new Map()
        segmentDay = isRead ? day : null
      }
      const key = JSON.stringify([entry.actorId, entry.action, entry.entityType, entry.entityId, entry.outcome])
      const line = isRead ? open.get(key) : undefined
      if (line) {
        line.count += 1
        line.firstSeq = entry.seq
        line.firstAt = entry.at
        line.details = null // the newest entry's details would misdescribe the others
        lastSeq = entry.seq
        return true
      }
      if (lines.length === limit) return false
      const fresh = singleLine(entry)
      lines.push(fresh)
      if (isRead) open.set(key, fresh)
      lastSeq = entry.seq
      return true
    },
  }
}

export async function listAuditGrouped(db: AuditDb, filters: AuditFilters, scan: { chunk: number; maxRows: number } = GROUP_SCAN): Promise<AuditLinePage> {
  const { limit, ...rest } = filters
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be an integer from 1 to 100')
  const grouper = lineGrouper(limit)
  let before = rest.before
  let scanned = 0
  for (;;) {
    const rows = await selectAuditRows(db, { ...rest, before }, scan.chunk)
    for (const row of rows) {
      if (!grouper.add(row)) return { lines: grouper.lines, nextCursor: grouper.lastSeq }
      scanned += 1
    }
    if (rows.length < scan.chunk) return { lines: grouper.lines, nextCursor: null }
    before = rows.at(-1)!.seq
    // A very long run ends the page here; the next page goes on from `before` (the run shows as two lines).
    if (scanned >= scan.maxRows) return { lines: grouper.lines, nextCursor: before }
  }
}
