import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { vietnamToday } from '../../kernel/calendar.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { ProvinceParam } from '../schemas/common.ts'
import { validate } from '../schemas/validate.ts'
import { quarterOf } from '../services/central-snapshot.ts'
import { centralSummary, centralTrend, DEFAULT_CENTRAL } from '../services/central-summary.ts'
import { centralWorkbook } from '../services/central-workbook.ts'

/** `?period=2026-Q3`: a quarter; the current one when absent. */
export const QuarterQuery = v.object({
  period: v.optional(v.pipe(v.string(), v.regex(/^20\d{2}-Q[1-4]$/, 'must be a quarter between 2000 and 2099, e.g. 2026-Q3'))),
})

const settingsOf = (c: Context<AppEnv>) => c.var.deps.config.central ?? DEFAULT_CENTRAL
const currentQuarter = (c: Context<AppEnv>) => quarterOf(vietnamToday(c.var.deps.clock.now()))

/** The central overview under /api/central (decision 0042): snapshots only, every figure after suppression. */
export const centralRoutes = new Hono<AppEnv>()
  .get('/summary', guard('summary:read'), validate('query', QuarterQuery), async (c) => {
    const period = c.req.valid('query').period ?? currentQuarter(c)
    return c.json({ data: await centralSummary(c.var.deps.control, period, c.var.deps.clock.now(), settingsOf(c)) })
  })
  .get('/summary/xlsx', guard('summary:read'), validate('query', QuarterQuery), async (c) => {
    const period = c.req.valid('query').period ?? currentQuarter(c)
    const bytes = centralWorkbook(await centralSummary(c.var.deps.control, period, c.var.deps.clock.now(), settingsOf(c)))
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="tong-hop-${period}.xlsx"`,
    })
  })
  .get('/provinces/:province/trend', guard('summary:read'), validate('param', ProvinceParam), async (c) => {
    const { province } = c.req.valid('param')
    const trend = await centralTrend(c.var.deps.control, province, currentQuarter(c), c.var.deps.clock.now(), settingsOf(c))
    if (!trend) throw new AppError('not_found', 404, 'No such province')
    return c.json({ data: trend })
  })
