// `npm run backup` and `npm run restore` as an operator runs them, as processes beside the real Node server
// (decision 0040): every database exported while the server serves, private files with a manifest whose
// checksums hold; a province's file then destroyed, restored from the backup, served again with its data,
// and its audit chain verifying.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, startServer, type RunningServer } from '../helpers/server.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-backup-'))
const backupDir = join(`${dataDir}-backups`, 'nightly')
let server: RunningServer
let admin01 = ''

function script(file: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}

const people = async () => {
  const res = await fetch(`${server.baseUrl}/api/p/01/persons?limit=100`, { headers: { cookie: admin01 } })
  return { status: res.status, ids: res.status === 200 ? ((await res.json()) as { data: { id: string }[] }).data.map((p) => p.id).sort() : [] }
}

beforeAll(async () => {
  server = await startServer(dataDir, { DEMO_PROVINCES: '82,01', WEB_CONCURRENCY: '1', TENANT_CACHE_TTL_MS: '1000' })
  admin01 = await signIn(server, 'demo-admin-01')
}, 180_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(`${dataDir}-backups`, { recursive: true, force: true })
})

describe('backup and restore', () => {
  it('backs up every database while the server serves; restores a destroyed province, whose data and audit chain come back', async () => {
    const before = await people()
    expect(before.status).toBe(200)
    expect(before.ids.length).toBeGreaterThan(0)

    const backup = await script('scripts/backup.ts', '--out', backupDir)
    expect(backup.err).toBe('')
    expect(backup.code).toBe(0)
    expect(backup.out).toContain('3 databases in')

    // Private: the directory 0700, every file 0600; the manifest's checksums are the files' own.
    expect(statSync(backupDir).mode & 0o777).toBe(0o700)
    expect(readdirSync(backupDir).sort()).toEqual(['SHA256SUMS', 'binhan-p01.db', 'binhan-p82.db', 'control.db', 'manifest.json'])
    for (const name of readdirSync(backupDir)) expect(statSync(join(backupDir, name)).mode & 0o777, name).toBe(0o600)
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      entries: { database: string; file: string; format: string; sha256: string; bytes: number; databaseId: string }[]
    }
    expect(manifest.entries.map((e) => [e.database, e.format])).toEqual([
      ['control', 'sqlite'],
      ['01', 'sqlite'],
      ['82', 'sqlite'],
    ])
    for (const entry of manifest.entries) {
      const bytes = readFileSync(join(backupDir, entry.file))
      expect(entry.bytes).toBe(bytes.length)
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    expect(manifest.entries[1]?.databaseId).toMatch(/\S/)
    expect(readFileSync(join(backupDir, 'SHA256SUMS'), 'utf8')).toContain(`${manifest.entries[1]?.sha256}  binhan-p01.db\n`)

    // Province 01 destroyed under the running server.
    const file = join(dataDir, 'tenants', 'binhan-p01.db')
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
    writeFileSync(file, 'not a database at all '.repeat(500))
    expect((await people()).status).toBe(503)

    // A backup file altered after the fact is refused.
    const altered = join(`${dataDir}-backups`, 'altered')
    await script('scripts/backup.ts', '--out', altered)
    const copy = readFileSync(join(altered, 'binhan-p82.db'))
    copy.writeUInt8(copy.readUInt8(copy.length - 1) ^ 0xff, copy.length - 1)
    writeFileSync(join(altered, 'binhan-p82.db'), copy)
    const refused = await script('scripts/restore.ts', '--from', altered, '--province', '82')
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('does not match its checksum')

    const restore = await script('scripts/restore.ts', '--from', backupDir, '--province', '01')
    expect(restore.err).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.out).toContain('01: relocated (identity, schema and integrity_check passed)')
    const [restored] = readdirSync(join(dataDir, 'tenants')).filter((name) => /^binhan-p01-r\d{14}\.db$/.test(name))
    expect(restored).toBeDefined()
    expect(statSync(join(dataDir, 'tenants', restored!)).mode & 0o777).toBe(0o600)

    // Served again (the server sees the registry's new location within its cache time), with the same people.
    let after = await people()
    for (let i = 0; i < 50 && after.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      after = await people()
    }
    expect(after).toEqual(before)
    const verified = await script('scripts/audit-verify.ts', '--province', '01')
    expect(verified.err).toBe('')
    expect(verified.code).toBe(0)
    const verifiedControl = await script('scripts/audit-verify.ts', '--control')
    expect(verifiedControl.code).toBe(0)
  }, 180_000)
})
