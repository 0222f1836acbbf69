import { chmodSync, existsSync, mkdirSync } from 'node:fs'

// Database files hold personal data: on Node they are readable by the server's user only (README
// "Operations"). Directories 0700, files 0600; SQLite creates a database's -wal and -shm files with the
// database file's own mode, so restricting the database before it is opened covers them too.

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates the directory (and missing parents) for the server's user only, and restricts it if it existed. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(path, PRIVATE_DIR_MODE)
}

/** Restricts a directory that exists; leaves a missing one missing. */
export function restrictDirIfPresent(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_DIR_MODE)
}

/** The path behind a `file:` URL, or undefined for remote and in-memory databases. */
export function fileOfUrl(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined
  const path = decodeURIComponent(
    url
      .slice('file:'.length)
      .replace(/^\/\/(?=\/)/, '')
      .split('?')[0] ?? '',
  )
  return path && path !== ':memory:' ? path : undefined
}

/** Restricts a database file and the companions SQLite keeps beside it, those that exist. */
export function restrictDbFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}
