// The report's parts in the order a sơ kết/tổng kết report files them (../shared/seeds): one list of rows per
// part, each row this period's figure and the same period last year. The screen, the print view and the
// per-commune table all read these rows, so the three never disagree on what a part holds (decision 0035).
import type { BandedFigure, Figure, ReportFigures, ReportModelFigures } from '../../../../kernel/contract/reports.ts'
import { ACTIVITY_RULES } from '../../../../kernel/domain/activity-rules.ts'
import { personCategories, personStatuses, supportKinds } from '../../../../kernel/vocabulary.ts'
import type { MessageKey } from '../../i18n/i18n.tsx'
import type { ReportKey, ReportText } from './text.ts'

export type Cell = number | string | null

export interface Row {
  /** Stable across communes: the per-commune table's column. */
  id: string
  label: string
  value: Cell
  previous: Cell
  /** A figure of today (overdue reviews): no same period last year. */
  today?: boolean
  /** Shown under the row (a target and its achievement). */
  note?: string
  /** A label over the sub-rows that follow ("Theo tình trạng"), no figure of its own. */
  heading?: boolean
}

export interface Section {
  id: SectionId
  title: string
  rows: Row[]
}

export const SECTION_IDS = ['cases', 'rehab', 'compulsory', 'postRehab', 'methadone', 'models', 'activities'] as const
export type SectionId = (typeof SECTION_IDS)[number]

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const fig = (id: string, label: string, f: Figure): Row => ({ id, label, value: f.value, previous: f.previousYear })
const band = (id: string, label: string, f: BandedFigure): Row => ({ id, label, value: f.value, previous: f.previousYear })

/** Percent of a target, one decimal ("65/56 = 116%"); computed here, never typed. */
export const achievement = (value: number, target: number) => Math.round((value / target) * 1000) / 10

function caseRows(f: ReportFigures, t: T, rt: ReportText): Row[] {
  const c = f.cases
  return [
    fig('managed', rt('report.f.managed'), c.underManagement.total),
    ...personCategories.map((k) => fig(`cat.${k}`, rt('report.f.category', { name: t(`category.${k}`) }), c.underManagement[k])),
    fig('new', rt('report.f.new'), c.newRegistrations),
    { id: 'byStatus', label: rt('report.f.byStatus'), value: null, previous: null, heading: true },
    ...personStatuses.map((s) => fig(`status.${s}`, rt('report.f.status', { name: t(`pstatus.${s}`) }), c.byStatus[s])),
    fig('determined', rt('report.f.determined'), c.determinations.concluded),
    fig('determinedDependent', rt('report.f.determinedDependent'), c.determinations.dependent),
    fig('mgmtStarted', rt('report.f.mgmtStarted'), c.managementPeriods.started),
    fig('mgmtEnded', rt('report.f.mgmtEnded'), c.managementPeriods.ended),
    fig('mgmtActive', rt('report.f.mgmtActive'), c.managementPeriods.activeAtEnd),
    band('minors', rt('report.f.minors'), c.minors.underManagement),
    band('minorsRehab', rt('report.f.minorsRehab'), c.minors.inRehab),
  ]
}

function rehabRows(f: ReportFigures, rt: ReportText): Row[] {
  const r = f.cases.communityRehab
  return [
    fig('started', rt('report.f.started'), r.started),
    fig('completed', rt('report.f.completed'), r.completed),
    fig('terminated', rt('report.f.terminated'), r.terminated),
    fig('transferred', rt('report.f.transferred'), r.transferred),
    fig('inRehab', rt('report.f.inRehab'), r.inRehabAtEnd),
    fig('reviews', rt('report.f.reviews'), f.cases.reviews),
    { id: 'overdue', label: rt('report.f.overdue'), value: f.reviewsOverdueToday, previous: null, today: true },
  ]
}

function compulsoryRows(f: ReportFigures, rt: ReportText): Row[] {
  const r = f.cases.compulsoryReferrals
  const note =
    r.target === null
      ? rt('report.noTarget')
      : rt('report.target', { target: r.target, share: r.target > 0 ? String(achievement(r.referred.value, r.target)).replace('.', ',') : '—' })
  return [
    { ...fig('referred', rt('report.f.referred'), r.referred), note },
    fig('admitted', rt('report.f.admitted'), r.admitted),
    fig('returned', rt('report.f.returned'), r.returned),
    fig('atFacility', rt('report.f.atFacility'), r.atFacilityAtEnd),
  ]
}

function postRehabRows(f: ReportFigures, t: T, rt: ReportText): Row[] {
  const p = f.cases.postRehab
  const e = f.cases.employment
  return [
    fig('pmManaged', rt('report.f.pmManaged'), p.managed.people),
    fig('pmManagedTimes', rt('report.f.pmManagedTimes'), p.managed.times),
    fig('pmAtEnd', rt('report.f.pmAtEnd'), p.atEnd),
    fig('pmStarted', rt('report.f.pmStarted'), p.started),
    fig('relapses', rt('report.f.relapses'), p.relapses.people),
    fig('relapseTimes', rt('report.f.relapseTimes'), p.relapses.times),
    fig('drugFree', rt('report.f.drugFree'), p.drugFreeTwoYears),
    fig('contacts', rt('report.f.contacts'), p.contacts.times),
    fig('contactPeople', rt('report.f.contactPeople'), p.contacts.people),
    fig('employmentKnown', rt('report.f.employmentKnown'), e.known),
    fig('employed', rt('report.f.employed'), e.employed),
    { id: 'employedShare', label: rt('report.f.employedShare'), value: e.share.value, previous: e.share.previousYear },
    ...supportKinds.flatMap((k) => {
      const s = f.cases.support[k]
      const name = t(`support.kind.${k}`)
      const rows = [
        fig(`support.${k}`, rt('report.f.supportTimes', { name }), s.times),
        fig(`support.${k}.people`, rt('report.f.supportPeople', { name }), s.people),
      ]
      return k === 'preferential_loan' ? [...rows, fig('loanAmount', rt('report.f.loanAmount'), s.amountVnd)] : rows
    }),
  ]
}

