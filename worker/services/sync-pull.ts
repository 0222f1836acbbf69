import { changeLogEntities, type ChangeLogEntity } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { addMonths } from '../../kernel/calendar.ts'
import type { ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import type { CaseRules } from '../../kernel/domain/case-rules.ts'
import type { PulledCertification } from '../../kernel/contract/sync.ts'
import { communeNamesByCode } from '../repo/communes.ts'
import { pulledCertification } from '../repo/certification-figures.ts'
import { readCaseRules, readReviewPolicy } from '../repo/settings.ts'
import { changeLogBounds, changesAfter, currentRecords, latestSeqIn, snapshotRecords, type Found } from '../repo/sync-pull.ts'
import { decodeCursor, encodeCursor, scopeHash, type Cursor, type PullScope } from './sync-cursor.ts'

/** What a device keeps of reviews, follow-ups and support at a full download; older ones are read online. */
const HISTORY_MONTHS = 12
/**
 * A page's records and deletes at most this many bytes of JSON (UTF-8, before gzip), besides the row limit
 * (decision 0050): 500 plans with their working groups and stages were 1.3 MB. A record larger than this
 * alone still goes, as a page of its own, so a download never stalls. The envelope (cursor, settings, the
 * communes on the first page, the certification data on the last) comes on top: a few kB.
 */
export const PULL_PAGE_BYTES = 512_000
/**
 * How many records of the phases after the current one a full download's page reads beside it (decision 0050's
 * addendum): the next phase a few, the others fewer — most pages are filled by their current phase alone.
 */
export const PULL_AHEAD = { next: 100, later: 20 }
/** What a delete costs on a page, at most: `{"entity":"model_session","id":"<uuid>"},`. */
const DELETE_BYTES = 80

/** The UTF-8 length of a JSON text, without encoding it (Vietnamese letters are two or three bytes). */
function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    // U+0080–U+07FF: 2 bytes; U+0800–U+FFFF: 3; a surrogate pair (2 units): 4.
    if (unit >= 0x80) bytes += unit >= 0x800 && (unit < 0xd800 || unit > 0xdfff) ? 2 : 1
  }
  return bytes
}
const sizeOf = (found: Found) => utf8Length(JSON.stringify(found.record)) + 1
/** What ends a page: its records (and deletes), and their bytes. */
interface Bound {
  limit: number
  bytes: number
  ahead: typeof PULL_AHEAD
}

/** The page's array each entity's records go to. */
const COLLECTION = {
  person: 'persons',
  plan: 'plans',
  review: 'reviews',
  post_rehab: 'postRehab',
  follow_up: 'followUps',
  support: 'support',
  activity: 'activities',
  model: 'models',
  model_member: 'modelMembers',
  model_session: 'modelSessions',
  management_period: 'managementPeriods',
  determination: 'determinations',
  referral: 'referrals',
  methadone: 'methadone',
  handover: 'handovers',
  monitoring: 'monitoring',
  assessment: 'assessments',
} as const satisfies Record<ChangeLogEntity, string>
type Collection = (typeof COLLECTION)[ChangeLogEntity]
// A full download's phases are the change-log entities in their order, which only ever grows at the end: a cursor
// made before a kind was added (a full download under way) keeps its phase numbers.
const PHASES: readonly ChangeLogEntity[] = changeLogEntities

export type PullPage = PageHead & Record<Collection, unknown[]>
interface PageHead {
  cursor: string
  /** True: drop everything stored for this scope before applying this page (a full download starts). */
  reset: boolean
  /** True: ask again with `cursor` at once (more pages of this download, or changes made meanwhile). */
  more: boolean
  communes?: { code: string; name: string }[]
  /**
   * The province settings a device computes with offline (the caseload's due and overdue reviews), on every
   * page: a few bytes, and a change reaches devices with their next pull. Older clients ignore it; a client
   * that gets a page without it keeps what it has (or the default).
   */
  settings: { reviewPolicy: ReviewPolicy; caseRules: CaseRules }
  /** On the page that ends a pull: what the phone's dossier is judged by offline (decision 0044). */
  certification?: PulledCertification
  deletes: { entity: ChangeLogEntity; id: string }[]
}

