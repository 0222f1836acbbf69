import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { vietnamToday } from '../../kernel/calendar.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { CommuneCode } from '../schemas/common.ts'
import { validate } from '../schemas/validate.ts'
import { quarterOf } from '../services/central-snapshot.ts'
import { DEFAULT_CENTRAL } from '../services/central-summary.ts'
import { provinceWorkbook } from '../services/central-workbook.ts'
import { provinceOverview, provinceTrend } from '../services/province-overview.ts'
import { QuarterQuery } from './central.ts'

const TrendQuery = v.object({ commune: v.optional(CommuneCode) })

const settingsOf = (c: Context<AppEnv>) => c.var.deps.config.central ?? DEFAULT_CENTRAL
const currentQuarter = (c: Context<AppEnv>) => quarterOf(vietnamToday(c.var.deps.clock.now()))

async function overviewOf(c: Context<AppEnv>, period: string) {
  const province = c.req.param('province')!
  const overview = await provinceOverview(c.var.deps.control, province, period, c.var.deps.clock.now(), settingsOf(c))
  if (!overview) throw new AppError('not_found', 404, 'No such province')
  return overview
}

/** The province's own overview under /api/p/:province/overview (decision 0045): its snapshot, for its own staff. */
export const provinceOverviewRoutes = new Hono<AppEnv>()
  .get('/', guard('overview:read'), validate('query', QuarterQuery), async (c) => {
    return c.json({ data: await overviewOf(c, c.req.valid('query').period ?? currentQuarter(c)) })
  })
  .get('/xlsx', guard('overview:read'), validate('query', QuarterQuery), async (c) => {
    const period = c.req.valid('query').period ?? currentQuarter(c)
    const overview = await overviewOf(c, period)
    const bytes = provinceWorkbook(overview)
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="tong-hop-tinh-${overview.province}-${period}.xlsx"`,
    })
  })
  .get('/trend', guard('overview:read'), validate('query', TrendQuery), async (c) => {
    const commune = c.req.valid('query').commune ?? null
    const trend = await provinceTrend(c.var.deps.control, c.req.param('province')!, commune, currentQuarter(c), c.var.deps.clock.now(), settingsOf(c))
    if (!trend) throw new AppError('not_found', 404, commune === null ? 'No such province' : 'No such commune in this province')
    return c.json({ data: trend })
  })
