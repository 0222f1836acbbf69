// @vitest-environment happy-dom
// The central admin's Provinces screen shows a province whose database cannot be served, and why (decision 0017).
import { cleanup, render, screen, waitFor } from '@testing-library/preact'
import type { ComponentChildren } from 'preact'
import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import { AuthProvider, useAuth } from '../../web/src/auth.tsx'
import { en } from '../../web/src/i18n/en.ts'
import { I18nProvider, loadLocale } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import AdminProvinces from '../../web/src/routes/admin-provinces.tsx'

// English is loaded on demand in the app (i18n.tsx); these tests read it.
await loadLocale('en')

afterEach(() => {
  cleanup()
  mock.unstubAllGlobals()
})

const me = { id: 'u-1', username: 'test-central', displayName: 'Test central', role: 'central_admin', provinceCode: null, communes: [] }
const provinces = [
  {
    code: '01',
    name: 'Thành phố Hà Nội',
    status: 'active',
    communeCount: 126,
    provider: 'embedded',
    activatedAt: null,
    database: { status: 'unavailable', reason: 'database_missing', since: '2026-11-24T03:00:00.000Z' },
  },
  { code: '04', name: 'Cao Bằng', status: 'not_onboarded', communeCount: null, provider: null, activatedAt: null, database: null },
  { code: '82', name: 'Đồng Tháp', status: 'active', communeCount: 102, provider: 'embedded', activatedAt: null, database: { status: 'available' } },
]

function SignedIn({ children }: { children: ComponentChildren }) {
  const { state } = useAuth()
  return state.status === 'signed_in' ? children : null
}

/** `lists` are the answers to successive GET /api/admin/provinces, the last one repeated; `health` the answers of GET /api/p/:p/health. */
function renderScreen(locale: 'vi' | 'en', lists: unknown[][] = [provinces], health: Record<string, { status: number; body: unknown }> = {}) {
  let served = 0
  const fetched: string[] = []
  mock.stubGlobal(
    'fetch',
    mock.fn(async (url: string) => {
      fetched.push(url)
      const checked = /^\/api\/p\/(\d\d)\/health$/.exec(url)?.[1]
      if (checked) {
        const answer = health[checked]!
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } })
      }
      const data = url === '/api/me' ? me : lists[Math.min(served++, lists.length - 1)]
      return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  render(
    <I18nProvider locale={locale}>
      <AuthProvider>
        <SignedIn>
          <AdminProvinces />
        </SignedIn>
      </AuthProvider>
    </I18nProvider>,
  )
  return fetched
}

const rowOf = (name: string) => screen.getAllByRole('row').find((row) => row.textContent?.includes(name))!

describe('the Provinces screen (central admin)', () => {
  it('marks a province whose database is unavailable, with the reason and since when, in Vietnamese', async () => {
    renderScreen('vi')
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4))
    expect(screen.getByRole('columnheader', { name: vi['provinces.database'] })).toBeTruthy()
    const hanoi = rowOf('Hà Nội').textContent!
    expect(hanoi).toContain(vi['provinces.dbUnavailable'])
    expect(hanoi).toContain(vi['provinces.dbReason.database_missing'])
    expect(hanoi).toContain('24/11/2026')
    expect(rowOf('Đồng Tháp').textContent).toContain(vi['provinces.dbAvailable'])
    expect(rowOf('Cao Bằng').textContent).not.toContain(vi['provinces.dbUnavailable'])
  })

  it('says the same in English', async () => {
    renderScreen('en')
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4))
    expect(rowOf('Hà Nội').textContent).toContain(`${en['provinces.dbUnavailable']} ${en['provinces.dbReason.database_missing']}`)
  })

  it('follows an onboarding run step by step without a click, then shows the province active (Workers, decision 0031)', async () => {
    const cao = (status: string, extra: Record<string, unknown> = {}) => ({ ...provinces[1], status, onboardingError: null, onboardingErrorAt: null, ...extra })
    const at = (status: string, extra?: Record<string, unknown>) => [provinces[0], cao(status, extra), provinces[2]]
    renderScreen('vi', [at('provisioning'), at('migrated'), at('active', { communeCount: 56, database: { status: 'available' } })])
    await waitFor(() => expect(rowOf('Cao Bằng').textContent).toContain('Bước 1/4: tạo cơ sở dữ liệu'))
    const button = rowOf('Cao Bằng').querySelector('button')!
    expect(button.disabled).toBe(true)
    await waitFor(() => expect(rowOf('Cao Bằng').textContent).toContain('Bước 3/4: nạp danh sách xã, phường'), { timeout: 5000 })
    await waitFor(() => expect(rowOf('Cao Bằng').textContent).toContain(vi['tenant.active']), { timeout: 5000 })
    expect(rowOf('Cao Bằng').textContent).toContain('56')
  }, 15_000)

  it('shows why an onboarding run stopped and offers to retry it', async () => {
    const failed = {
      ...provinces[1],
      status: 'provisioning',
      onboardingError: 'Turso Platform API POST /organizations/x/databases failed with 402',
      onboardingErrorAt: '2026-11-24T03:00:00.000Z',
    }
    renderScreen('vi', [[provinces[0], failed, provinces[2]]])
    await waitFor(() => expect(rowOf('Cao Bằng').textContent).toContain(vi['provinces.onboardFailed']))
    const row = rowOf('Cao Bằng')
    expect(row.textContent).toContain('failed with 402')
    expect(row.textContent).toContain('24/11/2026')
    const button = row.querySelector('button')!
    expect(button.textContent).toBe(vi['provinces.onboardRetry'])
    expect(button.disabled).toBe(false)
  })

  it('says the state is the one recorded, and checks one province now on request, then lists again', async () => {
    const suspended = { ...provinces[2], code: '20', name: 'Lạng Sơn', status: 'suspended' }
    const fetched = renderScreen('vi', [[...provinces, suspended]], {
      '01': {
        status: 503,
        body: {
          error: { code: 'tenant_database_unavailable', message: 'The database of province 01 is unavailable', details: { reason: 'database_missing' } },
        },
      },
      '82': { status: 200, body: { data: { province: '82', status: 'ok', depth: 'quick', checkedAt: '2026-11-24T03:05:00.000Z' } } },
    })
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(5))
    expect(screen.getByText(vi['provinces.dbRecorded'])).toBeTruthy()
    expect(rowOf('Cao Bằng').textContent).not.toContain(vi['provinces.checkNow'])
    // A suspended province answers no route: nothing to check now.
    expect(rowOf('Lạng Sơn').textContent).not.toContain(vi['provinces.checkNow'])
    const lists = () => fetched.filter((url) => url === '/api/admin/provinces').length

    const listedBefore = lists()
    screen.getAllByRole('button', { name: vi['provinces.checkNow'] })[0]!.click()
    await waitFor(() =>
      expect(screen.getByText(`Cơ sở dữ liệu của Thành phố Hà Nội không sử dụng được: ${vi['provinces.dbReason.database_missing']}.`)).toBeTruthy(),
    )
    expect(fetched).toContain('/api/p/01/health')
    await waitFor(() => expect(lists()).toBe(listedBefore + 1))

    await waitFor(() => expect(rowOf('Đồng Tháp').querySelector('button')!.disabled).toBe(false))
    rowOf('Đồng Tháp').querySelector('button')!.click()
    await waitFor(() => expect(screen.getByText(/^Cơ sở dữ liệu của Đồng Tháp sử dụng được \(kiểm tra lúc .*24\/11\/2026/)).toBeTruthy())
    await waitFor(() => expect(lists()).toBe(listedBefore + 2))
  })
})
