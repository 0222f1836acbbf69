import { useEffect, useState } from 'preact/hooks'
import { ApiError, getJson, postJson } from './api.ts'

interface Province {
  code: string
  name: string
  status: string
  communeCount: number | null
}

interface Me {
  username: string
  displayName: string
  role: string
}

type Load =
  | { state: 'loading' }
  | { state: 'signed_out' }
  | { state: 'error'; message: string }
  | { state: 'ready'; me: Me; provinces: Province[] }

const statusLabel: Record<string, string> = {
  active: 'Đang hoạt động',
  suspended: 'Tạm ngừng',
  provisioning: 'Đang khởi tạo',
  provisioned: 'Đang khởi tạo',
  migrated: 'Đang khởi tạo',
  seeded: 'Đang khởi tạo',
}

function messageFor(e: unknown): string {
  if (e instanceof ApiError && e.code === 'network') return 'Không có kết nối mạng.'
  if (e instanceof ApiError && e.code === 'invalid_credentials') return 'Sai tên đăng nhập hoặc mật khẩu.'
  if (e instanceof ApiError && e.code === 'too_many_requests') return 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.'
  return 'Đã có lỗi. Vui lòng thử lại.'
}

/** Interim shell until the web-app issue: sign in, see who you are and which provinces are onboarded. */
export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  const refresh = async () => {
    try {
      const me = await getJson<{ data: Me }>('/api/me')
      const provinces = await getJson<{ data: Province[] }>('/api/provinces')
      setLoad({ state: 'ready', me: me.data, provinces: provinces.data })
    } catch (e) {
      setLoad(e instanceof ApiError && e.status === 401 ? { state: 'signed_out' } : { state: 'error', message: messageFor(e) })
    }
  }
  useEffect(() => {
    void refresh()
  }, [])

  return (
    <main>
      <h1>Bình An</h1>
      <p>Quản lý cai nghiện ma túy tự nguyện tại gia đình, cộng đồng và quản lý sau cai nghiện.</p>
      {load.state === 'loading' && <p role="status">Đang tải…</p>}
      {load.state === 'error' && <p role="alert">{load.message}</p>}
      {load.state === 'signed_out' && <SignIn onSignedIn={refresh} />}
      {load.state === 'ready' && (
        <>
          <p>
            Xin chào {load.me.displayName} ({load.me.username}).{' '}
            <button type="button" onClick={() => void postJson('/api/auth/logout', {}).then(refresh, refresh)}>
              Đăng xuất
            </button>
          </p>
          <h2>Tỉnh, thành phố đã tham gia</h2>
          {load.provinces.length === 0 ? (
            <p>Chưa có tỉnh nào.</p>
          ) : (
            <ul>
              {load.provinces.map((p) => (
                <li key={p.code}>
                  {p.name} ({p.code}) — {statusLabel[p.status] ?? p.status}
                  {p.communeCount !== null ? `, ${p.communeCount.toLocaleString('vi-VN')} xã, phường, đặc khu` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  )
}

function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      await postJson('/api/auth/login', { username: form.get('username'), password: form.get('password') })
      await onSignedIn()
    } catch (e) {
      setError(messageFor(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <h2>Đăng nhập</h2>
      <p>
        <label for="username">Tên đăng nhập</label>
        <br />
        <input id="username" name="username" autoComplete="username" required />
      </p>
      <p>
        <label for="password">Mật khẩu</label>
        <br />
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </p>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  )
}
