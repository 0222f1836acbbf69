import { and, eq, inArray } from 'drizzle-orm'
import { managementPeriods, persons, postRehabRecords, rehabPlans, type PersonStatus } from '../../db/tenant/schema/index.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { personProblems, type FieldProblem } from '../../kernel/domain/person-rules.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { AppError } from '../errors.ts'
import { findPerson, presentPerson, type PersonRow, type PersonView } from '../repo/persons.ts'
import type { CreatePersonInput, UpdatePersonInput } from '../schemas/persons.ts'
import { idTaken, type WriteOptions } from './write-options.ts'

function invalid(problems: FieldProblem[]): AppError {
  return new AppError('validation_failed', 400, `Invalid ${problems[0]!.field}: ${problems[0]!.message}`, { issues: problems })
}

const INITIAL_STATUS: Record<PersonRow['category'], PersonStatus> = {
  drug_user: 'under_management',
  dependent: 'under_management',
  post_rehab: 'post_rehab',
}

function isCitizenIdTaken(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes('persons.citizen_id')) return true
  }
  return false
}

const citizenIdTaken = () =>
  new AppError('conflict', 409, 'Invalid json.citizenId: this citizen ID is already registered in the province', {
    issues: [{ field: 'json.citizenId', message: 'is already registered in the province' }],
  })

/** A new person's row as registered (by the API, a sync push or an import): version 1, status from the category. */
export function newPersonRow(id: string, input: CreatePersonInput, ctx: Pick<AuditContext, 'at' | 'actorId'>): PersonRow {
  return {
    id,
    fullName: input.fullName,
    nameKey: foldDiacritics(input.fullName),
    birthDate: input.birthDate,
    sex: input.sex,
    citizenId: input.citizenId,
    communeCode: input.communeCode,
    addressDetail: input.addressDetail ?? null,
    phone: input.phone ?? null,
    category: input.category,
    status: INITIAL_STATUS[input.category],
    addictionDeterminedOn: input.addictionDeterminedOn ?? null,
    addictionDeterminedBy: input.addictionDeterminedBy ?? null,
    assignedOfficerId: input.assignedOfficerId ?? null,
    notes: input.notes ?? null,
    version: 1,
    createdAt: ctx.at,
    createdBy: ctx.actorId,
    updatedAt: ctx.at,
    updatedBy: ctx.actorId,
  }
}

/** The caller (route) has checked that the commune belongs to the province and is in the actor's scope. */
export async function createPerson(db: TenantDb, ctx: AuditContext, input: CreatePersonInput, opts: WriteOptions<PersonView> = {}): Promise<PersonView> {
  const problems = personProblems(input, vietnamToday(ctx.at))
  if (problems.length > 0) throw invalid(problems)
  const id = input.id ?? crypto.randomUUID()
  const row = newPersonRow(id, input, ctx)
  try {
    return await writeTransaction(db, async (tx) => {
      // A replayed registration (same client id) is answered with the stored record, not duplicated.
      const existing = await findPerson(tx, id)
      // Only the same officer's same registration is a replay (see idTaken).
      if (existing && (existing.communeCode !== input.communeCode || existing.createdBy !== ctx.actorId)) throw idTaken()
      if (!existing) {
        await tx.insert(persons).values(row)
        await appendAudit(tx, { ...ctx, action: 'person.create', entityType: 'person', entityId: id, outcome: 'success', details: { commune: input.communeCode, category: input.category } })
      }
      const saved = presentPerson(existing ?? row)
      await opts.inTransaction?.(tx, saved)
      return saved
    })
  } catch (err) {
    if (isCitizenIdTaken(err)) throw citizenIdTaken()
    throw err
  }
}

/**
 * Applies a change based on `input.version`. A stale version is not applied: 409 with the current record,
 * so the officer can compare and decide (nothing is silently overwritten).
 */
export async function updatePerson(db: TenantDb, ctx: AuditContext, current: PersonRow, input: UpdatePersonInput, opts: WriteOptions<PersonView> = {}): Promise<PersonView> {
  const { version, ...changes } = input
  if (version !== current.version) throw stale(current)
  const next: PersonRow = { ...current, ...(definedOnly(changes) as Partial<PersonRow>) }
  const problems = personProblems(next, vietnamToday(ctx.at))
  if (problems.length > 0) throw invalid(problems)
  const changed = Object.keys(definedOnly(changes)).filter((key) => (changes as Record<string, unknown>)[key] !== (current as Record<string, unknown>)[key])
  try {
    return await writeTransaction(db, async (tx) => {
      const [updated] = await tx
        .update(persons)
        .set({ ...definedOnly(changes), nameKey: foldDiacritics(next.fullName), version: current.version + 1, updatedAt: ctx.at, updatedBy: ctx.actorId })
        .where(and(eq(persons.id, current.id), eq(persons.version, version)))
        .returning()
      if (!updated) throw new StaleVersion()
      if (updated.communeCode !== current.communeCode) await moveCommune(tx, current.id, updated.communeCode)
      await appendAudit(tx, { ...ctx, action: 'person.update', entityType: 'person', entityId: current.id, outcome: 'success', details: { fields: changed.sort().join(',').slice(0, 200) } })
      const saved = presentPerson(updated)
      await opts.inTransaction?.(tx, saved)
      return saved
    })
  } catch (err) {
    if (err instanceof StaleVersion) throw stale((await findPerson(db, current.id)) ?? current)
    if (isCitizenIdTaken(err)) throw citizenIdTaken()
    throw err
  }
}

class StaleVersion extends Error {}

/**
 * A person who moves to another commune is managed there from now on. An open rehab plan must first end as
 * `transferred` (DOMAIN.md: a move ends the plan; the new commune opens its own), so a move with one is refused;
 * an active post-rehab record and an active management period move with the person. Past plans, reviews,
 * follow-ups and support stay with the commune where they happened (its reports count them).
 */
async function moveCommune(tx: TenantTx, personId: string, communeCode: string): Promise<void> {
  const [open] = await tx
    .select({ id: rehabPlans.id })
    .from(rehabPlans)
    .where(and(eq(rehabPlans.personId, personId), inArray(rehabPlans.status, [...OPEN_PLAN_STATUSES])))
  if (open) {
    throw new AppError('conflict', 409, 'Invalid json.communeCode: this person has an open rehab plan; end it as transferred before moving the person to another commune', {
      issues: [{ field: 'json.communeCode', message: 'end the open rehab plan as transferred first' }],
      openPlanId: open.id,
    })
  }
  await tx.update(postRehabRecords).set({ communeCode }).where(and(eq(postRehabRecords.personId, personId), eq(postRehabRecords.status, 'active')))
  await tx.update(managementPeriods).set({ communeCode }).where(and(eq(managementPeriods.personId, personId), eq(managementPeriods.status, 'active')))
}

function stale(current: PersonRow): AppError {
  return new AppError('conflict', 409, `This record was changed meanwhile (now version ${current.version}); review the current record and apply your change again`, {
    current: presentPerson(current),
  })
}

function definedOnly<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined)) as Partial<T>
}
