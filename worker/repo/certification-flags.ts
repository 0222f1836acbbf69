// Monitoring of recognised communes (decision 0037), run by the command runner in the transaction of every case
// write: a write that contradicts a drug-free criterion in a recognised commune leaves a flag for the province.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { certificationFlags } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { Decision, PersonFacts } from '../../kernel/commands/command.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { flagsFor } from '../../kernel/domain/certification/monitoring.ts'
import { recognisedCommunes } from './certification-figures.ts'
import { presentFlag } from './certification-records.ts'

/** The communes a decision could place a managed person in: only those are looked up (most writes touch none). */
function communesTouched(decision: Decision, before: PersonFacts | undefined): string[] {
  const out = new Set<string>()
  for (const i of decision.inserts) if (i.collection === 'persons') out.add(i.record.communeCode)
  for (const u of decision.updates) {
    if (!before) continue
    if (u.collection === 'persons' && u.id === before.id) out.add((u.set as { communeCode?: string }).communeCode ?? before.communeCode)
    if (u.collection === 'postRehab') out.add(before.communeCode)
  }
  return [...out]
}

/**
 * The communes whose drug-free status is open, read beside a command's load (a few rows a province): the flags its
 * decision raises are then known without a read of their own, before its writes, so that a batched persistence
 * holds them all.
 */
export function watchedCommunes(tx: TenantTx): Promise<Map<string, string>> {
  return recognisedCommunes(tx, null)
}

/** The flags a decision raises, given the communes watched when the command was loaded (watchedCommunes). */
export function certificationFlagsFor(decision: Decision, before: PersonFacts | undefined, at: Date, watched: ReadonlyMap<string, string>) {
  const periods = new Map(communesTouched(decision, before).flatMap((code) => (watched.has(code) ? [[code, watched.get(code)!] as const] : [])))
  if (periods.size === 0) return []
  const raisedOn = vietnamToday(at)
  return flagsFor(decision, before, new Set(periods.keys())).map((flag) => ({
    id: crypto.randomUUID(),
    communeCode: flag.communeCode,
    periodId: periods.get(flag.communeCode)!,
    kind: flag.kind,
    criterionCode: flag.criterionCode,
    personId: flag.personId,
    raisedOn,
    status: 'open' as const,
    reviewNote: null,
    version: 1,
    createdAt: at,
    createdBy: null,
    updatedAt: at,
    updatedBy: null,
  }))
}

export async function raiseCertificationFlags(tx: TenantTx, flags: Awaited<ReturnType<typeof certificationFlagsFor>>): Promise<void> {
  for (const flag of flags) await tx.insert(certificationFlags).values(flag)
}

export async function listFlags(db: TenantDb | TenantTx, filter: { communes: readonly string[] | null; status?: 'open' | 'reviewed' | undefined }) {
  const rows = await db
    .select()
    .from(certificationFlags)
    .where(
      and(
        filter.communes ? inArray(certificationFlags.communeCode, [...filter.communes]) : undefined,
        filter.status ? eq(certificationFlags.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(certificationFlags.raisedOn), desc(certificationFlags.id))
    .limit(500)
  return rows.map(presentFlag)
}
