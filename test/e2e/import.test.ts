// Legacy import in Chromium, as the demo commune officer of Phường Việt Hưng (Hà Nội): upload a list with
// pre-2025 addresses → the preview shows the problem rows with their reasons → import → the people appear.
// Synthetic people only; the addresses are real place names (the official old→new mapping).
import { describe, expect, it } from 'vitest'
import { DESKTOP, MOBILE, expectAccessible, expectHeading, goVia, useBrowser, screenshot, settled, signIn, vi, withPage } from './helpers.ts'

const browser = useBrowser()

/** A valid-format, fictitious citizen ID; random digits keep runs of the suite apart. */
const citizenId = (sex: 'male' | 'female', year: number) =>
  `001${sex === 'female' ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`

function listCsv(tag: string): Buffer {
  const rows = [
    ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Xã/phường', 'Quận/huyện (cũ)', 'Tỉnh/thành phố', 'Phân loại', 'Số điện thoại'],
    [
      '1',
      `Nguyễn Văn Nhập ${tag}`,
      '05/09/1990',
      'Nam',
      citizenId('male', 1990),
      'P. Đức Giang',
      'Q. Long Biên',
      'TP. Hà Nội',
      'Sử dụng trái phép',
      '+84912345678',
    ],
    ['2', `Trần Thị Nhập ${tag}`, '12/03/1994', 'Nữ', citizenId('female', 1994), 'Phường Việt Hưng', '', 'Hà Nội', 'Sử dụng trái phép', ''],
    ['3', `Lê Văn Sai Ngày ${tag}`, '31/02/1990', 'Nam', citizenId('male', 1990), 'Phường Việt Hưng', '', '', 'Sử dụng trái phép', ''],
    ['4', `Phạm Văn Lạ ${tag}`, '01/01/1991', 'Nam', citizenId('male', 1991), 'Phường Không Có Thật', 'Quận Long Biên', '', 'Sử dụng trái phép', ''],
    ['5', `Hoàng Thị Xã Khác ${tag}`, '01/01/1992', 'Nữ', citizenId('female', 1992), 'Phường Hoàn Kiếm', '', 'Hà Nội', 'Sử dụng trái phép', ''],
  ]
  return Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}`, 'utf8')
}

for (const viewport of [MOBILE, DESKTOP]) {
  const size = viewport === MOBILE ? 'mobile' : 'desktop'
  describe(`import (${size})`, () => {
    it('uploads a legacy list, shows the problem rows, imports the valid ones, and they appear in the people list', async () => {
      await withPage(browser, viewport, async (page) => {
        const tag = `${size === 'mobile' ? 'Mờ' : 'Đê'}${Date.now() % 100_000}`
        await signIn(page, 'demo-commune-01')
        await goVia(page, 'nav.import', vi['import.title'])
        await settled(page)
        await expectAccessible(page, `import, empty, ${size}`)

        // Nothing chosen: the preview button waits for a file.
        expect(await page.getByRole('button', { name: vi['import.preview'] }).isDisabled()).toBe(true)
        await page.getByLabel(vi['import.file']).setInputFiles({ name: 'danh-sach-cu.csv', mimeType: 'text/csv', buffer: listCsv(tag) })
        await page.getByRole('button', { name: vi['import.preview'] }).click()
        await page.getByRole('heading', { name: vi['import.previewTitle'] }).waitFor()

        const problems = page.getByRole('table', { name: vi['import.problemRows'] })
        const problemRows = problems.getByRole('row')
        // Header + rows 4, 5, 6 of the file (row 1 is the header).
        await expect.poll(() => problemRows.count()).toBe(4)
        const texts = (await problemRows.allInnerTexts()).slice(1).map((t) => t.replace(/\s+/g, ' '))
        expect(texts[0]).toContain('4')
        expect(texts[0]).toContain('Ngày sinh')
        expect(texts[0]).toContain(vi['import.reason.invalid_value'])
        expect(texts[1]).toContain(vi['import.reason.unknown_address'])
        expect(texts[2]).toContain(vi['import.reason.out_of_scope'])
        const accepted = page.getByRole('table', { name: vi['import.acceptedRows'] })
        expect(await accepted.getByRole('row').count()).toBe(3)
        expect(await accepted.innerText()).toContain(vi['import.fromOld'])
        // A phone written "+84…" is a cell a spreadsheet could read as a formula: said, and imported as text.
        const note = page.getByRole('note').filter({ hasText: vi['import.formulaCells'].replace('{n}', '1') })
        await note.getByText(vi['import.formulaCellsList']).click()
        await note.getByText(vi['import.formulaCell'].replace('{row}', '2').replace('{column}', 'Số điện thoại')).waitFor()
        await expectAccessible(page, `import, preview, ${size}`)
        await problems.scrollIntoViewIfNeeded()
        await screenshot(page, `import-preview-${size}`)

        await page.getByRole('button', { name: vi['import.commit'].replace('{n}', '2') }).click()
        await page.getByRole('heading', { name: vi['import.doneTitle'] }).waitFor()
        expect(await page.getByText(vi['import.doneText'].replace('{imported}', '2').replace('{rejected}', '3')).count()).toBe(1)
        // The history below lists this import (newest first); its rows show who was created and why others were not.
        await page
          .getByRole('button', { name: `${vi['persons.more']}: danh-sach-cu.csv` })
          .first()
          .click()
        const importRows = page.getByRole('table', { name: 'danh-sach-cu.csv' }).first()
        await expect.poll(() => importRows.getByRole('row').count()).toBe(6)
        const rowTexts = (await importRows.getByRole('row').allInnerTexts()).slice(1).map((t) => t.replace(/\s+/g, ' '))
        expect(rowTexts[0]).toContain(`Nguyễn Văn Nhập ${tag}`)
        expect(rowTexts[2]).toContain(`Ngày sinh: ${vi['import.reason.invalid_value']}`)
        expect(rowTexts[4]).toContain(vi['import.reason.out_of_scope'])
        await screenshot(page, `import-done-${size}`)

        // The imported people are in the officer's list, found without diacritics.
        await page.getByRole('link', { name: vi['import.seePeople'] }).click()
        await expectHeading(page, vi['persons.title'])
        const search = page.getByLabel(vi['persons.search'])
        await search.fill(`nguyen van nhap ${tag.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd')}`)
        await expect.poll(() => page.getByRole('link', { name: new RegExp(`Nguyễn Văn Nhập ${tag}`) }).count()).toBe(1)
        // The row with an impossible date was not imported.
        await search.fill(`Lê Văn Sai Ngày ${tag}`)
        await page.getByText(vi['persons.empty']).waitFor()
      })
    })
  })
}