/**
 * One page of GET /sync/pull, at most `limit` records (incremental: change_log entries) and `maxBytes` of them. Without a usable cursor
 * a full download starts at the newest change_log seq, so whatever changes while its pages are fetched is sent
 * again afterwards (records are upserts: receiving one twice is harmless).
 */
export async function pullPage(
  db: TenantDb,
  scope: PullScope,
  cursorText: string | undefined,
  limit: number,
  today: string,
  maxBytes = PULL_PAGE_BYTES,
  ahead = PULL_AHEAD,
): Promise<PullPage> {
  const bound = { limit, bytes: maxBytes, ahead }
  // One round trip on the Hrana path (decision 0046): the page the cursor asks for is read beside the bounds that
  // say whether the cursor is still usable, and the settings. A cursor found unusable (rare) starts again.
  const decoded = cursorText === undefined ? null : decodeCursor(cursorText, scope)
  const bounds = changeLogBounds(db)
  // The certification data goes once per pull, on its last page; it is read beside every page rather than after
  // the last one so that page stays one round trip (it is small: criteria sets and a figure pair per commune).
  const [{ first, latest }, reviewPolicy, caseRules, asked, certification] = await Promise.all([
    bounds,
    readReviewPolicy(db),
    readCaseRules(db),
    decoded ? pageAt(db, scope, decoded, bound, today) : fullDownload(db, scope, bounds, bound, today),
    pulledCertification(db, scope.communes, Number(today.slice(0, 4))),
  ])
  const settings = { reviewPolicy, caseRules }
  // A seq this database never reached (restored from a backup), or entries after it pruned: start again.
  const page = decoded && (decoded.s > latest || decoded.s + 1 < first) ? await fullDownload(db, scope, changeLogBounds(db), bound, today) : asked
  return { ...page, settings, ...(page.more ? {} : { certification }) }
}

/** A full download's first page, from the newest change_log seq. */
async function fullDownload(db: TenantDb, scope: PullScope, bounds: Promise<{ latest: number }>, bound: Bound, today: string) {
  const start: Omit<Cursor, 's'> = { v: 1, h: scopeHash(scope), r: { e: 0, a: [] } }
  const [page, scopeCommunes] = await Promise.all([
    snapshotPage(
      db,
      scope,
      start,
      bounds.then((b) => b.latest),
      bound,
      today,
    ),
    communeNamesByCode(db, scope.communes),
  ])
  return { ...page, reset: true, communes: scopeCommunes }
}

function pageAt(db: TenantDb, scope: PullScope, cursor: Cursor, bound: Bound, today: string) {
  return cursor.r ? snapshotPage(db, scope, cursor, cursor.s, bound, today) : changesPage(db, scope, cursor, bound)
}

function emptyPage(cursor: Cursor, more: boolean): Omit<PullPage, 'settings'> {
  const records = Object.fromEntries(Object.values(COLLECTION).map((collection) => [collection, []])) as unknown as Record<Collection, unknown[]>
  return { cursor: encodeCursor(cursor), reset: false, more, ...records, deletes: [] }
}

