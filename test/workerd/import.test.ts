import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'
import { xlsxBomb } from '../helpers/zip-bomb.ts'

// The legacy import through the Worker, where the parse runs inline in the request (no threads): the bounds
// while inflating, and the one-import-per-user lock as an upsert over libSQL HTTP. Synthetic people only.
const ORIGIN = 'https://binhan.example'
const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Phân loại,Số điện thoại'
const list = (rows: number, first: number) =>
  [
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) =>
        `Người Thử ${first + i},05/09/1990,Nam,079090${String(first + i).padStart(6, '0')},${inject('communes').own},Sử dụng trái phép,${i === 0 ? '+84912345678' : ''}`,
    ),
  ].join('\r\n')

function preview(body: Uint8Array | string, name: string): Promise<Response> {
  const form = new FormData()
  form.append('file', new File([body as Uint8Array<ArrayBuffer> | string], name))
  return exports.default.fetch(`${ORIGIN}/api/p/82/imports?dryRun=true`, {
    method: 'POST',
    body: form,
    headers: { cookie: inject('cookies').commune, origin: ORIGIN },
  })
}

describe('importing in workerd', () => {
  it('previews a list inline, flagging a phone written +84… as a cell a spreadsheet would run', async () => {
    const res = await preview(list(2, 1), 'danh-sach.csv')
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: { counts: { accepted: number; formulaCells: number }; formulaCells: unknown[] } }
    expect(data.counts).toMatchObject({ accepted: 2, formulaCells: 1 })
    expect(data.formulaCells).toEqual([{ rowNumber: 2, column: 'Số điện thoại' }])
  })

  it('refuses a zip bomb while inflating it, with 400 naming the file', async () => {
    const res = await preview(xlsxBomb({ unpackedBytes: 40 * 1024 * 1024, declaredSize: 1000 }), 'danh-sach.xlsx')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { details: { issues: { field: string; code: string }[] } } }
    expect(body.error.details.issues[0]).toMatchObject({ field: 'file', code: 'too_large' })
  })

  it('lets one user run one import at a time: a second upload sent meanwhile answers 409 import_in_progress', async () => {
    const bytes = list(3000, 100)
    const answers = await Promise.all([preview(bytes, 'a.csv'), preview(bytes, 'b.csv')])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
    const refused = answers.find((r) => r.status === 409)!
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('import_in_progress')
    expect((await preview(list(1, 9000), 'c.csv')).status).toBe(200) // released once the first ended
  })
})
