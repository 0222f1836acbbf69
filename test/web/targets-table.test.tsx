// @vitest-environment happy-dom
// The yearly plan's table and editor (decision 0036): achievement against target per indicator with its bar, in
// Vietnamese first; the editor sends the whole plan with its version and puts a refused target's message next to
// its input (the server's `json.targets.N.value` mapped back to the indicator and place typed).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import type { TargetsView } from '../../kernel/contract/targets.ts'
import { achievementOf, INDICATORS, yearProgress } from '../../kernel/domain/target-indicators.ts'
import { TargetsTable } from '../../web/src/components/targets-table.tsx'
import { targetsText } from '../../web/src/components/targets-text.ts'
import { I18nProvider, type Locale } from '../../web/src/i18n/i18n.tsx'
import { PlanEditor } from '../../web/src/routes/targets-editor.tsx'

afterEach(() => {
  cleanup()
  mock.unstubAllGlobals()
})

const progress = yearProgress(2026, '2026-10-01')
/** `notCounted`: indicators the server answers without a count (an indicator whose source is not recorded). */
const cells = (targets: Record<string, number>, achieved: Record<string, number>, notCounted: readonly string[] = []) =>
  INDICATORS.map((i) => ({
    indicator: i.code,
    ...achievementOf(targets[i.code] ?? null, i.computed && !notCounted.includes(i.code) ? (achieved[i.code] ?? 0) : null, progress),
  }))
const VIEW: TargetsView = {
  year: 2026,
  plan: {
    year: 2026,
    number: '75/KH-UBND',
    issuedOn: '2026-03-15',
    signer: 'Phó Chủ tịch (thử)',
    title: 'Kế hoạch (thử)',
    version: 3,
    createdAt: '2026-03-16T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2026-03-16T00:00:00.000Z',
    updatedBy: null,
  },
  years: [2026],
  progress,
  indicators: INDICATORS,
  places: [
    {
      communeCode: null,
      communeName: null,
      cells: cells({ compulsory_referrals: 56, drug_free_communes: 2 }, { compulsory_referrals: 65 }, ['drug_free_communes']),
    },
    { communeCode: '00127', communeName: 'Xã Thử (thử)', cells: cells({ jobs_given: 4 }, { jobs_given: 1 }) },
  ],
}

const inLocale = (locale: Locale, node: preact.ComponentChild) => render(<I18nProvider locale={locale}>{node}</I18nProvider>)

describe('TargetsTable', () => {
  it('shows achieved against target as the reviews write it, with a bar per indicator that has both', () => {
    inLocale('vi', <TargetsTable view={VIEW} place={VIEW.places[0]!} />)
    const row = screen.getByRole('row', { name: /Đưa người nghiện đi cai nghiện bắt buộc/ })
    expect(row.textContent).toContain('65 người')
    expect(row.textContent).toContain('56')
    expect(row.textContent).toContain('116%')
    expect(screen.getByRole('img', { name: targetsText.vi.met })).toBeTruthy()
    // A target without a count: said so, no bar.
    const drugFree = screen.getByRole('row', { name: /Xã chuyển hóa thành xã không ma túy/ })
    expect(drugFree.textContent).toContain(targetsText.vi.notComputed)
    expect(screen.getAllByRole('img')).toHaveLength(1)
  })

  it('marks a commune behind schedule, in English when switched', () => {
    inLocale('en', <TargetsTable view={VIEW} place={VIEW.places[1]!} />)
    // 1 of 4 on 1 October (75.1% of the year gone): 4 × 0.751 rounds up to 4 expected by now.
    expect(screen.getByRole('img', { name: `${targetsText.en.behind} · On schedule: 4` })).toBeTruthy()
    expect(screen.getByRole('row', { name: /People after rehab given jobs/ }).textContent).toContain('25%')
  })
})

describe('PlanEditor', () => {
  it('sends the whole plan with its version and shows a refused target next to its input', async () => {
    const fetchMock = mock.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(
          JSON.stringify({
            error: {
              code: 'validation_failed',
              message: 'Invalid json.targets.1.value',
              details: { issues: [{ field: 'json.targets.1.value', message: 'must be a number' }] },
            },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    )
    mock.stubGlobal('fetch', fetchMock)
    inLocale('vi', <PlanEditor province="82" view={VIEW} onSaved={() => {}} onCancel={() => {}} onReload={() => {}} />)
    const label = (code: string) => {
      const i = INDICATORS.find((d) => d.code === code)!
      return `${i.labelVi} (${i.unitVi})`
    }
    fireEvent.input(screen.getByLabelText(label('community_rehab_started')), { target: { value: 'mười' } })
    fireEvent.click(screen.getByRole('button', { name: targetsText.vi.save }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/p/82/targets/2026')
    expect(JSON.parse(init!.body as string)).toEqual({
      number: '75/KH-UBND',
      issuedOn: '2026-03-15',
      signer: 'Phó Chủ tịch (thử)',
      title: 'Kế hoạch (thử)',
      version: 3,
      targets: [
        { indicator: 'compulsory_referrals', communeCode: null, value: 56 },
        { indicator: 'drug_free_communes', communeCode: null, value: 2 },
        { indicator: 'jobs_given', communeCode: '00127', value: 4 },
        { indicator: 'community_rehab_started', communeCode: null, value: 'mười' },
      ],
    })
    await waitFor(() => expect(screen.getByText(targetsText.vi.mustBeCount)).toBeTruthy())
  })
})
