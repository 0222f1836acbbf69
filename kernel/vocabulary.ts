/**
 * The closed lists the records use, shared by the database schema (db/*\/schema: the column enums), the
 * server's validation and the SPA's screens and contract types. Adding a value here changes all three.
 */

// People and their plans (DOMAIN.md §3–§4)
export const personCategories = ['drug_user', 'dependent', 'post_rehab'] as const
/** Where a person's record came from when not registered here (decision 0039): an accepted hand-over from another province. */
export const personSources = ['handover'] as const
export type PersonSource = (typeof personSources)[number]
export type PersonCategory = (typeof personCategories)[number]
/**
 * One current status per person (DOMAIN.md §3), derived from their records (kernel/domain/person-status.ts,
 * docs/decisions/0028); the records carry the history.
 */
export const personStatuses = [
  'under_management',
  'awaiting_determination',
  'awaiting_registration',
  'in_rehab',
  'substitution_treatment',
  'post_rehab',
  'compulsory_rehab',
  'transferred',
  'closed',
] as const
export type PersonStatus = (typeof personStatuses)[number]
export const planForms = ['family', 'community'] as const
export type PlanForm = (typeof planForms)[number]
export const planStatuses = ['draft', 'active', 'suspended', 'completed', 'terminated', 'transferred'] as const
export type PlanStatus = (typeof planStatuses)[number]
export const drugTestResults = ['negative', 'positive', 'refused', 'not_done'] as const
export type DrugTestResult = (typeof drugTestResults)[number]
export const riskLevels = ['low', 'medium', 'high'] as const
export type RiskLevel = (typeof riskLevels)[number]
/**
 * The law's five stages of voluntary community rehab (DOMAIN.md §10), in order; completion needs the first three.
 * Stored plans named four others until migration 0010 renamed them (plan-stages.ts reads either).
 */
export const planStages = ['intake_classification', 'detox_treatment', 'education_counselling', 'work_vocational', 'reintegration'] as const
export type PlanStage = (typeof planStages)[number]
/** Why a plan ends early as terminated (DOMAIN.md §4.6; a province may switch some off: case rule terminationReasons). */
export const terminationReasons = ['drug_use', 'non_compliance', 'self_abandonment', 'moved_away', 'death', 'compulsory_rehab', 'other'] as const
export type TerminationReason = (typeof terminationReasons)[number]

// After care (post-rehab management, support)
export const supportModels = ['b93_club', 'five_plus_one', 'volunteers', 'other'] as const
export type SupportModel = (typeof supportModels)[number]
export const postRehabStatuses = ['active', 'ended', 'relapsed'] as const
export type PostRehabStatus = (typeof postRehabStatuses)[number]
export const followUpMethods = ['visit', 'phone', 'meeting'] as const
export type FollowUpMethod = (typeof followUpMethods)[number]
export const supportKinds = ['vocational_training', 'job_placement', 'preferential_loan', 'health_insurance', 'counselling'] as const
export type SupportKind = (typeof supportKinds)[number]
/** An illegal drug user's management period. */
export const managementStatuses = ['active', 'ended'] as const
export type ManagementStatus = (typeof managementStatuses)[number]
/** Why a management period ended: its length elapsed (the daily job), or the law's early grounds (DOMAIN.md §10). */
export const managementEndReasons = [
  'period_elapsed',
  'determined_dependent',
  'commune_education',
  'reformatory_or_compulsory_education',
  'prison',
  'died',
  'missing',
] as const
export type ManagementEndReason = (typeof managementEndReasons)[number]
/** The early grounds: an officer's command, with its date and decision. */
export const managementEarlyEndReasons = [
  'determined_dependent',
  'commune_education',
  'reformatory_or_compulsory_education',
  'prison',
  'died',
  'missing',
] as const

