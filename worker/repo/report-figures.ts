import { sql, type SQL } from 'drizzle-orm'
import type { TenantDb } from '../../db/types.ts'
import { vietnamDayEnd, vietnamDayStart } from '../../kernel/calendar.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { supportKinds } from '../../kernel/vocabulary.ts'

// The case figures of a report (DOMAIN.md §7; decision 0034) as one statement of grouped aggregates in the
// province database, never by loading people: every row is (commune, figure key, number), summed per commune
// by worker/services/reports.ts. Head-counts come from the monthly status deltas (the sum of the deltas up to the
// period's last month is the head-count at its end), flows from the records dated inside the period, in the
// commune of the record (a registration: the commune the person was registered in, whatever they moved to since).

/** A figure's number for one commune. Keys: see `caseFigureSql`; the service names them in the contract. */
export interface FigureRow {
  c: string
  k: string
  n: number
}

const minusYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`

/** The statement: one UNION ALL branch per figure (or per few), each grouped by commune. */
export function caseFigureSql(period: ReportPeriod, scope: readonly string[] | null): SQL {
  const { from, to } = period
  const fromMs = vietnamDayStart(from).getTime()
  const toMs = vietnamDayEnd(to).getTime()
  const endMonth = to.slice(0, 7)
  // Minors on the period's last day: 12 years old or more, not yet 18 (born after to − 18 years, by to − 12 years).
  const minorBornAfter = minusYears(to, 18)
  const minorBornBy = minusYears(to, 12)
  const twoYearsBefore = minusYears(to, 2)
  const scopeJson = scope ? JSON.stringify(scope) : null
  const inScope = (column: string) => (scopeJson === null ? sql.raw('1') : sql`${sql.raw(column)} in (select value from json_each(${scopeJson}))`)
  const kinds = sql.raw(supportKinds.map((k) => `'${k}'`).join(', '))

  return sql`
    with post_rehab as (
      -- Every post-rehab figure of the period in one pass over the records still running at its start.
      select commune_code as c,
          count(distinct case when relapse_on is null or relapse_on >= ${from} then person_id end) as managed_people,
          sum(relapse_on is null or relapse_on >= ${from}) as managed_times,
          count(distinct case when end_on >= ${to} and (relapse_on is null or relapse_on > ${to}) then person_id end) as at_end,
          sum(start_on >= ${from}) as started
        from post_rehab_records indexed by post_rehab_report_end_idx
        where end_on >= ${from} and start_on <= ${to} and ${inScope('commune_code')}
        group by commune_code
    ),
    employment as (
      -- Employment as plan reviews and post-rehab contacts recorded it, one pass over each.
      select c, count(distinct person_id) as known, count(distinct case when employed = 1 then person_id end) as employed from (
          select commune_code as c, person_id, employed from reviews indexed by reviews_report_idx
            where reviewed_on >= ${from} and reviewed_on <= ${to} and employed is not null and ${inScope('commune_code')}
          union all
          select commune_code, person_id, employed from follow_ups indexed by follow_ups_report_idx
            where contacted_on >= ${from} and contacted_on <= ${to} and employed is not null and ${inScope('commune_code')})
        group by c
    ),
    support as (
      select commune_code as c, kind, count(*) as times, count(distinct person_id) as people, coalesce(sum(amount_vnd), 0) as amount
        from support_records indexed by support_report_idx
        where given_on >= ${from} and given_on <= ${to} and kind in (${kinds}) and ${inScope('commune_code')} group by commune_code, kind
    ),
    contacts as (
      select commune_code as c, count(*) as times, count(distinct person_id) as people from follow_ups indexed by follow_ups_report_idx
        where contacted_on >= ${from} and contacted_on <= ${to} and ${inScope('commune_code')} group by commune_code
    )
    select commune_code as c, 's:' || category || ':' || status as k, sum(n) as n from report_status_deltas
      where month <= ${endMonth} and ${inScope('commune_code')} group by commune_code, category, status
    union all
    select h.commune_code, 'new', count(*) from persons p
      join person_status_periods h on h.id = (select min(f.id) from person_status_periods f where f.person_id = p.id)
      where p.registered_on >= ${from} and p.registered_on <= ${to} and p.created_at <= ${toMs} and ${inScope('h.commune_code')}
      group by h.commune_code
    union all
    select commune_code, 'rehab.started', count(*) from rehab_plans
      where start_decision_on >= ${from} and start_decision_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select p.commune_code, 'rehab.started', count(*) from plan_transitions t cross join rehab_plans p on p.id = t.plan_id
      where t.at >= ${fromMs} and t.at <= ${toMs} and t.to_status = 'active' and t.from_status is not 'suspended'
        and p.start_decision_on is null and ${inScope('p.commune_code')} group by p.commune_code
    union all
    select p.commune_code, 'rehab.' || t.to_status, count(*) from plan_transitions t cross join rehab_plans p on p.id = t.plan_id
      where t.at >= ${fromMs} and t.at <= ${toMs} and t.to_status in ('terminated', 'transferred') and ${inScope('p.commune_code')}
      group by p.commune_code, t.to_status
    union all
    select commune_code, 'rehab.completed', count(*) from rehab_plans
      where completion_date >= ${from} and completion_date <= ${to} and status = 'completed' and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'ref.referred', count(*) from compulsory_referrals
      where dossier_on >= ${from} and dossier_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'ref.admitted', count(*) from compulsory_referrals
      where admitted_on >= ${from} and admitted_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'ref.atEnd', count(*) from compulsory_referrals indexed by referrals_report_admitted_idx
      where admitted_on <= ${to} and (returned_on is null or returned_on > ${to}) and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'ref.returned', count(*) from compulsory_referrals
      where returned_on >= ${from} and returned_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select c, 'pr.managed.people', managed_people from post_rehab
    union all
    select c, 'pr.managed.times', managed_times from post_rehab
    union all
    select c, 'pr.atEnd', at_end from post_rehab
    union all
    select c, 'pr.started', started from post_rehab
    union all
    select commune_code, 'pr.relapses.people', count(distinct person_id) from post_rehab_records
      where relapse_on >= ${from} and relapse_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'pr.relapses.times', count(*) from post_rehab_records
      where relapse_on >= ${from} and relapse_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'pr.drugFree2y', count(*) from person_status_periods
      where status = 'closed' and from_on <= ${twoYearsBefore} and (to_on is null or to_on > ${to}) and category <> 'drug_user'
        and ${inScope('commune_code')} group by commune_code
    union all
    select c, 'pr.contacts.times', times from contacts
    union all
    select c, 'pr.contacts.people', people from contacts
    union all
    select c, 'sup:' || kind || ':times', times from support
    union all
    select c, 'sup:' || kind || ':people', people from support
    union all
    select c, 'sup:' || kind || ':amount', amount from support
    union all
    select c, 'emp.known', known from employment
    union all
    select c, 'emp.employed', employed from employment
    union all
    select commune_code, 'mt.started', count(*) from methadone_treatments
      where start_on >= ${from} and start_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'mt.ended', count(*) from methadone_treatments
      where end_on >= ${from} and end_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'mt.atEnd', count(*) from methadone_treatments indexed by methadone_report_start_idx
      where start_on <= ${to} and (end_on is null or end_on > ${to}) and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'mp.started', count(*) from management_periods
      where start_on >= ${from} and start_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'mp.ended', count(*) from management_periods
      where ended_on >= ${from} and ended_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'mp.atEnd', count(*) from management_periods
      where end_on >= ${to} and start_on <= ${to} and (ended_on is null or ended_on > ${to}) and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'det.concluded', count(*) from determinations
      where result_on >= ${from} and result_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'det.dependent', count(*) from determinations
      where result_on >= ${from} and result_on <= ${to} and result = 'dependent' and ${inScope('commune_code')} group by commune_code
    union all
    select commune_code, 'reviews', count(*) from reviews indexed by reviews_report_idx
      where reviewed_on >= ${from} and reviewed_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select h.commune_code, 'minors.under', count(*)
      from persons p join person_status_periods h on h.person_id = p.id
      where p.birth_date > ${minorBornAfter} and p.birth_date <= ${minorBornBy}
        and h.from_on <= ${to} and (h.to_on is null or h.to_on > ${to}) and h.status not in ('closed', 'transferred')
        and ${inScope('h.commune_code')}
      group by h.commune_code
    union all
    select h.commune_code, 'minors.inRehab', count(*)
      from persons p join person_status_periods h on h.person_id = p.id
      where p.birth_date > ${minorBornAfter} and p.birth_date <= ${minorBornBy}
        and h.from_on <= ${to} and (h.to_on is null or h.to_on > ${to}) and h.status = 'in_rehab'
        and ${inScope('h.commune_code')}
      group by h.commune_code
  `
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
  return sql`
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
  `
}

export async function caseFigureRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null): Promise<FigureRow[]> {
  return db.all<FigureRow>(caseFigureSql(period, scope))
}

export async function modelOutcomeRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null): Promise<FigureRow[]> {
  return db.all<FigureRow>(modelOutcomeSql(period, scope))
}
