// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { SyncIndicator } from '../../web/src/components/sync-status.tsx'
import { I18nProvider } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import { resetSyncStatus, setSyncStatus } from '../../web/src/offline/status.ts'

afterEach(() => {
  cleanup()
  resetSyncStatus()
})

const chip = () => screen.queryByTestId('sync-status')

describe('SyncIndicator', () => {
  it('is absent for users without an offline store', () => {
    render(
      <I18nProvider locale="vi">
        <SyncIndicator />
      </I18nProvider>,
    )
    expect(chip()).toBeNull()
  })

  it('says what waits, most serious first, and leads to the sync screen', () => {
    render(
      <I18nProvider locale="vi">
        <SyncIndicator />
      </I18nProvider>,
    )
    act(() => setSyncStatus({ active: true, complete: true }))
    expect(chip()!.textContent).toBe(`${vi['sync.title']}: ${vi['sync.chip.synced']}`)
    expect(chip()!.getAttribute('href')).toBe('/sync')
    act(() => setSyncStatus({ pending: 2 }))
    expect(chip()!.textContent).toBe(`${vi['sync.title']}: 2 chờ gửi`)
    act(() => setSyncStatus({ failed: 1 }))
    expect(chip()!.textContent).toBe(`${vi['sync.title']}: 1 lỗi`)
    act(() => setSyncStatus({ conflicts: 3 }))
    expect(chip()!.textContent).toBe(`${vi['sync.title']}: 3 xung đột`)
  })

  it('shows the first download until it has finished', () => {
    render(
      <I18nProvider locale="vi">
        <SyncIndicator />
      </I18nProvider>,
    )
    act(() => setSyncStatus({ active: true, complete: false }))
    expect(chip()!.textContent).toContain(vi['sync.chip.downloading'])
  })
})
