// Law 120/2025 (decision 0029): when a hand-over is due and overdue, with the province's hours; who is a minor.
import { describe, expect, it } from 'vitest'
import { DEFAULT_CASE_RULES } from '../../../kernel/domain/case-rules.ts'
import { handoverDue } from '../../../kernel/domain/handover.ts'
import { adultFrom, ageOn, isMinorOn, legalRepresentativeProblems } from '../../../kernel/domain/minor.ts'

const notifiedAt = '2026-11-20T02:30:00.000Z'
const at = (iso: string) => new Date(iso)

describe('handoverDue', () => {
  it('is due handoverAcceptHours after the receiving commune was notified (default 24)', () => {
    const due = handoverDue({ notifiedAt, status: 'pending' }, DEFAULT_CASE_RULES, at('2026-11-20T10:30:00.000Z'))
    expect(due).toEqual({ dueAt: '2026-11-21T02:30:00.000Z', overdue: false, hoursLeft: 16 })
  })

  it('is not overdue at the due instant, and overdue one millisecond later', () => {
    expect(handoverDue({ notifiedAt, status: 'pending' }, DEFAULT_CASE_RULES, at('2026-11-21T02:30:00.000Z')).overdue).toBe(false)
    const late = handoverDue({ notifiedAt, status: 'pending' }, DEFAULT_CASE_RULES, at('2026-11-21T02:30:00.001Z'))
    expect(late.overdue).toBe(true)
    expect(late.hoursLeft).toBe(-1)
  })

  it('counts whole hours overdue', () => {
    expect(handoverDue({ notifiedAt, status: 'pending' }, DEFAULT_CASE_RULES, at('2026-11-22T05:00:00.000Z')).hoursLeft).toBe(-27)
  })

  it('follows the province setting', () => {
    const rules = { handoverAcceptHours: 48 }
    const due = handoverDue({ notifiedAt, status: 'pending' }, rules, at('2026-11-21T12:00:00.000Z'))
    expect(due.dueAt).toBe('2026-11-22T02:30:00.000Z')
    expect(due.overdue).toBe(false)
    expect(handoverDue({ notifiedAt, status: 'pending' }, { handoverAcceptHours: 1 }, at('2026-11-20T03:31:00.000Z')).overdue).toBe(true)
  })

  it('an answered hand-over is never overdue', () => {
    for (const status of ['accepted', 'declined'] as const) {
      expect(handoverDue({ notifiedAt, status }, DEFAULT_CASE_RULES, at('2026-12-30T00:00:00.000Z'))).toEqual({
        dueAt: '2026-11-21T02:30:00.000Z',
        overdue: false,
        hoursLeft: null,
      })
    }
  })
})

describe('minors', () => {
  it('is a minor until the 18th birthday, an adult on it', () => {
    expect(isMinorOn('2008-11-24', '2026-11-23')).toBe(true)
    expect(isMinorOn('2008-11-24', '2026-11-24')).toBe(false)
    expect(ageOn('2008-11-24', '2026-11-23')).toBe(17)
    expect(ageOn('2008-11-24', '2026-11-24')).toBe(18)
  })

  it('born on 29 February: 18 on 1 March (a leap year plus 18 is a common year), as ageOn counts it', () => {
    expect(adultFrom('2008-02-29')).toBe('2026-03-01')
    expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(true)
    expect(isMinorOn('2008-02-29', adultFrom('2008-02-29'))).toBe(false)
    expect(adultFrom('2012-02-29')).toBe('2030-03-01')
    expect(adultFrom('2014-02-28')).toBe('2032-02-28')
    expect(isMinorOn('2014-02-28', '2032-02-27')).toBe(true)
    expect(isMinorOn('2014-02-28', adultFrom('2014-02-28'))).toBe(false)
  })

  it('a minor on the registration day needs a representative, each field named', () => {
    expect(legalRepresentativeProblems({ birthDate: '2010-05-01' }, '2026-11-24').map((p) => p.field)).toEqual([
      'json.legalRepresentative.name',
      'json.legalRepresentative.relation',
      'json.legalRepresentative.phone',
    ])
    expect(legalRepresentativeProblems({ birthDate: '2010-05-01', legalRepresentative: { name: 'Mẹ (thử)', relation: 'mẹ' } }, '2026-11-24')).toEqual([
      { field: 'json.legalRepresentative.phone', message: 'is required for a person under 18 (their legal representative)' },
    ])
    expect(
      legalRepresentativeProblems({ birthDate: '2010-05-01', legalRepresentative: { name: 'Mẹ (thử)', relation: 'mẹ', phone: '0912345678' } }, '2026-11-24'),
    ).toEqual([])
  })

  it('an adult on the registration day needs none, even one day after the 18th birthday', () => {
    expect(legalRepresentativeProblems({ birthDate: '2008-11-24' }, '2026-11-24')).toEqual([])
    expect(legalRepresentativeProblems({ birthDate: '2008-11-25' }, '2026-11-24')).toHaveLength(3)
  })
})
