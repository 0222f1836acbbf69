// `npm run smoke -- https://binhan.example.gov.vn`: after a deploy, signs in and checks the process, every
// active province's database, one province's communes and one report; exits 1 naming each check that failed.
// Credentials come from the environment only (a command line is visible to every user of the machine):
//   SMOKE_USERNAME, SMOKE_PASSWORD                    a central admin
//   SMOKE_PROVINCE_USERNAME, SMOKE_PROVINCE_PASSWORD  a province account that reads reports (province_officer)
//   SMOKE_PERIOD (default: this quarter), SMOKE_TIMEOUT_MS (default 15000, per request)
import { parseArgs } from 'node:util'
import { fail } from './lib/cli.ts'
import { runSmoke } from './lib/smoke.ts'

const { positionals } = parseArgs({ allowPositionals: true, options: {} })
const [base] = positionals
if (!base || positionals.length > 1) fail('usage: npm run smoke -- https://<deployment> (credentials in SMOKE_* environment variables)')
let url: URL
try {
  url = new URL(base)
} catch {
  fail(`not a URL: ${base}`)
}
if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) fail('the deployment must be https:// (passwords are sent)')

const need = (name: string) => process.env[name] || fail(`${name} is not set (credentials are read from the environment, never the command line)`)
const credentials = {
  central: { username: need('SMOKE_USERNAME'), password: need('SMOKE_PASSWORD') },
  province: { username: need('SMOKE_PROVINCE_USERNAME'), password: need('SMOKE_PROVINCE_PASSWORD') },
}
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? 15_000)
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) fail('SMOKE_TIMEOUT_MS must be a whole number of milliseconds')

const checks = await runSmoke(url.origin, credentials, { timeoutMs, period: process.env.SMOKE_PERIOD || undefined })
for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`)
const failed = checks.filter((check) => !check.ok)
if (failed.length > 0) {
  console.error(`smoke FAILED (${failed.length} of ${checks.length}): ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`)
  process.exit(1)
}
console.log(`smoke passed: ${checks.length} checks against ${url.origin}`)
