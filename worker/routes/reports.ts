import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { auditRead } from '../reads.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { fieldError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { writeXlsx } from '../lib/xlsx-writer.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { CommuneCode } from '../schemas/common.ts'
import { validate } from '../schemas/validate.ts'
import { readReviewPolicy } from '../repo/settings.ts'
import { buildReport } from '../services/reports.ts'

const ReportQuery = v.object({
  period: v.pipe(
    v.string('is required'),
    v.regex(/^\d{4}(-(Q[1-4]|H[12]|9M))?$/, 'must be a year (2026), a half (2026-H1), nine months (2026-9M) or a quarter (2026-Q3)'),
  ),
  commune: v.optional(CommuneCode),
})

async function report(c: Context<AppEnv>, query: v.InferOutput<typeof ReportQuery>) {
  const period = parsePeriod(query.period)
  if (!period) throw fieldError('query.period', 'is not a period between 2000 and 2100')
  const actor = actorOf(c)
  if (query.commune) authorize(actor, 'report:read', { province: c.var.tenant.code, commune: query.commune })
  const scope = query.commune ? [query.commune] : communeScope(actor)
  const result = await buildReport(c.var.tenant.db, period, scope, vietnamToday(c.var.deps.clock.now()), readReviewPolicy(c.var.tenant.db))
  await auditRead(c, 'report.read', { type: 'report', id: period.label })
  return result
}

type Report = Awaited<ReturnType<typeof buildReport>>
type Figures = Report['total']

/** Vietnamese headers, as communes write them in their reports. */
const COLUMNS: [string, (f: Figures) => number | string | null][] = [
  ['Người sử dụng trái phép', (f) => f.people.drug_user],
  ['Người nghiện', (f) => f.people.dependent],
  ['Người sau cai nghiện', (f) => f.people.post_rehab],
  ['Tổng số người quản lý', (f) => f.people.total],
  ['Đăng ký mới trong kỳ', (f) => f.newRegistrations],
  ['Bắt đầu cai nghiện', (f) => f.plansStarted],
  ['Hoàn thành cai nghiện', (f) => f.plansCompleted],
  ['Chấm dứt cai nghiện', (f) => f.plansTerminated],
  ['Chuyển nơi cư trú', (f) => f.plansTransferred],
  ['Tái nghiện', (f) => f.relapses],
  ['Đang quản lý sau cai', (f) => f.underPostRehab],
  ['Lượt đánh giá định kỳ', (f) => f.reviewsDone],
  ['Đánh giá quá hạn (hiện tại)', (f) => f.reviewsOverdueNow],
  ['Lượt tiếp xúc sau cai', (f) => f.followUps],
  ['Tỷ lệ có việc làm (%)', (f) => f.employed.share],
  ['Hỗ trợ học nghề', (f) => f.support.vocational_training.count],
  ['Giới thiệu việc làm', (f) => f.support.job_placement.count],
  ['Vay vốn ưu đãi (lượt)', (f) => f.support.preferential_loan.count],
  ['Vay vốn ưu đãi (đồng)', (f) => f.support.preferential_loan.amountVnd],
  ['Cấp thẻ BHYT', (f) => f.support.health_insurance.count],
  ['Tư vấn', (f) => f.support.counselling.count],
]

export function reportWorkbook(result: Report, provinceName: string): Uint8Array {
  const header = ['Mã xã', 'Tên xã, phường, đặc khu', ...COLUMNS.map(([title]) => title)]
  const rows = [
    ...result.byCommune.map((f) => [f.code, f.name, ...COLUMNS.map(([, get]) => get(f))]),
    ['', `Tổng cộng — ${provinceName}`, ...COLUMNS.map(([, get]) => get(result.total))],
  ]
  return writeXlsx([{ name: `Báo cáo ${result.period.label}`, header, rows }])
}

/** Commune and province figures for a period, under /api/p/:province/reports. */
export const reportRoutes = new Hono<AppEnv>()
  .get('/', guard('report:read'), validate('query', ReportQuery), async (c) => c.json({ data: await report(c, c.req.valid('query')) }))
  .get('/xlsx', guard('report:read'), validate('query', ReportQuery), async (c) => {
    const result = await report(c, c.req.valid('query'))
    const file = `bao-cao-${c.var.tenant.code}-${result.period.label}.xlsx`
    const bytes = reportWorkbook(result, c.var.tenant.name)
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file}"`,
    })
  })