function methadoneRows(f: ReportFigures, rt: ReportText): Row[] {
  const m = f.cases.methadone
  return [
    fig('methStarted', rt('report.f.methStarted'), m.started),
    fig('methEnded', rt('report.f.methEnded'), m.ended),
    fig('methAtEnd', rt('report.f.methAtEnd'), m.atEnd),
  ]
}

/** A model kind's rows; only kinds working in either period, and every kind together always (a commune lists what it has). */
function modelRows(f: ReportFigures, t: T, rt: ReportText, all: boolean): Row[] {
  const before = new Map(f.models.previousYear.map((m) => [m.kind, m]))
  return f.models.value.flatMap((now) => {
    const then = before.get(now.kind)
    if (!all && now.kind !== null && now.models === 0 && (then?.models ?? 0) === 0) return []
    const id = now.kind ?? 'all'
    const pair = (key: string, label: ReportKey, pick: (m: ReportModelFigures) => number | null): Row => ({
      id: `model.${id}.${key}`,
      label: rt(label),
      value: pick(now),
      previous: then ? pick(then) : null,
    })
    const name = now.kind === null ? rt('report.f.allModels') : t(`model.kind.${now.kind}`)
    const rows: Row[] = [
      { id: `model.${id}`, label: rt('report.f.models', { name }), value: now.models, previous: then?.models ?? null },
      pair('helpers', 'report.f.helpers', (m) => m.helpers),
      pair('sessions', 'report.f.sessions', (m) => m.sessions),
      pair('attendance', 'report.f.attendance', (m) => m.averageAttendance),
      pair('supported', 'report.f.supported', (m) => m.peopleSupported),
      pair('relapsed', 'report.f.modelRelapsed', (m) => m.relapsed),
      pair('employed', 'report.f.modelEmployed', (m) => m.employedShare),
    ]
    if (now.kind === 'counselling_point' || now.kind === null)
      rows.push(
        pair('clientsNew', 'report.f.clientsNew', (m) => m.clientsNew),
        pair('clientsReturning', 'report.f.clientsReturning', (m) => m.clientsReturning),
        pair('counselled', 'report.f.counselled', (m) => m.counselled),
      )
    if (now.kind === 'volunteer_team' || now.kind === null) rows.push(pair('allowances', 'report.f.allowances', (m) => m.allowancesVnd))
    return rows
  })
}

function activityRows(f: ReportFigures, t: T, rt: ReportText): Row[] {
  const before = new Map(f.activities.previousYear.map((a) => [a.kind, a]))
  return f.activities.value.flatMap((now) => {
    const then = before.get(now.kind)
    const rule = ACTIVITY_RULES[now.kind]
    const row = (key: string, label: string, pick: (a: typeof now) => number): Row => ({
      id: `activity.${now.kind}${key}`,
      label,
      value: pick(now),
      previous: then ? pick(then) : null,
    })
    const rows = [row('', rt('report.f.activityCount', { name: t(`activity.kind.${now.kind}`), what: t(`activity.count.${rule.counts}`) }), (a) => a.count)]
    if (rule.participants !== 'none') rows.push(row('.participants', rt('report.f.participants'), (a) => a.participants))
    if (rule.casesOpened !== 'none') rows.push(row('.casesOpened', rt('report.f.casesOpened'), (a) => a.casesOpened))
    if (rule.valueVnd !== 'none') rows.push(row('.value', rt('report.f.value'), (a) => a.valueVnd))
    return rows
  })
}

/**
 * The report's parts for one commune or the total. `allModels`: list every model kind, zeros included (the
 * per-commune table, whose columns must be the same for every commune).
 */
export function reportSections(f: ReportFigures, t: T, rt: ReportText, allModels = false): Section[] {
  const rows: Record<SectionId, Row[]> = {
    cases: caseRows(f, t, rt),
    rehab: rehabRows(f, rt),
    compulsory: compulsoryRows(f, rt),
    postRehab: postRehabRows(f, t, rt),
    methadone: methadoneRows(f, rt),
    models: modelRows(f, t, rt, allModels),
    activities: activityRows(f, t, rt),
  }
  return SECTION_IDS.map((id) => ({ id, title: rt(`report.s.${id}`), rows: rows[id] }))
}

/** Nothing at all in the period or the year before: the screen says so rather than showing a page of zeros. */
export function isEmptyReport(sections: readonly Section[]): boolean {
  return sections.every((s) =>
    s.rows.every((r) => r.today || ((r.value === 0 || r.value === '0' || r.value === null) && (r.previous === 0 || r.previous === '0' || r.previous === null))),
  )
}
