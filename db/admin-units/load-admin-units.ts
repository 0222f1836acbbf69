import type { BatchItem } from 'drizzle-orm/batch'
import { adminUnitsLoads, communeMappings, communes, provinces } from '../control/schema/index.ts'
import { chunk } from '../batch.ts'
import type { ControlDb } from '../types.ts'
import type { AdminUnits, AdminUnitsReport } from './types.ts'

export interface AdminUnitsLoadResult {
  loaded: boolean
  source: string
  report: AdminUnitsReport | undefined
}

/**
 * Puts the cleaned administrative units into the control database, once per source version.
 * `readCleaned` is only called when a load is needed (reading and cleaning the 4 MB source costs time).
 */
export async function ensureAdminUnitsLoaded(control: ControlDb, source: string, readCleaned: () => AdminUnits, now: Date): Promise<AdminUnitsLoadResult> {
  const previous = await control.select({ source: adminUnitsLoads.source }).from(adminUnitsLoads)
  if (previous.some((row) => row.source === source)) return { loaded: false, source, report: undefined }
  const units = readCleaned()
  const statements: BatchItem<'sqlite'>[] = [
    control.delete(communeMappings),
    control.delete(communes),
    control.delete(provinces),
    control.delete(adminUnitsLoads),
    control.insert(provinces).values(units.provinces),
    ...chunk(units.communes, 500).map((rows) => control.insert(communes).values(rows)),
    ...chunk(units.mappings, 500).map((rows) => control.insert(communeMappings).values(rows)),
    control.insert(adminUnitsLoads).values({ source, loadedAt: now, report: units.report }),
  ]
  // One batch = one transaction: readers never see half a load.
  await control.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])
  return { loaded: true, source, report: units.report }
}
