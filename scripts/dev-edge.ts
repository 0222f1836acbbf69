// `npm run dev:edge`: the Worker in wrangler dev (workerd) against the same embedded databases as `npm start`,
// reached over the libSQL HTTP protocol through the local endpoint (a development tool, never production).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bootstrapNode } from '../worker/provision/bootstrap.ts'
import { createNodePlatform } from '../worker/provision/node-platform.ts'
import { createJsonLogger } from '../worker/logger.ts'
import { readNodeConfig } from '../worker/node-config.ts'
import { randomBytes } from 'node:crypto'
import { startLocalLibsqlServer } from './lib/local-libsql-server.ts'
import { startTursoApiStandIn } from './lib/turso-api-stand-in.ts'
import { fail } from './lib/cli.ts'

// Arguments after `--` go to wrangler dev as they are (tests: `-- --assets DIR --inspector-port N --persist-to DIR`).
const { values, positionals: wranglerArgs } = parseArgs({
  allowPositionals: true,
  options: { 'libsql-port': { type: 'string', default: process.env.LIBSQL_PORT ?? '8788' } },
})
const libsqlPort = Number(values['libsql-port'])
if (!Number.isInteger(libsqlPort)) fail('--libsql-port must be a port number')

const config = readNodeConfig()
if (config.provisioner !== 'embedded') fail('dev:edge serves embedded databases; unset PROVISIONER or set it to embedded')
const platform = createNodePlatform(config)
await bootstrapNode(platform, config, createJsonLogger(config.logLevel))
platform.control.$client.close()

const libsql = await startLocalLibsqlServer({ dataDir: config.dataDir, port: libsqlPort })
console.log(`Local libSQL endpoint on ${libsql.url} (data in ${config.dataDir})`)
// Onboarding from the Provinces screen runs the real Workflow; the Platform API is the local stand-in, whose
// databases are files under DATA_DIR served by the endpoint above (decision 0031).
const tursoToken = randomBytes(24).toString('base64url')
const turso = await startTursoApiStandIn({ org: 'binhan-dev', token: tursoToken, dataDir: config.dataDir, groups: { binhan: 'aws-ap-south-1' } })
console.log(`Turso Platform API stand-in on ${turso.url}`)

const vars = {
  ENVIRONMENT: 'development',
  LOG_LEVEL: config.logLevel,
  CONTROL_DB_URL: `${libsql.url}/control/`,
  LOCAL_LIBSQL_URL: libsql.url,
  PUBLIC_ORIGIN: config.publicOrigin,
  TRUSTED_ORIGINS: config.trustedOrigins.join(','),
  TURSO_ORG: 'binhan-dev',
  TURSO_GROUP: 'binhan',
  TURSO_API_URL: turso.url,
  TURSO_API_TOKEN: tursoToken,
  // Alerts of failing provinces go where the Node server's would (decision 0040).
  ...(process.env.ALERT_WEBHOOK_URL ? { ALERT_WEBHOOK_URL: process.env.ALERT_WEBHOOK_URL } : {}),
}
// An env file rather than --var: wrangler's --var splits KEY:VALUE at every colon, which breaks URLs.
const envDir = mkdtempSync(join(tmpdir(), 'binhan-edge-'))
const envFile = join(envDir, 'dev.env')
writeFileSync(
  envFile,
  Object.entries(vars)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n') + '\n',
)
const wrangler = spawn('wrangler', ['dev', '--port', String(config.port), '--ip', config.host, '--env-file', envFile, ...wranglerArgs], {
  stdio: ['inherit', 'inherit', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => wrangler.kill(signal))
wrangler.on('exit', (code) => {
  rmSync(envDir, { recursive: true, force: true })
  void Promise.all([libsql.close(), turso.close()]).finally(() => process.exit(code ?? 0))
})
