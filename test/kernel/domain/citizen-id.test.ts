import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { citizenIdProblems, maskCitizenId } from '../../../kernel/domain/citizen-id.ts'

// Synthetic, valid-format IDs only: 079 (a birth-registration code), sex/century digit, year, 6 digits.
describe('citizen ID', () => {
  it('accepts IDs that agree with sex and birth year in both centuries', () => {
    expect(citizenIdProblems('079090123456', { sex: 'male', birthDate: '1990-05-01' })).toEqual([])
    expect(citizenIdProblems('001185000001', { sex: 'female', birthDate: '1985-12-31' })).toEqual([])
    expect(citizenIdProblems('096203000777', { sex: 'male', birthDate: '2003-01-01' })).toEqual([])
    expect(citizenIdProblems('048305999999', { sex: 'female', birthDate: '2005-07-20' })).toEqual([])
  })

  it('names what is wrong', () => {
    expect(citizenIdProblems('07909012345', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['format'])
    expect(citizenIdProblems('07909012345a', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['format'])
    expect(citizenIdProblems('000090123456', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['province_code'])
    expect(citizenIdProblems('097090123456', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['province_code'])
    expect(citizenIdProblems('079190123456', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['sex'])
    expect(citizenIdProblems('079091123456', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['birth_year'])
    expect(citizenIdProblems('079290123456', { sex: 'male', birthDate: '1990-01-01' })).toEqual(['birth_year'])
  })

  it('agrees with any consistent (sex, birth date) it was built from', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 96 }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 1900, max: 2099 }),
        fc.integer({ min: 0, max: 999_999 }),
        (p, sex, year, rest) => {
          const digit = (year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0)
          const id = `${String(p).padStart(3, '0')}${digit}${String(year % 100).padStart(2, '0')}${String(rest).padStart(6, '0')}`
          expect(citizenIdProblems(id, { sex, birthDate: `${year}-06-15` })).toEqual([])
          expect(citizenIdProblems(id, { sex: sex === 'male' ? 'female' : 'male', birthDate: `${year}-06-15` })).toContain('sex')
        },
      ),
    )
  })

  it('masks all but the first and last three digits', () => {
    expect(maskCitizenId('079090123456')).toBe('079******456')
  })
})
