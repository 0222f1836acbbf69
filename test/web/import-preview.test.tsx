// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import { I18nProvider } from '../../web/src/i18n/i18n.tsx'
import { vi } from '../../web/src/i18n/vi.ts'
import { ImportPreview } from '../../web/src/import/preview.tsx'
import type { Preview } from '../../web/src/import/types.ts'
import type { ImportState } from '../../web/src/import/use-import.ts'

afterEach(cleanup)

// Synthetic rows only.
const preview = (overrides: Partial<Preview> = {}): Preview => ({
  dryRun: true,
  format: 'csv',
  ignoredColumns: [],
  counts: { rows: 3, accepted: 3, rejected: 0, byReason: {}, mappedFromOldAddress: 0, formulaCells: 0 },
  problems: [],
  problemsTruncated: false,
  formulaCells: [],
  formulaCellsTruncated: false,
  accepted: [{ rowNumber: 2, fullName: 'Người Thử Một', communeName: 'Phường Việt Hưng', communeVia: 'current' }],
  previousImports: [],
  ...overrides,
})

const state = { busy: null, pendingChoices: 0, choices: {}, run: mock.fn(), downloadRejected: mock.fn(), choice: mock.fn() } as unknown as ImportState
const show = (p: Preview) =>
  render(
    <I18nProvider locale="vi">
      <ImportPreview preview={p} state={state} />
    </I18nProvider>,
  )

describe('the import preview', () => {
  it('says how many cells begin with = + - @ and that they stay text, listing each row and column', () => {
    show(
      preview({
        counts: { ...preview().counts, formulaCells: 2 },
        formulaCells: [
          { rowNumber: 2, column: 'Số điện thoại' },
          { rowNumber: 4, column: 'Ghi chú' },
        ],
        formulaCellsTruncated: true,
      }),
    )
    const note = screen.getByRole('note')
    expect(note.textContent).toContain(vi['import.formulaCells'].replace('{n}', '2'))
    expect(note.textContent).toContain(vi['import.formulaCell'].replace('{row}', '2').replace('{column}', 'Số điện thoại'))
    expect(note.textContent).toContain(vi['import.formulaCell'].replace('{row}', '4').replace('{column}', 'Ghi chú'))
    expect(note.textContent).toContain(vi['import.formulaCellsTruncated'])
  })

  it('says nothing of formulas when no cell looks like one', () => {
    show(preview())
    expect(screen.queryByRole('note')).toBeNull()
    expect(screen.getByRole('table', { name: vi['import.acceptedRows'] }).textContent).toContain('Người Thử Một')
  })
})
