import { useEffect, useState } from 'preact/hooks'
import { ApiError, getJson } from './api.ts'

interface Province {
  code: string
  name: string
  status: string
  communeCount: number | null
}

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; provinces: Province[] }

const statusLabel: Record<string, string> = {
  active: 'Đang hoạt động',
  suspended: 'Tạm ngừng',
  provisioning: 'Đang khởi tạo',
  provisioned: 'Đang khởi tạo',
  migrated: 'Đang khởi tạo',
  seeded: 'Đang khởi tạo',
}

/** Placeholder shell until the web-app issue: shows the platform is up and which provinces are onboarded. */
export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  useEffect(() => {
    const ctrl = new AbortController()
    getJson<{ data: Province[] }>('/api/provinces', ctrl.signal)
      .then((r) => setLoad({ state: 'ready', provinces: r.data }))
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return
        setLoad({ state: 'error', message: e instanceof ApiError && e.code === 'network' ? 'Không có kết nối mạng.' : 'Không tải được danh sách tỉnh.' })
      })
    return () => ctrl.abort()
  }, [])

  return (
    <main>
      <h1>Bình An</h1>
      <p>Quản lý cai nghiện ma túy tự nguyện tại gia đình, cộng đồng và quản lý sau cai nghiện.</p>
      <h2>Tỉnh, thành phố đã tham gia</h2>
      {load.state === 'loading' && <p role="status">Đang tải…</p>}
      {load.state === 'error' && <p role="alert">{load.message}</p>}
      {load.state === 'ready' && load.provinces.length === 0 && <p>Chưa có tỉnh nào.</p>}
      {load.state === 'ready' && load.provinces.length > 0 && (
        <ul>
          {load.provinces.map((p) => (
            <li key={p.code}>
              {p.name} ({p.code}) — {statusLabel[p.status] ?? p.status}
              {p.communeCount !== null ? `, ${p.communeCount.toLocaleString('vi-VN')} xã, phường, đặc khu` : ''}
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
