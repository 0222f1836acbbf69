// @vitest-environment happy-dom
// The report screen's parts (decision 0035): every figure of the contract is on screen with the same period last
// year and the change, the period named as reports title it, the print view's header and signatures, the chart.
import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Report, ReportFigures } from '../../kernel/contract/reports.ts'
import { activityKinds, communityModelKinds, personCategories, personStatuses, supportKinds } from '../../kernel/vocabulary.ts'
import { reportEn } from '../../web/src/i18n/report-en.ts'
import { reportVi } from '../../web/src/i18n/report-vi.ts'
import { translate } from '../../web/src/i18n/i18n.tsx'
import { TrendSvg } from '../../web/src/routes/report/chart.tsx'
import { achievement, reportSections } from '../../web/src/routes/report/sections.ts'
import { ReportSheet } from '../../web/src/routes/report/sheet.tsx'
import { reportText } from '../../web/src/routes/report/text.ts'
import { periodChoices } from '../../web/src/routes/reports.tsx'

afterEach(cleanup)

/** Figures whose every number is different (value n, the year before n + 1000), so a row shows which one it reads. */
function figures(): ReportFigures {
  let n = 0
  const f = () => ({ value: ++n, previousYear: n + 1000 })
  const pt = () => ({ people: f(), times: f() })
  const model = (kind: (typeof communityModelKinds)[number] | null, k: number) => ({
    kind,
    models: k,
    helpers: ++n,
    sessions: ++n,
    attendance: ++n,
    averageAttendance: 7.5,
    peopleSupported: ++n,
    clientsNew: ++n,
    clientsReturning: ++n,
    counselled: ++n,
    allowancesVnd: ++n,
    relapsed: ++n,
    employed: ++n,
    employmentKnown: ++n,
    employedShare: 90,
  })
  const activity = (kind: (typeof activityKinds)[number]) => ({
    kind,
    entries: 1,
    count: ++n,
    participants: ++n,
    casesOpened: ++n,
    valueVnd: ++n,
    traineesByGroup: {},
  })
  return {
    cases: {
      underManagement: { drug_user: f(), dependent: f(), post_rehab: f(), total: f() },
      byStatus: Object.fromEntries(personStatuses.map((s) => [s, f()])) as ReportFigures['cases']['byStatus'],
      newRegistrations: f(),
      communityRehab: { started: f(), completed: f(), terminated: f(), transferred: f(), inRehabAtEnd: f() },
      compulsoryReferrals: { referred: { value: 65, previousYear: 40 }, admitted: f(), returned: f(), atFacilityAtEnd: f(), target: 56 },
      postRehab: { managed: pt(), atEnd: f(), started: f(), relapses: pt(), drugFreeTwoYears: f(), contacts: pt() },
      // An amount is a loan's (the other kinds carry none).
      support: Object.fromEntries(
        supportKinds.map((k) => [k, { times: f(), people: f(), amountVnd: k === 'preferential_loan' ? f() : { value: 0, previousYear: 0 } }]),
      ) as ReportFigures['cases']['support'],
      employment: { known: f(), employed: f(), share: { value: 62.5, previousYear: null } },
      methadone: { started: f(), ended: f(), atEnd: f() },
      managementPeriods: { started: f(), ended: f(), activeAtEnd: f() },
      determinations: { concluded: f(), dependent: f() },
      reviews: f(),
      minors: { underManagement: { value: '1–4', previousYear: '0' }, inRehab: { value: '0', previousYear: '0' } },
    },
    activities: { value: activityKinds.map(activity), previousYear: activityKinds.map(activity) },
    // One B93 club this year, none of any kind the year before.
    models: {
      value: [...communityModelKinds.map((k) => model(k, k === 'b93_club' ? 1 : 0)), model(null, 1)],
      previousYear: [...communityModelKinds.map((k) => model(k, 0)), model(null, 0)],
    },
    reviewsOverdueToday: 3,
  }
}

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('vi', key, params)
const rt = reportText('vi')

describe('report catalogue', () => {
  it('has the same keys and placeholders in Vietnamese and English', () => {
    expect(Object.keys(reportEn).sort()).toEqual(Object.keys(reportVi).sort())
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(reportVi) as (keyof typeof reportVi)[]) expect(placeholders(reportEn[key]), key).toEqual(placeholders(reportVi[key]))
  })
})

