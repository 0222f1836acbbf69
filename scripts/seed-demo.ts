// Synthetic people for demos and benchmarks, never for a real province:
//   npm run seed:demo -- --province 82 --persons 5000 [--seed 42] [--commune 12345 ...]
// Each run adds --persons new people (fictitious names, valid-format but made-up citizen IDs) with plans in
// every state, reviews, post-rehab records, follow-ups, support and management periods. The same seed on an
// empty province gives the same people. Refuses NODE_ENV=production.
import { parseArgs } from 'node:util'
import { count, eq } from 'drizzle-orm'
import { provinces, tenants } from '../db/control/schema/index.ts'
import { seedDemo } from '../worker/provision/seed-demo.ts'
import { persons } from '../db/tenant/schema/index.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'

const USAGE = 'usage: npm run seed:demo -- --province NN --persons N [--seed N] [--commune CODE ...]'

runMain(async () => {
  // Before anything is opened: synthetic people must never land in a real province's database.
  if (process.env.NODE_ENV === 'production') {
    fail('refusing to load synthetic people with NODE_ENV=production: seed:demo is for development, demos and benchmarks only')
  }
  const { values } = parseArgs({
    options: {
      province: { type: 'string' },
      persons: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      commune: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const province = values.province?.trim()
  if (!province) fail(`--province is required\n${USAGE}`)
  if (!/^\d{2}$/.test(province)) fail(`--province must be a two-digit code such as 01 or 82, got "${province}"`)
  const personCount = wholeNumber('--persons', values.persons, 1, 1_000_000)
  const seed = wholeNumber('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER)
  const communes = (values.commune ?? [])
    .flatMap((v) => v.split(','))
    .map((c) => c.trim())
    .filter(Boolean)
  for (const code of communes) if (!/^\d{5}$/.test(code)) fail(`--commune must be a five-digit commune code, got "${code}"`)

  const { config, platform } = await openPlatform()
  if (config.environment === 'production') fail('refusing to load synthetic people in production')
  const [known] = await platform.control.select({ name: provinces.name }).from(provinces).where(eq(provinces.code, province))
  if (!known) fail(`Unknown province code "${province}"`)
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, province))
  if (!row || (row.status !== 'active' && row.status !== 'suspended')) {
    fail(`Province ${province} (${known.name}) is not onboarded: run npm run tenant:create -- --province ${province} first`)
  }
  const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row))
  try {
    console.log(
      `Seeding ${personCount} synthetic people into ${province} (${known.name}), seed ${seed}${communes.length ? `, communes ${communes.join(', ')}` : ''}…`,
    )
    const started = performance.now()
    const result = await seedDemo(db, { persons: personCount, seed, communes, now: new Date() })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(persons)
    const list = (counts: Record<string, number>) =>
      Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    const vnd = new Intl.NumberFormat('en-US').format(result.loanAmountVnd)
    // maxRSS: the process's peak resident memory (KiB), the bound batching keeps (issue #19).
    const peakMiB = (process.resourceUsage().maxRSS / 1024).toFixed(0)
    console.log(`Added ${result.persons} people to ${province} in ${seconds} s, peak RSS ${peakMiB} MiB (the province had ${result.before}, now ${total}):`)
    console.log(`  categories: ${list(result.byCategory)}`)
    console.log(`  plans: ${result.plans} (${list(result.byPlanStatus)}), ${result.transitions} status changes`)
    console.log(`  reviews: ${result.reviews}; post-rehab records: ${result.postRehab} (${result.relapses} relapsed), follow-ups: ${result.followUps}`)
    console.log(`  support: ${result.support} (${result.loans} loans, ${vnd} VND); management periods: ${result.managementPeriods}`)
    console.log(`The province's audit trail records it as seed.demo. Everyone added is fictitious.`)
  } finally {
    db.$client.close()
    platform.control.$client.close()
  }
})

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text ?? '') || !Number.isSafeInteger(value) || value < min || value > max)
    fail(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`)
  return value
}