async function snapshotPage(
  db: TenantDb,
  scope: PullScope,
  start: Omit<Cursor, 's'>,
  seq: number | Promise<number>,
  { limit, bytes: maxBytes, ahead }: Bound,
  today: string,
): Promise<Omit<PullPage, 'settings'>> {
  const since = addMonths(today, -HISTORY_MONTHS)
  const collected: [Collection, Found[]][] = []
  let { e: phase, a: at } = start.r ?? { e: PHASES.length, a: [] }
  let room = limit
  // Every remaining phase is asked at once and the page is then filled in phase order: one round trip on the
  // Hrana path instead of one per phase (decision 0046). Only the current phase is asked for a whole page; the
  // later ones for a few rows each (in case the current one ends here), so a page does not read sixteen pages'
  // worth of rows to send one: a page that reaches a later phase's few rows ends there, and the next starts in it.
  // The newest change in the scope goes along: changes made after the download's seq (it counts only when the
  // download ends on this page) are then sent at once.
  const first = phase
  const asked = (i: number) => (i === 0 ? limit : Math.min(limit, i === 1 ? ahead.next : ahead.later))
  const [s, newest, ...fetched] = await Promise.all([
    seq,
    latestSeqIn(db, scope.communes),
    ...PHASES.slice(first).map((entity, i) => snapshotRecords(db, entity, scope.communes, since, i === 0 ? at : [], asked(i) + 1)),
  ])
  const cursor: Cursor = { ...start, s }
  let bytes = maxBytes
  while (phase < PHASES.length && room > 0) {
    const entity = PHASES[phase]!
    const rows = fetched[phase - first]!
    const taken: Found[] = []
    for (const row of rows.slice(0, Math.min(room, asked(phase - first)))) {
      const size = sizeOf(row)
      // The first record of a page always goes: one larger than the bound is a page of its own.
      if (size > bytes && room < limit) break
      taken.push(row)
      bytes -= size
      room--
    }
    collected.push([COLLECTION[entity], taken])
    // The page ends inside this phase (rows or bytes): the next one starts after its last record sent.
    if (rows.length > taken.length) {
      if (taken.length > 0) at = taken.at(-1)!.at
      break
    }
    ;[phase, at] = [phase + 1, []]
  }
  const done = phase >= PHASES.length
  const next: Cursor = done ? { v: 1, s: cursor.s, h: cursor.h } : { ...cursor, r: { e: phase, a: at } }
  // The download is complete as of seq `s`; changes made while it ran follow at once.
  const more = !done || newest > s
  const page = emptyPage(next, more)
  for (const [collection, rows] of collected) page[collection].push(...rows.map((row) => row.record))
  return page
}

/**
 * Changes after the cursor: each record once, as it is now, whatever happened to it in between. Its last
 * entry in the caller's communes decides: an upsert sends the record (or a delete when it no longer exists or
 * has since left the scope), a delete (removed, or moved to a commune outside the scope) sends a delete.
 */
async function changesPage(db: TenantDb, scope: PullScope, cursor: Cursor, { limit, bytes: maxBytes }: Bound): Promise<Omit<PullPage, 'settings'>> {
  const entries = await changesAfter(db, scope.communes, cursor.s, limit + 1)
  const window = entries.slice(0, limit)
  const keyOf = (entry: { entity: ChangeLogEntity; entityId: string }): string => `${entry.entity}:${entry.entityId}`
  // Every kind's current records at once: one round trip on the Hrana path (decision 0046). Read for every record
  // upserted in the window: the page may end before the window does (its bytes), and a record then decides by its
  // last entry before that end.
  const upserted = (entity: ChangeLogEntity) => [
    ...new Set(window.filter((entry) => entry.entity === entity && entry.op === 'upsert').map((entry) => entry.entityId)),
  ]
  const loaded = await Promise.all(
    PHASES.map((entity) => {
      const ids = upserted(entity)
      return ids.length ? currentRecords(db, entity, ids, scope.communes) : Promise.resolve([])
    }),
  )
  const current = new Map<string, Found>(PHASES.flatMap((entity, i) => loaded[i]!.map((row) => [`${entity}:${row.id}`, row] as const)))
  // The entries whose records fit the page's bytes, in seq order; a record already on the page costs nothing more.
  let bytes = maxBytes
  let end = 0
  const onPage = new Set<string>()
  for (const entry of window) {
    const key = keyOf(entry)
    if (!onPage.has(key)) {
      const record = current.get(key)
      const size = Math.max(record ? sizeOf(record) : 0, DELETE_BYTES)
      if (size > bytes && end > 0) break
      bytes -= size
      onPage.add(key)
    }
    end++
  }
  const taken = window.slice(0, end)
  const page = emptyPage({ v: 1, s: taken.at(-1)?.seq ?? cursor.s, h: cursor.h }, entries.length > end)
  const last = new Map<string, { entity: ChangeLogEntity; id: string; op: 'upsert' | 'delete' }>()
  for (const entry of taken) last.set(keyOf(entry), { entity: entry.entity, id: entry.entityId, op: entry.op })
  for (const entity of PHASES)
    for (const change of last.values()) {
      if (change.entity !== entity) continue
      const record = change.op === 'upsert' ? current.get(keyOf({ entity, entityId: change.id })) : undefined
      if (record) page[COLLECTION[entity]].push(record.record)
      else page.deletes.push({ entity, id: change.id })
    }
  return page
}
