import { sql, type SQL } from 'drizzle-orm'
import type { TenantDb } from '../../db/types.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { activitiesInPeriodQuery, modelsForFiguresQueries } from './community.ts'
import { communeNamesQuery } from './communes.ts'
import { overdueReviewsQuery } from './reviews.ts'
import { reviewPolicyQuery } from './settings.ts'
import { targetPlanQueries } from './targets.ts'

// The case figures of a report (DOMAIN.md §7; decisions 0034, 0043), read from the aggregates the triggers keep,
// never from the records nor the people: every row is (commune, figure key, number), summed per commune by
// worker/services/reports.ts. A period's flows and distinct people are its rows of report_period_figures (each
// record added itself to the periods its day falls in, in its own commune); figures of a day — head-counts, at a
// facility, on methadone, drug-free two years — are the sums of monthly deltas up to the period's last month;
// new registrations are the months of report_registrations. Only the minors are counted from the people (a few,
// found by birth date through persons_birth_idx), as their band depends on the day.

/** A figure's number for one commune. Keys: see `caseFigureSql`; the service names them in the contract. */
export interface FigureRow {
  c: string
  k: string
  n: number
}

const minusYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`

/**
 * The rows of a statement as one JSON text, `[[commune, key, n], …]`: building a driver row object per figure cost
 * more than reading the figure (a province report has some 10,000), and one text parses at native speed.
 */
const packed = (rows: SQL) => sql`select json_group_array(json_array(c, k, n)) as f from (${rows})`

/** A figure row as `packed` sends it: commune, key, number. */
export type PackedFigure = readonly [c: string, k: string, n: number]

/** The rows packed by `packed`, as they came (the report groups them without an object per row). */
export function packedFigures(rows: readonly { f: string | null }[]): PackedFigure[] {
  const text = rows[0]?.f
  return text ? (JSON.parse(text) as PackedFigure[]) : []
}

/** The rows packed by `packed`, as figure rows. */
export function unpackFigures(rows: readonly { f: string | null }[]): FigureRow[] {
  return packedFigures(rows).map(([c, k, n]) => ({ c, k, n }))
}

/** The statement: the kept rows of the period, the monthly sums up to its end, and the minors. */
export function caseFigureSql(period: ReportPeriod, scope: readonly string[] | null): SQL {
  const { from, to } = period
  const fromMonth = from.slice(0, 7)
  const endMonth = to.slice(0, 7)
  // Minors on the period's last day: 12 years old or more, not yet 18 (born after to − 18 years, by to − 12 years).
  const minorBornAfter = minusYears(to, 18)
  const minorBornBy = minusYears(to, 12)
  const scopeJson = scope ? JSON.stringify(scope) : null
  const inScope = (column: string) => (scopeJson === null ? sql.raw('1') : sql`${sql.raw(column)} in (select value from json_each(${scopeJson}))`)

  return packed(sql`
    with minors as materialized (
      -- Minors on the period's last day, on the list then (and in rehab): a few people, found by birth date.
      select h.commune_code as c, count(*) as under, sum(h.status = 'in_rehab') as in_rehab
        from persons p join person_status_periods h on h.person_id = p.id
        where p.birth_date > ${minorBornAfter} and p.birth_date <= ${minorBornBy}
          and h.from_on <= ${to} and (h.to_on is null or h.to_on > ${to}) and h.status not in ('closed', 'transferred')
          and ${inScope('h.commune_code')}
        group by h.commune_code
    )
    select commune_code as c, figure as k, n from report_period_figures
      where period = (select period from report_calendar where year = ${Number(from.slice(0, 4))} and from_on = ${from} and to_on = ${to})
        and n <> 0 and ${inScope('commune_code')}
    union all
    select commune_code, figure, sum(n) from report_month_deltas
      where month <= ${endMonth} and ${inScope('commune_code')} group by figure, commune_code
    union all
    select commune_code, 's:' || category || ':' || status, sum(n) from report_status_deltas
      where month <= ${endMonth} and ${inScope('commune_code')} group by commune_code, category, status
    union all
    select commune_code, 'new', sum(n) from report_registrations
      where registered_month >= ${fromMonth} and registered_month <= ${endMonth} and recorded_month <= ${endMonth} and ${inScope('commune_code')}
      group by commune_code
    union all
    select c, 'minors.under', under from minors
    union all
    select c, 'minors.inRehab', in_rehab from minors
  `)
}

/**
 * The outcomes of the community models' members in the period (decision 0034): per model commune and kind, then
 * every kind together ('*'), members with a relapse dated in the period, and members recorded employed among
 * those whose employment was recorded (reviews and post-rehab contacts).
 */
export function modelOutcomeSql(period: ReportPeriod, scope: readonly string[] | null): SQL {
  const { from, to } = period
  const scopeJson = scope ? JSON.stringify(scope) : null
  const inScope = scopeJson === null ? sql.raw('1') : sql`m.commune_code in (select value from json_each(${scopeJson}))`
  return packed(sql`
    with members as (
      select distinct m.commune_code as c, m.kind as kind, mm.person_id as person_id
        from community_models m join community_model_members mm on mm.model_id = m.id
        where mm.joined_on <= ${to} and (mm.left_on is null or mm.left_on >= ${from})
          and json_extract(m.decision, '$.date') <= ${to} and (m.status <> 'dissolved' or m.dissolved_on >= ${from}) and ${inScope}
    ),
    relapsed as (
      select distinct person_id from post_rehab_records
        where relapse_on >= ${from} and relapse_on <= ${to} and person_id in (select person_id from members)
    ),
    employment as (
      select person_id, max(employed) as employed from (
          select person_id, employed from reviews
            where reviewed_on >= ${from} and reviewed_on <= ${to} and employed is not null and person_id in (select person_id from members)
          union all
          select person_id, employed from follow_ups
            where contacted_on >= ${from} and contacted_on <= ${to} and employed is not null and person_id in (select person_id from members))
        group by person_id
    ),
    outcomes as (
      select m.c, m.kind, m.person_id, r.person_id is not null as relapsed, e.employed as employed
        from members m left join relapsed r on r.person_id = m.person_id left join employment e on e.person_id = m.person_id
    )
    select c, 'mo:' || kind || ':relapsed' as k, sum(relapsed) as n from outcomes group by c, kind
    union all select c, 'mo:' || kind || ':employed', sum(coalesce(employed, 0)) from outcomes group by c, kind
    union all select c, 'mo:' || kind || ':known', count(employed) from outcomes group by c, kind
    union all select c, 'mo:*:relapsed', count(distinct case when relapsed then person_id end) from outcomes group by c
    union all select c, 'mo:*:employed', count(distinct case when employed = 1 then person_id end) from outcomes group by c
    union all select c, 'mo:*:known', count(distinct case when employed is not null then person_id end) from outcomes group by c
  `)
}

export async function caseFigureRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null): Promise<FigureRow[]> {
  return unpackFigures(await db.all<{ f: string | null }>(caseFigureSql(period, scope)))
}

/**
 * Every read of a report, sent as one batch (one round trip on a remote database, and one snapshot: the figures
 * of the period and of the year before, the models and the activity log agree with each other): the case
 * figures and the models' outcomes of both periods, the activity log and the models' sessions of both, the
 * models and members in scope, the communes' names, the year's plan and its targets, the review policy, and the
 * plans overdue for review today counted with `overdueCutoff` — the cutoff of the policy the caller expects
 * (worker/services/reports.ts recounts in the rare case the stored policy gives another).
 */
export function reportReads(db: TenantDb, q: { period: ReportPeriod; previous: ReportPeriod; scope: readonly string[] | null; overdueCutoff: string }) {
  const { period, previous, scope } = q
  const [models, members, sessions] = modelsForFiguresQueries(db, scope, period.from, period.to)
  const [, , sessionsBefore] = modelsForFiguresQueries(db, scope, previous.from, previous.to)
  // The year's plan: a report of any part of the year sets its referrals against the year's target.
  const [plan, targets] = targetPlanQueries(db, Number(period.to.slice(0, 4)))
  return db.batch([
    db.all<{ f: string | null }>(caseFigureSql(period, scope)),
    db.all<{ f: string | null }>(caseFigureSql(previous, scope)),
    db.all<{ f: string | null }>(modelOutcomeSql(period, scope)),
    db.all<{ f: string | null }>(modelOutcomeSql(previous, scope)),
    activitiesInPeriodQuery(db, scope, period.from, period.to),
    activitiesInPeriodQuery(db, scope, previous.from, previous.to),
    models,
    members,
    sessions,
    sessionsBefore,
    communeNamesQuery(db, scope),
    plan,
    targets,
    reviewPolicyQuery(db),
    overdueReviewsQuery(db, scope, q.overdueCutoff),
  ])
}
