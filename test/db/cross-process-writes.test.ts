// Several Node processes write one embedded libSQL file (the cluster of decision 0024): every read-modify-write
// transaction must see the others' commits, so no update is lost. Real processes, a real file in WAL mode.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { openControlDb } from '../../db/client.node.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-xproc-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(url: string, times: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['test/fixtures/increment-counter.ts', url, String(times)], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += String(chunk)))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}: ${stderr.slice(0, 500)}`))))
  })
}

describe('writes from several processes to one embedded file', () => {
  it('loses no update: four processes each add 1 two hundred times and the counter reads 800', async () => {
    const url = `file:${join(dir, 'counter.db')}`
    const db = openControlDb({ url })
    await db.run(sql`PRAGMA journal_mode=WAL`)
    await db.run(sql`CREATE TABLE counter (n INTEGER NOT NULL)`)
    await db.run(sql`INSERT INTO counter VALUES (0)`)
    await Promise.all([1, 2, 3, 4].map(() => run(url, 200)))
    const [row] = await db.all<{ n: number }>(sql`SELECT n FROM counter`)
    expect(Number(row!.n)).toBe(800)
    db.$client.close()
  }, 120_000)
})
