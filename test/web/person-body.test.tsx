// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi as mock, type Mock } from 'vitest'
import type { Save } from '../../web/src/components/case-forms.tsx'
import { PersonBody, type PersonActions, type PersonData } from '../../web/src/components/person-body.tsx'
import { I18nProvider } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { person, plan } from './offline-fixtures.ts'

afterEach(cleanup)

const saver = () => mock.fn<Save>(async () => undefined)

function actionsWith(saves: Partial<Record<keyof PersonActions, Mock<Save>>>): PersonActions {
  const save = (name: keyof PersonActions) => saves[name] ?? saver()
  return {
    createPlan: save('createPlan'),
    transition: () => save('transition'),
    complete: () => save('complete'),
    updateStage: () => save('updateStage'),
    createReview: save('createReview'),
    createFollowUp: () => save('createFollowUp'),
    recordRelapse: () => save('recordRelapse'),
    addSupport: save('addSupport'),
    updateDetails: save('updateDetails'),
  }
}

const show = (data: PersonData, actions: PersonActions) =>
  render(
    <I18nProvider locale="vi">
      <PersonBody data={data} actions={actions} />
    </I18nProvider>,
  )
const dialog = (name: string) => within(screen.getAllByRole('dialog', { hidden: true }).find((d) => d.textContent?.startsWith(name))!)

describe('the person page’s after-care actions (commune officers, online or not)', () => {
  it('completes an active plan with the certificate and, where the province opens it, post-rehab with the chair’s decision', async () => {
    const a = person({ status: 'in_rehab' })
    const complete = saver()
    const rules = { ...DEFAULT_CASE_RULES, postRehabAfterVoluntary: true }
    show({ person: a, plans: [plan({ personId: a.id, version: 2 })], activeRecordId: null, events: [], rules }, actionsWith({ complete }))
    // Before trying: the earliest day (6 months from 2026-01-10) and the required stages not done.
    expect(screen.getAllByText(vi['plan.earliestCompletion'].replace('{date}', '10/07/2026')).length).toBeGreaterThan(0)
    fireEvent.click(screen.getByRole('button', { name: vi['plan.complete'] }))
    const form = dialog(vi['plan.complete'])
    const fill = (group: string, values: Record<string, string>) => {
      const fields = within(form.getByRole('group', { name: group, hidden: true }))
      for (const [label, value] of Object.entries(values)) fireEvent.input(fields.getByLabelText(label), { target: { value } })
    }
    fill(vi['plan.certificate'], { [vi['decision.number']]: 'GXN-01 (thử)', [vi['decision.signer']]: 'Chủ tịch (thử)', [vi['decision.body']]: 'UBND xã (thử)' })
    fill(vi['decision.legend'], { [vi['decision.number']]: '02/QĐ (thử)', [vi['decision.signer']]: 'Chủ tịch (thử)', [vi['decision.body']]: 'UBND xã (thử)' })
    fireEvent.input(form.getByLabelText(vi['plan.supporter']), { target: { value: 'TNV (thử)' } })
    fireEvent.click(form.getByRole('button', { name: vi['plan.complete'], hidden: true }))
    await waitFor(() => expect(complete).toHaveBeenCalledTimes(1))
    const decision = {
      number: 'GXN-01 (thử)',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      signer: 'Chủ tịch (thử)',
      signerRole: 'commune_chair',
      body: 'UBND xã (thử)',
    }
    expect(complete.mock.calls[0]).toEqual([
      {
        version: 2,
        decision,
        postRehabId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        supportModel: 'b93_club',
        supporterName: 'TNV (thử)',
        openDecision: { ...decision, number: '02/QĐ (thử)' },
      },
    ])
  })

  it('asks the officer to choose presence, the test result and the risk: nothing is chosen for them', async () => {
    const a = person({ status: 'in_rehab' })
    const createReview = saver()
    show({ person: a, plans: [plan({ personId: a.id, version: 2 })], activeRecordId: null, events: [] }, actionsWith({ createReview }))
    fireEvent.click(screen.getByRole('button', { name: vi['review.new'] }))
    const form = dialog(vi['review.new'])
    fireEvent.click(form.getByRole('button', { name: vi['common.save'], hidden: true }))
    await waitFor(() => expect(form.getByText(vi['review.choose.attended'])).toBeTruthy())
    for (const key of ['review.choose.drugTest', 'review.choose.riskLevel'] as const) expect(form.getByText(vi[key])).toBeTruthy()
    expect(createReview).not.toHaveBeenCalled()
    fireEvent.change(form.getByLabelText(vi['review.attended']), { target: { value: 'yes' } })
    fireEvent.change(form.getByLabelText(vi['review.drugTest']), { target: { value: 'negative' } })
    fireEvent.change(form.getByLabelText(vi['review.risk']), { target: { value: 'medium' } })
    fireEvent.click(form.getByRole('button', { name: vi['common.save'], hidden: true }))
    await waitFor(() => expect(createReview).toHaveBeenCalledTimes(1))
    expect(createReview.mock.calls[0]![0]).toMatchObject({ attended: true, drugTest: 'negative', riskLevel: 'medium' })
  })

  it('records a relapse of active post-rehab management, and support with a loan’s amount', async () => {
    const a = person({ status: 'post_rehab', category: 'post_rehab' })
    const [recordRelapse, addSupport] = [saver(), saver()]
    show({ person: a, plans: [], activeRecordId: 'record-1', events: [] }, actionsWith({ recordRelapse, addSupport }))
    fireEvent.click(screen.getByRole('button', { name: vi['postRehab.relapse'] }))
    fireEvent.click(dialog(vi['postRehab.relapse']).getByRole('button', { name: vi['common.save'], hidden: true }))
    await waitFor(() => expect(recordRelapse).toHaveBeenCalledWith({ relapseOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }))

    fireEvent.click(screen.getByRole('button', { name: vi['support.new'] }))
    const form = dialog(vi['support.new'])
    fireEvent.change(form.getByLabelText(vi['support.kind']), { target: { value: 'preferential_loan' } })
    fireEvent.input(form.getByLabelText(vi['support.amount']), { target: { value: '20.000.000' } })
    fireEvent.click(form.getByRole('button', { name: vi['common.save'], hidden: true }))
    await waitFor(() => expect(addSupport).toHaveBeenCalledTimes(1))
    expect(addSupport.mock.calls[0]).toEqual([
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'preferential_loan', givenOn: expect.any(String), amountVnd: 20_000_000 },
    ])
  })

  it('shows support given and a relapse in the timeline', () => {
    const a = person()
    const events: PersonData['events'] = [
      { on: '2026-09-01', at: '2026-09-01T02:00:00.000Z', kind: 'support', summary: { kind: 'job_placement', amountVnd: null }, refId: 's1' },
      {
        on: '2026-08-20',
        at: '2026-08-20T02:00:00.000Z',
        kind: 'post_rehab',
        summary: { status: 'relapsed', endOn: '2027-08-20', relapseOn: '2026-09-10' },
        refId: 'r1',
      },
    ]
    show({ person: a, plans: [], activeRecordId: null, events, pending: new Set(['s1']) }, actionsWith({}))
    const items = screen.getAllByRole('listitem').map((li) => li.textContent)
    expect(items[0]).toContain(`${vi['event.support']} · ${vi['support.kind.job_placement']}`)
    expect(items[0]).toContain(vi['sync.queued'])
    expect(items[1]).toContain(vi['postRehab.relapsedOn'].replace('{date}', '10/09/2026'))
    expect(screen.queryByRole('button', { name: vi['postRehab.relapse'] })).toBeNull()
  })
})
