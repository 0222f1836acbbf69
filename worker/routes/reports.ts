import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { auditRead } from '../reads.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { fieldError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { CommuneCode } from '../schemas/common.ts'
import { validate } from '../schemas/validate.ts'
import { reportWorkbook } from '../services/report-workbook.ts'
import { reportTrend } from '../services/report-trend.ts'
import { buildReport, zeroFigures } from '../services/reports.ts'
import { thinReport } from '../../kernel/domain/report-wire.ts'

const ReportQuery = v.object({
  period: v.pipe(
    v.string('is required'),
    v.regex(/^\d{4}(-(Q[1-4]|H[12]|9M))?$/, 'must be a year (2026), a half (2026-H1), nine months (2026-9M) or a quarter (2026-Q3)'),
  ),
  commune: v.optional(CommuneCode),
})

/** The period asked and the communes counted: the one asked (when the actor may read it) or the actor's scope. */
function asked(c: Context<AppEnv>, query: v.InferOutput<typeof ReportQuery>) {
  const period = parsePeriod(query.period)
  if (!period) throw fieldError('query.period', 'is not a period between 2000 and 2100')
  const actor = actorOf(c)
  if (query.commune) authorize(actor, 'report:read', { province: c.var.tenant.code, commune: query.commune })
  return { period, scope: query.commune ? [query.commune] : communeScope(actor) }
}

async function report(c: Context<AppEnv>, query: v.InferOutput<typeof ReportQuery>) {
  const { period, scope } = asked(c, query)
  // The review policy is read in the report's own batch: one round trip for every figure.
  const result = await buildReport(c.var.tenant.db, period, scope, vietnamToday(c.var.deps.clock.now()))
  await auditRead(c, 'report.read', { type: 'report', id: period.label })
  return result
}

/** Two years: a quarter beside the same quarter of the year before. */
const TREND_QUARTERS = 8

/** Commune and province figures for a period, under /api/p/:province/reports (decision 0034). */
export const reportRoutes = new Hono<AppEnv>()
  .get('/', guard('report:read'), validate('query', ReportQuery), async (c) =>
    // Each commune without its zeros (kernel/domain/report-wire.ts): the answer grows with what is not zero.
    c.json({ data: thinReport(await report(c, c.req.valid('query')), zeroFigures(parsePeriod(c.req.valid('query').period)!)) }),
  )
  // The chart's eight quarters in one small answer, one audited read (decision 0035).
  .get('/trend', guard('report:read'), validate('query', ReportQuery), async (c) => {
    const { period, scope } = asked(c, c.req.valid('query'))
    const trend = await reportTrend(c.var.tenant.db, period, scope, TREND_QUARTERS)
    await auditRead(c, 'report.read', { type: 'report', id: `trend:${period.label}` })
    return c.json({ data: trend })
  })
  .get('/xlsx', guard('report:read'), validate('query', ReportQuery), async (c) => {
    const result = await report(c, c.req.valid('query'))
    const file = `bao-cao-${c.var.tenant.code}-${result.period.label}.xlsx`
    const bytes = reportWorkbook(result, c.var.tenant.name)
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file}"`,
    })
  })
