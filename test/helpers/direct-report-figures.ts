import { sql, type SQL } from 'drizzle-orm'
import type { TenantDb } from '../../db/types.ts'
import { vietnamDayEnd, vietnamDayStart } from '../../kernel/calendar.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { supportKinds } from '../../kernel/vocabulary.ts'
import type { FigureRow } from '../../worker/repo/report-figures.ts'

// The report's case figures counted straight from the records (what worker/repo/report-figures.ts read before
// decision 0043): the tests' measure of the kept aggregates. Every record dated in the period, every post-rehab
// record running in it, grouped by commune — the same keys and numbers the aggregates must give.

const minusYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`

/** The statement: one UNION ALL branch per figure (or per few), each grouped by commune. */
export function directFigureSql(period: ReportPeriod, scope: readonly string[] | null): SQL {
  const { from, to } = period
  const fromMs = vietnamDayStart(from).getTime()
  const toMs = vietnamDayEnd(to).getTime()
  const fromMonth = from.slice(0, 7)
  const endMonth = to.slice(0, 7)
  // Minors on the period's last day: 12 years old or more, not yet 18 (born after to − 18 years, by to − 12 years).
  const minorBornAfter = minusYears(to, 18)
  const minorBornBy = minusYears(to, 12)
  const twoYearsBefore = minusYears(to, 2)
  const scopeJson = scope ? JSON.stringify(scope) : null
  const inScope = (column: string) => (scopeJson === null ? sql.raw('1') : sql`${sql.raw(column)} in (select value from json_each(${scopeJson}))`)
  const kinds = sql.raw(supportKinds.map((k) => `'${k}'`).join(', '))

  return sql`
    with post_rehab as materialized (
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
    employment as materialized (
      -- Employment as plan reviews and post-rehab contacts recorded it, one pass over each.
      select c, count(distinct person_id) as known, count(distinct case when employed = 1 then person_id end) as employed from (
          select commune_code as c, person_id, employed from reviews indexed by reviews_report_idx
            where reviewed_on >= ${from} and reviewed_on <= ${to} and employed is not null and ${inScope('commune_code')}
          union all
          select commune_code, person_id, employed from follow_ups indexed by follow_ups_report_idx
            where contacted_on >= ${from} and contacted_on <= ${to} and employed is not null and ${inScope('commune_code')})
        group by c
    ),
    support as materialized (
      select commune_code as c, kind, count(*) as times, count(distinct person_id) as people, coalesce(sum(amount_vnd), 0) as amount
        from support_records indexed by support_report_idx
        where given_on >= ${from} and given_on <= ${to} and kind in (${kinds}) and ${inScope('commune_code')} group by commune_code, kind
    ),
    moves as materialized (
      -- The period's plan transitions in one pass: starts of plans recorded before start decisions were kept (the
      -- others count by their decision's date, above), terminations and transfers.
      select p.commune_code as c, case when t.to_status = 'active' then 'rehab.started' else 'rehab.' || t.to_status end as k, count(*) as n
        from plan_transitions t cross join rehab_plans p indexed by rehab_plans_report_id_idx on p.id = t.plan_id
        where t.at >= ${fromMs} and t.at <= ${toMs} and ${inScope('p.commune_code')}
          and (t.to_status in ('terminated', 'transferred') or (t.to_status = 'active' and t.from_status is not 'suspended' and p.start_decision_on is null))
        group by 1, 2
    ),
    minors as materialized (
      -- Minors on the period's last day, on the list then (and in rehab): a few people, found by birth date.
      select h.commune_code as c, count(*) as under, sum(h.status = 'in_rehab') as in_rehab
        from persons p join person_status_periods h on h.person_id = p.id
        where p.birth_date > ${minorBornAfter} and p.birth_date <= ${minorBornBy}
          and h.from_on <= ${to} and (h.to_on is null or h.to_on > ${to}) and h.status not in ('closed', 'transferred')
          and ${inScope('h.commune_code')}
        group by h.commune_code
    ),
    contacts as materialized (
      select commune_code as c, count(*) as times, count(distinct person_id) as people from follow_ups indexed by follow_ups_report_idx
        where contacted_on >= ${from} and contacted_on <= ${to} and ${inScope('commune_code')} group by commune_code
    )
    select commune_code as c, 's:' || category || ':' || status as k, sum(n) as n from report_status_deltas
      where month <= ${endMonth} and ${inScope('commune_code')} group by commune_code, category, status
    union all
    select commune_code, 'new', sum(n) from report_registrations
      where registered_month >= ${fromMonth} and registered_month <= ${endMonth} and recorded_month <= ${endMonth} and ${inScope('commune_code')}
      group by commune_code
    union all
    select commune_code, 'rehab.started', count(*) from rehab_plans
      where start_decision_on >= ${from} and start_decision_on <= ${to} and ${inScope('commune_code')} group by commune_code
    union all
    select c, k, n from moves
    union all
    select commune_code, 'rehab.completed', count(*) from rehab_plans indexed by rehab_plans_report_completion_idx
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
    select c, 'minors.under', under from minors
    union all
    select c, 'minors.inRehab', in_rehab from minors
  `
}

export async function directFigureRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null = null): Promise<FigureRow[]> {
  return db.all<FigureRow>(directFigureSql(period, scope))
}
