// @vitest-environment happy-dom
// The audit table: actions in words (Vietnamese, English when switched), actors by name, records as links to
// where they are shown, grouped reads with their count, and the per-row filters.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact'
import { beforeAll, afterEach, describe, expect, it, vi as mock } from 'vitest'
import { AuditLines, recordHref, shortId } from '../../web/src/components/audit-lines.tsx'
import { en } from '../../web/src/i18n/en.ts'
import { I18nProvider, type Locale, loadLocale } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import type { Me } from '../../kernel/contract/identity.ts'
import type { AuditLine } from '../../kernel/contract/platform.ts'
import type { Role } from '../../kernel/roles.ts'
import { actorOf } from '../../web/src/lib/actor.ts'
import { can } from '../../kernel/policy.ts'

// English is a chunk of its own on the web (decision 0039): loaded before the tests read it.
beforeAll(() => loadLocale('en'))

afterEach(cleanup)

const PERSON = '0b6f4a52-1111-4c3e-9d55-000000000001'
const PLAN = '7c1d2e3f-2222-4c3e-9d55-000000000002'
const OFFICER = '9a8b7c6d-3333-4c3e-9d55-000000000003'
const ACCOUNT = '5e4d3c2b-4444-4c3e-9d55-000000000004'

function line(overrides: Partial<AuditLine>): AuditLine {
  return {
    seq: 1,
    at: '2026-11-24T03:00:00.000Z',
    actorId: OFFICER,
    actorName: 'Cán bộ Thử Nghiệm',
    actorRole: 'commune_officer',
    action: 'person.read',
    entityType: 'person',
    entityId: PERSON,
    personId: PERSON,
    provinceCode: null,
    outcome: 'success',
    requestId: null,
    details: null,
    count: 1,
    firstSeq: 1,
    firstAt: '2026-11-24T03:00:00.000Z',
    ...overrides,
  }
}

const LINES: AuditLine[] = [
  line({ seq: 40, action: 'sync.pull', entityType: 'sync', entityId: null, personId: null, count: 12, firstSeq: 20, firstAt: '2026-11-24T01:00:00.000Z' }),
  line({ seq: 19, action: 'plan.transition', entityType: 'plan', entityId: PLAN, personId: PERSON }),
  line({
    seq: 18,
    action: 'user.change_access',
    entityType: 'user',
    entityId: ACCOUNT,
    personId: null,
    actorName: 'Quản trị Thử Nghiệm',
    actorRole: 'province_admin',
  }),
  line({ seq: 17 }),
  line({ seq: 16, action: 'post_rehab.end', entityType: 'post_rehab', entityId: null, personId: null, actorId: null, actorName: null, actorRole: null }),
]

function show(
  locale: Locale = 'vi',
  handlers: { onActor?: (a: { id: string; name: string }) => void; onRecord?: (r: { type: string; id: string }) => void } = {},
) {
  render(
    <I18nProvider locale={locale}>
      <AuditLines lines={LINES} scope="province" label="trail" {...handlers} />
    </I18nProvider>,
  )
  return screen.getAllByRole('row').slice(1)
}

