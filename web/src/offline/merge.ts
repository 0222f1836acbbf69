// Resolving a conflict (a change based on a version the server has moved past). Pure; tested in
// test/web/offline-merge.test.ts. The officer sees both versions and chooses; nothing is overwritten silently.
import type { OutboxEntry } from './types.ts'

export type Side = 'mine' | 'theirs'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields my change sets to something other than what the server now holds (the version aside). */
export function differingFields(mine: Record<string, unknown>, theirs: Record<string, unknown>): string[] {
  return Object.keys(mine).filter((field) => field !== 'version' && !same(mine[field], theirs[field]))
}

/** "Keep mine": the same change, based on the server's current version. */
export function keepMine(entry: OutboxEntry, theirs: Record<string, unknown>): Record<string, unknown> {
  return { ...entry.data, version: theirs.version }
}

/**
 * "Merge": per differing field, mine or theirs. The new change carries only the fields where mine was chosen,
 * based on the server's current version; null when every choice is theirs (nothing left to send).
 */
export function mergeChange(entry: OutboxEntry, theirs: Record<string, unknown>, choices: Readonly<Record<string, Side>>): Record<string, unknown> | null {
  const kept = differingFields(entry.data, theirs).filter((field) => (choices[field] ?? 'mine') === 'mine')
  if (kept.length === 0) return null
  return { ...Object.fromEntries(kept.map((field) => [field, entry.data[field]])), version: theirs.version }
}

/** Only updates of a person have fields to merge one by one; a plan status change is kept or dropped whole. */
export function canMerge(entry: OutboxEntry): boolean {
  return entry.type === 'person.update'
}
