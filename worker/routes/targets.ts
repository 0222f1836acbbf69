import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { PlanYear, targetPlanPut, type TargetPlanInput, type TargetPlanRecord } from '../../kernel/commands/target-plan-put.ts'
import { invalidFields } from '../../kernel/commands/command.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { auditContextOf } from '../audit-context.ts'
import { runProvinceCommand, type ProvinceStore } from '../commands/run.ts'
import { jsonBody, toAppError } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import type { TenantDb } from '../../db/types.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { communeScope } from '../policy.ts'
import { findTargetPlan, unknownCommunes, writeTargetPlan } from '../repo/targets.ts'
import { validate } from '../schemas/validate.ts'
import { targetsWithAchievement } from '../services/targets.ts'

// The province's yearly plan and targets with their achievement (decision 0036), under /api/p/:province/targets.
// Reading is every province role's (a commune officer: the province's targets and their own communes'); writing
// the whole plan is a province admin's, through the command runner.

const YearParams = v.object({ year: PlanYear })

const store: ProvinceStore<TargetPlanRecord, TargetPlanInput> = {
  load: (tx, key) => findTargetPlan(tx, Number(key)),
  async verify(tx, { targets }) {
    const named = targets.flatMap((t) => (t.communeCode === null ? [] : [t.communeCode]))
    const unknown = await unknownCommunes(tx, named)
    if (unknown.size === 0) return undefined
    return invalidFields(
      targets.flatMap((t, i) =>
        t.communeCode !== null && unknown.has(t.communeCode) ? [{ field: `json.targets.${i}.communeCode`, message: 'is not a commune of this province' }] : [],
      ),
    )
  },
  write: writeTargetPlan,
}

async function read(c: Context<AppEnv>, year: number, db: TenantDb = c.var.tenant.db) {
  const scope = { communes: communeScope(actorOf(c)) }
  return targetsWithAchievement(db, year, scope, vietnamToday(c.var.deps.clock.now()))
}

export const targetRoutes = new Hono<AppEnv>()
  .get('/:year', guard('target:read'), validate('param', YearParams), async (c) => c.json({ data: await read(c, c.req.valid('param').year) }))
  .put('/:year', guard('target:write'), validate('param', YearParams), async (c) => {
    const year = c.req.valid('param').year
    const ctx = { db: c.var.tenant.db, province: c.var.tenant.code, actor: actorOf(c), audit: auditContextOf(c) }
    // The answer is read after the writes in the same transaction (remotely: in the same batch, one round trip).
    const result = await runProvinceCommand(ctx, targetPlanPut, store, String(year), await jsonBody(c), (tx) => read(c, year, tx as unknown as TenantDb))
    if (!result.ok) throw toAppError(result.rejection, result.current)
    return c.json({ data: result.answer })
  })
