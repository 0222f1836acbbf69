// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import { CommunePicker } from '../../web/src/components/commune-picker.tsx'
import { Field } from '../../web/src/components/field.tsx'
import { LinkSentView } from '../../web/src/components/issued-link.tsx'
import { ErrorState } from '../../web/src/components/states.tsx'
import { ApiError } from '../../web/src/api.ts'
import { AuthProvider } from '../../web/src/auth.tsx'
import { I18nProvider } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import ChangePassword from '../../web/src/routes/change-password.tsx'
import { LoginForm } from '../../web/src/routes/login.tsx'

afterEach(() => {
  cleanup()
  mock.unstubAllGlobals()
})

const communes = [
  { code: '00127', name: 'Phường Việt Hưng', kind: 'phuong' as const },
  { code: '00130', name: 'Phường Đức Giang', kind: 'phuong' as const },
  { code: '00200', name: 'Xã Văn Giang', kind: 'xa' as const },
]

describe('Field', () => {
  it('labels the input and ties its error to it', () => {
    render(<Field label="Họ và tên" value="" error="Giá trị không hợp lệ." />)
    const input = screen.getByLabelText('Họ và tên')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    const described = input.getAttribute('aria-describedby')!
    expect(document.getElementById(described)?.textContent).toBe('Giá trị không hợp lệ.')
  })
})

describe('CommunePicker', () => {
  it('filters ignoring diacritics and reports the chosen codes', () => {
    const onChange = mock.fn()
    render(
      <I18nProvider locale="vi">
        <CommunePicker communes={communes} value={['00200']} onChange={onChange} />
      </I18nProvider>,
    )
    fireEvent.input(screen.getByLabelText(vi['users.scopeSearch']), { target: { value: 'duc giang' } })
    expect(screen.queryByText(/Việt Hưng/)).toBeNull()
    fireEvent.click(screen.getByRole('checkbox', { name: /Đức Giang/ }))
    expect(onChange).toHaveBeenCalledWith(['00200', '00130'])
  })
})

describe('CommunePicker with a scope already chosen', () => {
  it('lists the chosen communes first and as chips, a chip removing its commune', () => {
    const onChange = mock.fn()
    render(
      <I18nProvider locale="vi">
        <CommunePicker communes={communes} value={[communes.at(-1)!.code]} onChange={onChange} />
      </I18nProvider>,
    )
    const last = communes.at(-1)!
    expect(screen.getAllByRole('checkbox')[0]!.closest('label')!.textContent).toContain(last.name)
    const chips = within(screen.getByRole('list', { name: vi['users.scopeChosenList'] })).getAllByRole('button')
    expect(chips.map((c) => c.textContent)).toEqual([`${last.name} ×`])
    fireEvent.click(screen.getByRole('button', { name: vi['users.scopeRemove'].replace('{name}', last.name) }))
    expect(onChange).toHaveBeenCalledWith([])
  })
})

describe('ErrorState', () => {
  it('says what happened in Vietnamese and shows the request id to quote', () => {
    render(
      <I18nProvider locale="vi">
        <ErrorState error={new ApiError('internal', 500, 'x', { requestId: 'req-42' })} />
      </I18nProvider>,
    )
    expect(screen.getByRole('alert').textContent).toContain(vi['error.generic'])
    expect(screen.getByRole('alert').textContent).toContain('req-42')
  })

  it('distinguishes no network from a refusal', () => {
    render(
      <I18nProvider locale="vi">
        <ErrorState error={new ApiError('network', 0, 'network')} />
        <ErrorState error={new ApiError('forbidden', 403, 'no')} />
      </I18nProvider>,
    )
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent)
    expect(alerts[0]).toContain(vi['error.network'])
    expect(alerts[1]).toContain(vi['error.forbidden'])
  })

  it('says the province’s data is temporarily unavailable when its database cannot be served (503)', () => {
    render(
      <I18nProvider locale="vi">
        <ErrorState error={new ApiError('tenant_database_unavailable', 503, 'x', { reason: 'database_missing' })} />
      </I18nProvider>,
    )
    expect(screen.getByRole('alert').textContent).toContain(vi['error.tenantDatabaseUnavailable'])
  })

  it('says when mail is not configured or failed, so the admin knows no link went out', () => {
    render(
      <I18nProvider locale="vi">
        <ErrorState error={new ApiError('mail_not_configured', 503, 'x')} />
        <ErrorState error={new ApiError('mail_failed', 502, 'x')} />
      </I18nProvider>,
    )
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent)
    expect(alerts[0]).toContain(vi['error.mail_not_configured'])
    expect(alerts[1]).toContain(vi['error.mail_failed'])
  })
})

describe('LinkSentView', () => {
  it('shows where the link went and until when, and offers no link to copy', () => {
    const user = {
      id: 'u1',
      username: 'can-bo',
      displayName: 'Cán bộ Thử',
      role: 'commune_officer' as const,
      province: '82',
      status: 'invited' as const,
      communes: [],
      maskedEmail: 'c***@example.test',
      createdAt: '2026-11-24T03:00:00.000Z',
      lastLoginAt: null,
    }
    render(
      <I18nProvider locale="vi">
        <LinkSentView sent={{ user, delivery: { purpose: 'invite', sentTo: 'c***@example.test', expiresAt: '2026-11-27T03:00:00.000Z' } }} />
      </I18nProvider>,
    )
    const text = screen.getByRole('status').textContent ?? ''
    expect(text).toContain('c***@example.test')
    expect(text).toContain('27/11/2026')
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.queryByRole('link')).toBeNull()
  })
})

