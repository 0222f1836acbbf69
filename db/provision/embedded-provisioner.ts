import { closeSync, openSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.ts'
import type { Provisioner } from './provisioner.ts'

/** A libSQL file per province under `<dataDir>/tenants/`: the self-hosted and development default. */
export function createEmbeddedProvisioner(opts: { dataDir: string }): Provisioner {
  return {
    provider: 'embedded',
    async ensureDatabase(dbName) {
      if (!/^[a-z0-9-]+$/.test(dbName)) throw new Error(`Invalid database name: ${dbName}`)
      const location = `tenants/${dbName}.db`
      const path = join(opts.dataDir, location)
      ensurePrivateDir(dirname(path))
      try {
        // 'wx' creates atomically and fails if the file exists: a rerun never truncates a province's data.
        // Readable by the server's user only from the first byte (db/private-files.ts).
        closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE))
        return { location, created: true }
      } catch (err) {
        if (isFileExists(err)) return { location, created: false }
        throw err
      }
    },
  }
}

function isFileExists(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST'
}
