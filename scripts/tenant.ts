// Province (tenant) administration from the command line:
//   npm run tenant:create -- --province 82 [--province 01 | --all]
//   npm run tenant:list
//   npm run tenant:suspend -- --province 82
//   npm run tenant:resume -- --province 82
//   npm run tenant:check -- --province 82 | --all        (full check: file, identity, schema, integrity_check)
//   npm run tenant:relocate -- --province 82 --location libsql://… | tenants/<name>.db   (after a restore)
import { parseArgs } from 'node:util'
import { asc, inArray } from 'drizzle-orm'
import { appendAudit, writeTransaction } from '../db/audit/append-audit.ts'
import { provinces, tenants } from '../db/control/schema/index.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { resumeTenant, suspendTenant } from '../db/provision/tenant-status.ts'
import type { NodePlatform } from '../worker/provision/node-platform.ts'
import { listProvincesForAdmin } from '../worker/repo/provinces.ts'
import { createJsonLogger } from '../worker/logger.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'
import { checkProvinces, nodeTenantResolver, relocateProvince } from './lib/tenant-db.ts'

const USAGE = 'usage: node scripts/tenant.ts <create|list|suspend|resume|check|relocate> [--province NN ...] [--all] [--location L]'
const COMMANDS = ['create', 'list', 'suspend', 'resume', 'check', 'relocate']

runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { province: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, location: { type: 'string' } },
  })
  const command = positionals[0]
  const codes = (values.province ?? [])
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter(Boolean)
  if (!command || !COMMANDS.includes(command)) fail(USAGE)
  for (const code of codes) if (!/^\d{2}$/.test(code)) fail(`--province must be a two-digit code such as 01 or 82, got "${code}"`)

  const { config, platform } = await openPlatform()
  if (command === 'list') return list(platform)
  if (command === 'check') {
    const targets = values.all ? await servedProvinceCodes(platform) : codes
    if (targets.length === 0) fail('give --province NN (repeatable, or comma-separated) or --all')
    return checkProvinces(nodeTenantResolver(platform, config, createJsonLogger('silent')), targets)
  }
  if (command === 'relocate') {
    if (codes.length !== 1 || !values.location) fail('relocate needs exactly one --province NN and --location')
    return relocateProvince(platform, codes[0]!, values.location)
  }
  if (command === 'create') {
    const targets = values.all ? await allProvinceCodes(platform) : codes
    if (targets.length === 0) fail('give --province NN (repeatable, or comma-separated) or --all')
    return create(platform, targets)
  }
  if (codes.length === 0) fail(`${command} needs --province NN`)
  for (const code of codes) {
    const now = new Date()
    const change = await writeTransaction(platform.control, async (tx) => {
      const result = command === 'suspend' ? await suspendTenant(tx, code, now) : await resumeTenant(tx, code, now)
      if (result.changed) await appendAudit(tx, operatorEntry(now, `province.${command}`, code, 'success'))
      return result
    })
    console.log(`${code}: ${change.status}${change.changed ? '' : ' (already)'}`)
  }
  console.log('Running servers notice the change within TENANT_CACHE_TTL_MS.')
})

async function create(platform: NodePlatform, codes: string[]): Promise<number> {
  let failed = 0
  for (const code of codes) {
    const started = performance.now()
    try {
      const result = await onboardTenant(platform.onboardDeps, code)
      if (result.stepsRun.length > 0) {
        await appendAudit(platform.control, {
          ...operatorEntry(new Date(), 'province.onboard', code, 'success'),
          details: { steps: result.stepsRun.join(',') },
        })
      }
      const ms = Math.round(performance.now() - started)
      const steps = result.stepsRun.length > 0 ? `ran ${result.stepsRun.join(' → ')}` : 'already onboarded, nothing to do'
      console.log(`${code}: ${result.status} (${steps}, ${ms} ms)`)
    } catch (err) {
      failed += 1
      await appendAudit(platform.control, operatorEntry(new Date(), 'province.onboard', code, 'failure')).catch(() => {})
      console.error(`${code}: FAILED: ${err instanceof Error ? err.message : String(err)}`)
      console.error(`${code}: rerun the same command to resume where it stopped.`)
    }
  }
  return failed > 0 ? 1 : 0
}

/** Command-line actions are audited as the operator's: no user account, no request, no client address. */
function operatorEntry(at: Date, action: string, province: string, outcome: 'success' | 'failure') {
  return {
    at,
    actorId: null,
    actorRole: 'operator',
    action,
    entityType: 'province',
    entityId: province,
    provinceCode: province,
    outcome,
    requestId: null,
    clientHash: null,
  }
}

async function allProvinceCodes(platform: NodePlatform): Promise<string[]> {
  const rows = await platform.control.select({ code: provinces.code }).from(provinces).orderBy(asc(provinces.code))
  return rows.map((row) => row.code)
}

async function servedProvinceCodes(platform: NodePlatform): Promise<string[]> {
  const rows = await platform.control
    .select({ code: tenants.provinceCode })
    .from(tenants)
    .where(inArray(tenants.status, ['active', 'suspended']))
    .orderBy(asc(tenants.provinceCode))
  return rows.map((row) => row.code)
}

async function list(platform: NodePlatform): Promise<void> {
  const rows = (await listProvincesForAdmin(platform.control)).filter((row) => row.status !== 'not_onboarded')
  if (rows.length === 0) {
    console.log('No province is onboarded yet. Run: npm run tenant:create -- --province 82')
    return
  }
  console.table(
    rows.map((row) => ({
      code: row.code,
      name: row.name,
      status: row.status,
      provider: row.provider,
      schemaVersion: row.schemaVersion ?? '-',
      communes: row.communeCount ?? '-',
      database: row.dbFault ?? 'ok',
    })),
  )
}