describe('LoginForm', () => {
  it('shows the wrong-credentials message from a 401 and clears the password', async () => {
    const fetchMock = mock.fn(async (url: string, _init?: RequestInit) => {
      if (url === '/api/me') return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in first' } }), { status: 401 })
      return new Response(JSON.stringify({ error: { code: 'invalid_credentials', message: 'Wrong username or password' } }), { status: 401 })
    })
    mock.stubGlobal('fetch', fetchMock)
    render(
      <I18nProvider locale="vi">
        <AuthProvider>
          <LoginForm />
        </AuthProvider>
      </I18nProvider>,
    )
    fireEvent.input(screen.getByLabelText(vi['login.username']), { target: { value: 'demo-admin-82' } })
    fireEvent.input(screen.getByLabelText(vi['login.password']), { target: { value: 'not-the-password' } })
    fireEvent.click(screen.getByRole('button', { name: vi['login.submit'] }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(vi['login.invalid']))
    expect((screen.getByLabelText(vi['login.password']) as HTMLInputElement).value).toBe('')
    const loginCall = fetchMock.mock.calls.find(([url]) => url === '/api/auth/login')!
    expect(JSON.parse(loginCall[1]!.body as string)).toEqual({ username: 'demo-admin-82', password: 'not-the-password' })
  })

  it('shows how long to wait when throttled', async () => {
    mock.stubGlobal(
      'fetch',
      mock.fn(
        async () => new Response(JSON.stringify({ error: { code: 'too_many_requests', message: 'x', details: { retryAfterSeconds: 60 } } }), { status: 429 }),
      ),
    )
    render(
      <I18nProvider locale="vi">
        <AuthProvider>
          <LoginForm username="demo-admin-82" />
        </AuthProvider>
      </I18nProvider>,
    )
    fireEvent.input(screen.getByLabelText(vi['login.password']), { target: { value: 'whatever-long' } })
    fireEvent.click(screen.getByRole('button', { name: vi['login.submit'] }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Đăng nhập sai quá nhiều lần. Thử lại sau 60 giây.'))
  })
})

describe('ChangePassword', () => {
  const renderForm = () =>
    render(
      <I18nProvider locale="vi">
        <ChangePassword />
      </I18nProvider>,
    )
  const fill = (current: string, next: string, confirm: string) => {
    fireEvent.input(screen.getByLabelText(vi['account.current']), { target: { value: current } })
    fireEvent.input(screen.getByLabelText(vi['account.new']), { target: { value: next } })
    fireEvent.input(screen.getByLabelText(vi['account.confirm']), { target: { value: confirm } })
  }
  // Submitted from its button at the bottom, as on a phone: the focus is there, not on the faulty field.
  const send = () => {
    const button = screen.getByRole('button', { name: vi['common.save'] })
    button.focus()
    fireEvent.click(button)
  }

  it('moves the focus to the first field the server refused, with its message, and keeps what was typed', async () => {
    const fetchMock = mock.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'validation_failed',
              message: 'x',
              details: { issues: [{ field: 'json.newPassword', message: 'is too short', code: 'too_short' }] },
            },
          }),
          { status: 400 },
        ),
    )
    mock.stubGlobal('fetch', fetchMock)
    renderForm()
    fill('current-password-1', 'short', 'short')
    send()
    const newPassword = screen.getByLabelText(vi['account.new'])
    await waitFor(() => expect(document.activeElement).toBe(newPassword))
    expect(newPassword.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(newPassword.getAttribute('aria-describedby')!)?.textContent).toBe(vi['error.password.too_short'])
    expect((screen.getByLabelText(vi['account.current']) as HTMLInputElement).value).toBe('current-password-1')
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('says the two new passwords differ without asking the server, and focuses the confirmation', async () => {
    const fetchMock = mock.fn(async () => new Response('{}'))
    mock.stubGlobal('fetch', fetchMock)
    renderForm()
    fill('current-password-1', 'a-long-new-password', 'a-long-new-passwrod')
    send()
    const confirm = screen.getByLabelText(vi['account.confirm'])
    await waitFor(() => expect(document.activeElement).toBe(confirm))
    expect(document.getElementById(confirm.getAttribute('aria-describedby')!)?.textContent).toBe(vi['account.mismatch'])
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('tells a wrong current password plainly, whatever the server worded', async () => {
    mock.stubGlobal(
      'fetch',
      mock.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: {
                code: 'invalid_credentials',
                message: 'x',
                details: { issues: [{ field: 'json.currentPassword', message: 'the current password is wrong' }] },
              },
            }),
            { status: 400 },
          ),
      ),
    )
    renderForm()
    fill('not-it', 'a-long-new-password', 'a-long-new-password')
    send()
    const current = screen.getByLabelText(vi['account.current'])
    await waitFor(() => expect(document.activeElement).toBe(current))
    expect(document.getElementById(current.getAttribute('aria-describedby')!)?.textContent).toBe(vi['account.wrongCurrent'])
  })
})