describe('report parts', () => {
  it('show every case figure of the contract, each with its own previous-year figure', () => {
    const f = figures()
    const rows = reportSections(f, t, rt).flatMap((s) => s.rows)
    const shown = new Set(rows.map((r) => r.value))
    // Every count in the case figures, walked from the contract's object: none is left off the screen.
    const numbers: number[] = []
    const walk = (x: unknown): void => {
      if (typeof x === 'number') numbers.push(x)
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (k !== 'previousYear' && k !== 'target') walk(v)
    }
    walk(f.cases)
    expect(numbers.filter((n) => n !== 0 && !shown.has(n))).toEqual([])
    for (const r of rows)
      if (typeof r.value === 'number' && r.value < 1000 && typeof r.previous === 'number' && r.previous > 1000) expect(r.previous).toBe(r.value + 1000)
    expect(rows.find((r) => r.id === 'minors')).toMatchObject({ value: '1–4', previous: '0' })
  })

  it('lists the model kinds a commune has (and every kind together), every activity kind, the referral target', () => {
    const sections = reportSections(figures(), t, rt)
    const models = sections.find((s) => s.id === 'models')!.rows.map((r) => r.id)
    expect(models.filter((id) => /^model\.[a-z_0-9]+$/.test(id))).toEqual(['model.b93_club', 'model.all'])
    expect(models).toContain('model.b93_club.sessions')
    const activities = sections.find((s) => s.id === 'activities')!.rows
    expect(activities.filter((r) => !r.label.startsWith('—'))).toHaveLength(activityKinds.length)
    expect(activities.find((r) => r.id === 'activity.public_tips.casesOpened')).toBeDefined()
    expect(activities.find((r) => r.id === 'activity.broadcast.participants')).toBeUndefined()
    const referred = sections.find((s) => s.id === 'compulsory')!.rows[0]!
    expect(achievement(65, 56)).toBe(116.1)
    expect(referred.note).toBe('Chỉ tiêu kế hoạch: 56 — đạt 116,1%')
    // The per-commune table's columns are the same for every commune: every kind there.
    expect(
      reportSections(figures(), t, rt, true)
        .find((s) => s.id === 'models')!
        .rows.filter((r) => /^model\.[a-z_0-9]+$/.test(r.id)),
    ).toHaveLength(communityModelKinds.length + 1)
    expect(personCategories.length).toBe(3)
  })
})

describe('report sheet', () => {
  const report: Report = {
    period: { label: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2026-12-31' },
    previousPeriod: { label: '2025-Q4', kind: 'quarter', from: '2025-10-01', to: '2025-12-31' },
    total: figures(),
    byCommune: [],
  }

  it('names the period, compares with last year and signs as the commune', () => {
    render(
      <ReportSheet
        sections={reportSections(report.total, t, rt)}
        period={report.period}
        previous={report.previousPeriod}
        provinceName="Tỉnh Thử"
        communeName="Xã Thử"
      />,
    )
    expect(screen.getByText('Kết quả công tác cai nghiện ma túy, quản lý sau cai nghiện ma túy Quý IV/2026')).toBeDefined()
    expect(screen.getByText('(Từ ngày 01/10/2026 đến ngày 31/12/2026)')).toBeDefined()
    expect(screen.getAllByRole('columnheader', { name: 'Cùng kỳ Quý IV/2025' }).length).toBe(7)
    const referred = screen.getByRole('rowheader', { name: /Lập hồ sơ đề nghị/ }).closest('tr')!
    expect(
      within(referred)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['65', '40', '+25'])
    const overdue = screen.getByRole('rowheader', { name: /Đánh giá quá hạn/ }).closest('tr')!
    expect(
      within(overdue)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '—', '—'])
    const started = screen.getByRole('rowheader', { name: 'Bắt đầu cai nghiện' }).closest('tr')!
    const [now, before, delta] = within(started)
      .getAllByRole('cell')
      .map((c) => c.textContent)
    expect(Number(before!.replace('.', '')) - Number(now)).toBe(1000)
    expect(delta).toBe('−1.000')
    expect(screen.getByText('Người lập biểu')).toBeDefined()
    expect(screen.getByText('Chủ tịch UBND xã')).toBeDefined()
    expect(screen.getByText('Xã Thử, ngày …… tháng …… năm 2026')).toBeDefined()
  })

  it('signs for the province when no commune is chosen', () => {
    render(
      <ReportSheet
        sections={reportSections(report.total, t, rt)}
        period={report.period}
        previous={report.previousPeriod}
        provinceName="Tỉnh Thử"
        communeName={null}
      />,
    )
    expect(screen.getByText('TM. Ủy ban nhân dân tỉnh')).toBeDefined()
    expect(screen.queryByText('Chủ tịch UBND xã')).toBeNull()
  })
})

describe('period choices and chart', () => {
  it('offers eight quarters, and longer periods once their last quarter has begun', () => {
    const c = periodChoices('2026-08-15')
    expect(c.quarter).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4'])
    expect(c.half).toEqual(['2026-H1', '2025-H2', '2025-H1'])
    expect(c.nine).toEqual(['2026-9M', '2025-9M'])
    expect(c.year).toEqual(['2026', '2025', '2024'])
    expect(periodChoices('2026-02-01').nine).toEqual(['2025-9M'])
  })

  it('draws each series through every quarter, with the figures in a table for screen readers', () => {
    const points = [
      { quarter: '2026-Q1', values: [10, 2] },
      { quarter: '2026-Q2', values: [12, 0] },
      { quarter: '2026-Q3', values: [15, 4] },
    ]
    const { container } = render(<TrendSvg points={points} />)
    const lines = [...container.querySelectorAll('polyline')]
    expect(lines.map((l) => l.getAttribute('points')!.split(' ').length)).toEqual([3, 3])
    // The highest point (15) sits at the top of the plot, a zero on the axis.
    const ys = lines.map((l) =>
      l
        .getAttribute('points')!
        .split(' ')
        .map((p) => Number(p.split(',')[1])),
    )
    expect(Math.min(...ys[0]!)).toBe(8)
    expect(ys[1]![1]).toBe(Number(container.querySelector('line')!.getAttribute('y1')))
    expect(screen.getByText('I/26')).toBeDefined()
    expect(within(container.querySelector('.visually-hidden table')! as HTMLElement).getAllByRole('row')).toHaveLength(4)
  })
})
