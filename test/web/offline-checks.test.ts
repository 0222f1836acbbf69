import { describe, expect, it } from 'vitest'
import { completeIssues, relapseIssues, supportIssues } from '../../web/src/offline/checks.ts'

// The server's own rules, run on the phone before a change is queued (fields named as the server names them).
describe('checks before queuing after-care changes', () => {
  const completion = { completionNumber: 'GXN-01 (thử)', completionDate: '2026-08-20', signer: 'Chủ tịch (thử)', supporterName: 'Tình nguyện viên (thử)' }

  it('asks for the certificate’s fields and a completion day between the plan’s start and today', () => {
    expect(completeIssues(completion, '2026-08-21', '2026-01-10')).toEqual([])
    expect(completeIssues({ ...completion, signer: ' ', completionDate: '2026-08-22' }, '2026-08-21', '2026-01-10')).toEqual([
      { field: 'json.signer', message: 'is required' },
      { field: 'json.completionDate', message: 'must not be in the future' },
    ])
    expect(completeIssues({ ...completion, completionDate: '2026-01-09' }, '2026-08-21', '2026-01-10')).toEqual([{ field: 'json.completionDate', message: 'must not be before the plan started' }])
  })

  it('dates a relapse within post-rehab management, not in the future', () => {
    expect(relapseIssues({ relapseOn: '2026-09-01' }, '2026-09-02', '2026-08-20')).toEqual([])
    expect(relapseIssues({ relapseOn: '2026-08-19' }, '2026-09-02', '2026-08-20')).toEqual([{ field: 'json.relapseOn', message: 'must not be before post-rehab management started' }])
    expect(relapseIssues({ relapseOn: '2026-02-30' }, '2026-09-02', '2026-08-20')).toEqual([{ field: 'json.relapseOn', message: 'must be a date YYYY-MM-DD' }])
  })

  it('gives a loan its amount, and only a loan', () => {
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-08-25', amountVnd: 20_000_000 }, '2026-09-01')).toEqual([])
    expect(supportIssues({ kind: 'job_placement', givenOn: '2026-08-25' }, '2026-09-01')).toEqual([])
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-08-25', amountVnd: null }, '2026-09-01')).toEqual([{ field: 'json.amountVnd', message: 'is given for a preferential loan, and only for one' }])
    expect(supportIssues({ kind: 'counselling', givenOn: '2026-08-25', amountVnd: 5 }, '2026-09-01')).toEqual([{ field: 'json.amountVnd', message: 'is given for a preferential loan, and only for one' }])
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-09-02', amountVnd: '20 triệu' }, '2026-09-01')).toEqual([
      { field: 'json.givenOn', message: 'must not be in the future' },
      { field: 'json.amountVnd', message: 'must be an amount in VND' },
    ])
  })
})