// Addiction determination, compulsory-rehab referral, substitution treatment (DOMAIN.md §3, §10)
/** Who the law sends to determination: the case that triggered it. */
export const determinationTriggers = ['caught_again_while_managed', 'no_stable_residence', 'commune_education', 'post_rehab_use', 'volunteer'] as const
export type DeterminationTrigger = (typeof determinationTriggers)[number]
export const determinationResults = ['dependent', 'not_dependent'] as const
export type DeterminationResult = (typeof determinationResults)[number]
/** The law's four grounds for compulsory rehab of an adult. */
export const referralGrounds = ['not_registered_or_abandoned', 'use_during_voluntary_rehab', 'left_substitution_treatment', 'relapse_post_rehab'] as const
export type ReferralGround = (typeof referralGrounds)[number]
/**
 * referred: the dossier is with the court; admitted: the court decided and the facility admitted; returned;
 * refused: the court decided not to apply compulsory rehab (decision 0039). Appended: stored values keep their meaning.
 */
export const referralStatuses = ['referred', 'admitted', 'returned', 'refused'] as const
export type ReferralStatus = (typeof referralStatuses)[number]
export const methadoneStatuses = ['active', 'ended'] as const
export type MethadoneStatus = (typeof methadoneStatuses)[number]
/** Why substitution treatment ended; `left` and `expelled` are a ground for referral. */
export const methadoneEndReasons = ['completed', 'left', 'expelled', 'moved', 'died', 'other'] as const
export type MethadoneEndReason = (typeof methadoneEndReasons)[number]

// Legacy-list import
export const importFormats = ['csv', 'xlsx'] as const
export type ImportFormat = (typeof importFormats)[number]
export const importRowOutcomes = ['imported', 'rejected'] as const
export type ImportRowOutcome = (typeof importRowOutcomes)[number]

// Places, users, provinces
export const communeKinds = ['xa', 'phuong', 'dac_khu'] as const
export type CommuneKind = (typeof communeKinds)[number]
export const userStatuses = ['invited', 'active', 'disabled'] as const
export type UserStatus = (typeof userStatuses)[number]
export const oneTimeTokenPurposes = ['invite', 'reset'] as const
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number]
export const tenantStatuses = ['provisioning', 'provisioned', 'migrated', 'seeded', 'active', 'suspended'] as const
export type TenantStatus = (typeof tenantStatuses)[number]

// Offline sync: how the server answered one queued change (POST /api/p/:province/sync/push)
export const syncResultStatuses = ['applied', 'conflict', 'invalid', 'not_found', 'forbidden', 'error'] as const
export type SyncResultStatus = (typeof syncResultStatuses)[number]

// The commune's activity log and community models (issue #16, decision 0033)
/** One kind per line of a quarterly review (*sơ kết*): what `count` counts is in kernel/domain/activity-rules.ts. */
export const activityKinds = [
  'awareness_session',
  'broadcast',
  'article',
  'leaflet',
  'school_session',
  'training',
  'film_screening',
  'sports_culture',
  'public_tips',
  'gifts',
  'outreach',
] as const
export type ActivityKind = (typeof activityKinds)[number]
/** Who organised it: a mass organisation, the police, the school or the commune itself. */
export const activityOrganisers = [
  'womens_union',
  'youth_union',
  'veterans_association',
  'farmers_association',
  'fatherland_front',
  'police',
  'school',
  'commune',
] as const
export type ActivityOrganiser = (typeof activityOrganisers)[number]
/** Who a training trained. */
export const traineeGroups = ['commune_officials', 'police', 'teachers', 'volunteers', 'mass_organisations', 'model_members', 'other'] as const
export type TraineeGroup = (typeof traineeGroups)[number]
export const communityModelKinds = [
  'b93_club',
  'support_model_5_1',
  'volunteer_team',
  'counselling_point',
  'family_club',
  'youth_team',
  'reintegration_fund',
] as const
export type CommunityModelKind = (typeof communityModelKinds)[number]
export const communityModelStatuses = ['active', 'dissolved'] as const
export type CommunityModelStatus = (typeof communityModelStatuses)[number]
