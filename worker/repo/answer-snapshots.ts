// A sync receipt's answer written in the change's own batch (decision 0049): the rows its record is presented
// from, read by SQL right after the writes (a JSON sub-select inside the receipt's insert), and presented by the
// same functions as presentRecord when the key is replayed. The record itself is code, so it cannot be built in
// SQL; the rows can, so the answer needs no step after the batch.
import { asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import {
  certificationFlags,
  communeAssessments,
  communePopulations,
  communityActivities,
  communityModelMembers,
  communityModels,
  communityModelSessions,
  compulsoryReferrals,
  criteriaSets,
  determinations,
  drugFreePeriods,
  followUps,
  handovers,
  managementPeriods,
  methadoneTreatments,
  monitoringRecords,
  persons,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportRecords,
} from '../../db/tenant/schema/index.ts'
import type { RecordRef } from '../../kernel/commands/command.ts'
import { presentAssessment, presentCriteriaSet, presentFlag, presentPeriod, presentPopulation } from './certification-records.ts'
import { presentActivity, presentMember, presentModel, presentSession } from './community.ts'
import { presentFollowUp, presentManagementPeriod, presentPostRehab, presentSupport } from './after-care.ts'
import { presentDetermination, presentMethadone, presentReferral } from './legal-records.ts'
import { presentHandover, presentMonitoring } from './moving.ts'
import { presentPerson } from './persons.ts'
import { presentPlan } from './plans.ts'
import { presentReview } from './reviews.ts'

type Columns = Record<string, SQLiteColumn>

/** A row as a JSON object keyed by column name (SQL), the driver's values as they are stored. */
function rowObject(table: SQLiteTable): SQL {
  const pairs = Object.values(getTableColumns(table) as Columns).map((column) => sql`${column.name}, ${column}`)
  return sql`json_object(${sql.join(pairs, sql`, `)})`
}

/** The row back as drizzle reads it (each column's own mapping: dates, booleans, JSON), or undefined. */
function rowFrom<T>(table: SQLiteTable, json: unknown): T | undefined {
  if (json === null || typeof json !== 'object') return undefined
  const stored = json as Record<string, unknown>
  const row: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table) as Columns)) {
    const value = stored[column.name]
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
  }
  return row as T
}

interface Snapshot {
  /** A scalar SQL expression: the record's rows as JSON (null when it is not there). */
  read(id: string): SQL
  present(json: unknown): unknown
}

/** One row by id, presented by its collection's own function. */
function oneRow<T>(table: SQLiteTable & { id: SQLiteColumn }, present: (row: T) => unknown): Snapshot {
  return {
    // json(): a sub-select's JSON would otherwise be embedded as a string.
    read: (id) => sql`json((select ${rowObject(table)} from ${table} where ${eq(table.id, id)}))`,
    present: (json) => {
      const row = rowFrom<T>(table, json)
      return row === undefined ? undefined : present(row)
    },
  }
}

/**
 * Every collection presentRecord presents has one, so every applied change's receipt is complete in its batch.
 * The others (a plan's status changes, an activity's or an assessment's history) are never a command's answer.
 */
type Presented = Exclude<RecordRef['collection'], 'planTransitions' | 'activityVersions' | 'assessmentTransitions'>

const snapshots: Record<Presented, Snapshot> = {
  persons: oneRow(persons, presentPerson),
  reviews: oneRow(reviews, presentReview),
  postRehab: oneRow(postRehabRecords, presentPostRehab),
  followUps: oneRow(followUps, presentFollowUp),
  support: oneRow(supportRecords, presentSupport),
  managementPeriods: oneRow(managementPeriods, presentManagementPeriod),
  handovers: oneRow(handovers, presentHandover),
  monitoring: oneRow(monitoringRecords, presentMonitoring),
  determinations: oneRow(determinations, presentDetermination),
  referrals: oneRow(compulsoryReferrals, presentReferral),
  methadone: oneRow(methadoneTreatments, presentMethadone),
  activities: oneRow(communityActivities, presentActivity),
  models: oneRow(communityModels, presentModel),
  modelMembers: oneRow(communityModelMembers, presentMember),
  modelSessions: oneRow(communityModelSessions, presentSession),
  assessments: oneRow(communeAssessments, presentAssessment),
  statusPeriods: oneRow(drugFreePeriods, presentPeriod),
  certificationFlags: oneRow(certificationFlags, presentFlag),
  criteriaSets: oneRow(criteriaSets, presentCriteriaSet),
  populations: oneRow(communePopulations, presentPopulation),
  // A plan is shown with its status changes (loadPlanView).
  plans: {
    read: (id) => {
      const transitions = sql`(select json_group_array(json(r)) from (select ${rowObject(planTransitions)} as r from ${planTransitions} where ${eq(planTransitions.planId, id)} order by ${asc(planTransitions.id)}))`
      return sql`json_object('plan', json((select ${rowObject(rehabPlans)} from ${rehabPlans} where ${eq(rehabPlans.id, id)})), 'transitions', json(${transitions}))`
    },
    present: (json) => {
      const { plan, transitions } = (json ?? {}) as { plan?: unknown; transitions?: unknown[] }
      const row = rowFrom<Parameters<typeof presentPlan>[0]>(rehabPlans, plan)
      if (!row) return undefined
      return presentPlan(
        row,
        (transitions ?? []).map((tr) => rowFrom<NonNullable<Parameters<typeof presentPlan>[1]>[number]>(planTransitions, tr)!),
      )
    },
  },
}

/** The SQL that reads a record's rows as JSON inside the writing batch, for the collections it is written for. */
export function answerSnapshotSql(ref: RecordRef): SQL | undefined {
  return snapshotOf(ref)?.read(ref.id)
}

/** A stored snapshot presented as presentRecord presents the live rows. */
export function presentSnapshot(ref: RecordRef, json: unknown): unknown {
  return snapshotOf(ref)?.present(json)
}

const snapshotOf = (ref: RecordRef): Snapshot | undefined => (ref.collection in snapshots ? snapshots[ref.collection as Presented] : undefined)
