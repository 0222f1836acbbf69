import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import {
  determinationResults,
  determinationTriggers,
  methadoneEndReasons,
  methadoneStatuses,
  referralGrounds,
  referralStatuses,
} from '../../../kernel/vocabulary.ts'

// The records of the law's other paths (DOMAIN.md §3, §10; docs/decisions/0028). A decision is a JSON column
// ({ number, date, signer, signerRole, body }, kernel/domain/legal-decision.ts) on the record of its step.

const stamps = {
  version: integer('version').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
}

/** An addiction determination: requested on the police dossier, concluded by a health facility. */
export const determinations = sqliteTable(
  'determinations',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    trigger: text('trigger', { enum: determinationTriggers }).notNull(),
    dossierOn: text('dossier_on').notNull(),
    facility: text('facility').notNull(),
    resultOn: text('result_on'),
    result: text('result', { enum: determinationResults }),
    decision: text('decision'),
    /** A result of dependence: the registration deadline (5 working days), what the home screen lists. */
    registrationDueOn: text('registration_due_on'),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    index('determinations_person_idx').on(t.personId, t.id),
    index('determinations_commune_due_idx').on(t.communeCode, t.registrationDueOn),
    index('determinations_report_idx').on(t.resultOn, t.communeCode, t.result),
  ],
)

/** A referral to compulsory rehab, the court's decision, the admission and the return. */
export const compulsoryReferrals = sqliteTable(
  'compulsory_referrals',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    ground: text('ground', { enum: referralGrounds }).notNull(),
    dossierOn: text('dossier_on').notNull(),
    submittedOn: text('submitted_on'),
    status: text('status', { enum: referralStatuses }).notNull(),
    courtDecision: text('court_decision'),
    facility: text('facility'),
    admittedOn: text('admitted_on'),
    returnedOn: text('returned_on'),
    returnDecision: text('return_decision'),
    postRehabId: text('post_rehab_id'),
    note: text('note'),
    ...stamps,
  },
  // Reports: referrals per commune in a period (the quota's count).
  (t) => [
    index('referrals_person_idx').on(t.personId, t.id),
    index('referrals_commune_dossier_idx').on(t.communeCode, t.dossierOn),
    // Reports over the whole province: referrals opened, admitted, returned in a period.
    index('referrals_report_dossier_idx').on(t.dossierOn, t.communeCode),
    index('referrals_report_admitted_idx').on(t.admittedOn, t.returnedOn, t.communeCode),
    index('referrals_report_returned_idx').on(t.returnedOn, t.communeCode),
  ],
)

/** Substitution treatment (methadone), a record parallel to the person's status. */
export const methadoneTreatments = sqliteTable(
  'methadone_treatments',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    facility: text('facility').notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on'),
    status: text('status', { enum: methadoneStatuses }).notNull(),
    endReason: text('end_reason', { enum: methadoneEndReasons }),
    ...stamps,
  },
  (t) => [
    index('methadone_person_idx').on(t.personId, t.id),
    index('methadone_commune_status_idx').on(t.communeCode, t.status),
    index('methadone_report_start_idx').on(t.startOn, t.endOn, t.communeCode),
    index('methadone_report_end_idx').on(t.endOn, t.communeCode),
  ],
)
