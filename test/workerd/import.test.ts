import { exports } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openTenantDb } from '../../db/client.web.ts'
import { auditLog } from '../../db/tenant/schema/index.ts'
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

function preview(body: Uint8Array | string, name: string, path = '/imports?dryRun=true'): Promise<Response> {
  const form = new FormData()
  form.append('file', new File([body as Uint8Array<ArrayBuffer> | string], name))
  return exports.default.fetch(`${ORIGIN}/api/p/82${path}`, {
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

  it('answers and audits a preview and its refused rows alike whether none, all or some of the list’s people are registered', async () => {
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })
    // The entry the request appended, by its request id: exactly one, sent beside the registered IDs' read.
    const entryOf = async (res: Response) => {
      const rows = await tenant
        .select()
        .from(auditLog)
        .where(eq(auditLog.requestId, res.headers.get('x-request-id')!))
      expect(rows).toHaveLength(1)
      return { action: rows[0]!.action, details: JSON.parse(rows[0]!.details!) as unknown }
    }
    const first = 20_000 + Math.floor(Math.random() * 400_000)
    const registered = list(2, first)
    const cases = [
      { name: 'none registered', csv: list(2, first + 10), accepted: 2, rejected: 0 },
      { name: 'all registered', csv: registered, accepted: 0, rejected: 2 },
      { name: 'some registered', csv: `${registered}\r\n${list(1, first + 20).split('\r\n')[1]}`, accepted: 1, rejected: 2 },
    ]
    expect((await preview(registered, 'nhap.csv', '/imports')).status).toBe(201)
    for (const { name, csv, accepted, rejected } of cases) {
      const res = await preview(csv, `${name}.csv`)
      expect(res.status, name).toBe(200)
      const { data } = (await res.json()) as { data: { counts: { accepted: number; rejected: number }; problems: { problems: { reason: string }[] }[] } }
      expect(data.counts, name).toMatchObject({ accepted, rejected })
      expect(data.problems.map((p) => p.problems[0]!.reason)).toEqual(Array(rejected).fill('already_registered'))
      // What the file held before the registry was consulted: every row valid, each one's citizen ID looked up.
      const held = { rows: accepted + rejected, refused: 0, checked: accepted + rejected, file: expect.stringMatching(/^[0-9a-f]{16}$/) }
      expect(await entryOf(res), name).toEqual({ action: 'import.preview', details: held })
      const file = await preview(csv, `${name}.csv`, '/imports/rejected')
      expect(file.status, name).toBe(200)
      expect(await entryOf(file), name).toEqual({ action: 'import.rejected_download', details: held })
    }
    expect((await verifyAuditChain(tenant)).ok).toBe(true)
    tenant.$client.close()
  })
})