describe('AuditLines', () => {
  it('says what was done in Vietnamese, by whom, and folds repeated reads into a count', () => {
    const [pulls, plan, access, read, system] = show()
    expect(within(pulls!).getByText(vi['auditAction.sync.pull'])).toBeTruthy()
    expect(pulls!.textContent).toContain('12 lần')
    expect(pulls!.textContent).toMatch(/từ 24\/11\/2026 \d{2}:\d{2}/)
    expect(plan!.textContent).toContain(vi['auditAction.plan.transition'])
    expect(access!.textContent).toContain('Đổi vai trò, phạm vi')
    expect(access!.textContent).toContain(`Quản trị Thử Nghiệm · ${vi['role.province_admin']}`)
    expect(read!.textContent).not.toContain('lần')
    expect(system!.textContent).toContain(vi['audit.system'])
    expect(document.body.textContent).not.toContain('user.change_access')
  })

  it('says it in English when switched', () => {
    const [pulls, , access] = show('en')
    expect(pulls!.textContent).toContain(en['auditAction.sync.pull'])
    expect(pulls!.textContent).toContain('12 times')
    expect(access!.textContent).toContain('Changed role or scope')
  })

  it('links each record to where it is shown: a plan to its person, an account to the users screen', () => {
    const [pulls, plan, access, read] = show()
    expect(within(pulls!).queryAllByRole('link')).toEqual([])
    expect(
      within(plan!)
        .getByRole('link', { name: `${vi['auditEntity.plan']} ${shortId(PLAN)}` })
        .getAttribute('href'),
    ).toBe(`/persons/${PERSON}`)
    expect(
      within(access!)
        .getByRole('link', { name: `${vi['auditEntity.user']} ${shortId(ACCOUNT)}` })
        .getAttribute('href'),
    ).toBe(`/province/users?user=${ACCOUNT}`)
    expect(
      within(read!)
        .getByRole('link', { name: `${vi['auditEntity.person']} ${shortId(PERSON)}` })
        .getAttribute('href'),
    ).toBe(`/persons/${PERSON}`)
    expect(within(read!).getByRole('link', { name: vi['audit.whoSaw'] }).getAttribute('href')).toBe(`/persons/${PERSON}/access`)
    expect(within(plan!).queryByRole('link', { name: vi['audit.whoSaw'] })).toBeNull()
  })

  it('filters by the actor or the record of a row', () => {
    const onActor = mock.fn()
    const onRecord = mock.fn()
    const [, plan, , , system] = show('vi', { onActor, onRecord })
    fireEvent.click(within(plan!).getByRole('button', { name: `${vi['common.filter']} (Chỉ xem việc của Cán bộ Thử Nghiệm)` }))
    expect(onActor).toHaveBeenCalledWith({ id: OFFICER, name: 'Cán bộ Thử Nghiệm' })
    fireEvent.click(
      within(plan!).getByRole('button', { name: `${vi['common.filter']} (${vi['audit.onlyRecord']}: ${vi['auditEntity.plan']} ${shortId(PLAN)})` }),
    )
    expect(onRecord).toHaveBeenCalledWith({ type: 'plan', id: PLAN })
    expect(within(system!).queryAllByRole('button')).toEqual([]) // the system and a record without id: nothing to filter by
  })
})

describe('recordHref', () => {
  it('sends a central admin to the province of a province or of a province admin', () => {
    expect(recordHref({ entityType: 'province', entityId: '82', personId: null, provinceCode: '82' }, 'platform')).toBe('/admin/provinces/82')
    expect(recordHref({ entityType: 'user', entityId: ACCOUNT, personId: null, provinceCode: '01' }, 'platform')).toBe('/admin/provinces/01')
    expect(recordHref({ entityType: 'user', entityId: ACCOUNT, personId: null, provinceCode: null }, 'platform')).toBeNull()
    expect(recordHref({ entityType: 'report', entityId: '2026-Q4', personId: null, provinceCode: null }, 'province')).toBeNull()
  })
})

describe('the person page\'s "who saw this record" link', () => {
  it('is for province admins of the province only, as the policy decides', () => {
    const me = (role: Role, province: string | null): Me => ({
      id: OFFICER,
      username: 'x',
      displayName: 'x',
      role,
      province: province ? { code: province, name: 'Tỉnh' } : null,
      communes: role === 'commune_officer' ? [{ code: '00001', name: 'Xã' }] : [],
    })
    const shown = (role: Role, province: string | null) => can(actorOf(me(role, province)), 'audit:read_province', { province: '82' })
    expect(shown('province_admin', '82')).toBe(true)
    expect(shown('province_admin', '01')).toBe(false)
    for (const role of ['province_officer', 'commune_officer'] as const) expect(shown(role, '82'), role).toBe(false)
    for (const role of ['central_admin', 'central_viewer'] as const) expect(shown(role, null), role).toBe(false)
  })
})
