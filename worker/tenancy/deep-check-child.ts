// One deep check of one province file, in a process of its own (worker/tenancy/deep-check.node.ts): the embedded
// client runs SQLite on the calling thread, so integrity_check in the server would stall every province.
//   node worker/tenancy/deep-check-child.ts <path> <quick|full>   → one JSON line on stdout
import { statSync } from 'node:fs'
import { createClient } from '@libsql/client/node'
import { isCorruptionError } from '../../db/sqlite-errors.ts'

const [path, depth] = process.argv.slice(2)
const pragma = depth === 'full' ? 'integrity_check' : depth === 'quick' ? 'quick_check' : undefined
if (!path || !pragma) {
  console.log(JSON.stringify({ error: 'usage' }))
  process.exit(2)
}
// Opening would create a missing file: the parent has just checked, this closes the gap as far as it can be.
if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
  console.log(JSON.stringify({ error: 'missing' }))
  process.exit(0)
}
const client = createClient({ url: `file:${path}` })
try {
  const result = await client.execute(`PRAGMA ${pragma}`)
  console.log(JSON.stringify({ values: result.rows.slice(0, 10).map((row) => String(row[0])) }))
} catch (err) {
  // A damaged page can make the pragma itself fail instead of listing problems: that is its finding too.
  const message = err instanceof Error ? err.message.slice(0, 200) : ''
  console.log(JSON.stringify(isCorruptionError(err) ? { error: 'corrupt', message } : { error: 'failed' }))
} finally {
  client.close()
}
