// A child process of `npm run bench:central`: seeds one onboarded province's file with synthetic people (db/seed
// through seedDemo), with its own seed, so that every province of the benchmark holds records of its own. Run as
// `node scripts/lib/seed-province.ts <file> <seed> <persons> <now ISO>`; prints one JSON line when done.
import { asc } from 'drizzle-orm'
import { openExistingTenantDb } from '../../db/client.node.ts'
import { communes } from '../../db/tenant/schema/index.ts'
import { seedDemo } from '../../worker/provision/seed-demo.ts'

const [file, seed, persons, now] = process.argv.slice(2)
if (!file || !seed || !persons || !now) throw new Error('usage: seed-province.ts <file> <seed> <persons> <now ISO>')
const db = openExistingTenantDb({ url: `file:${file}` })
const codes = (await db.select({ code: communes.code }).from(communes).orderBy(asc(communes.code))).map((c) => c.code)
const started = performance.now()
const seeded = await seedDemo(db, { persons: Number(persons), seed: Number(seed), communes: codes, now: new Date(now) })
await db.run('PRAGMA wal_checkpoint(TRUNCATE)')
db.$client.close()
console.log(JSON.stringify({ persons: seeded.persons, seconds: (performance.now() - started) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024 }))
