// Small shared pieces of the command-line scripts: one way to fail, one way to open the platform.
import { createNodePlatform, prepareControlDb, type NodePlatform } from '../../worker/provision/node-platform.ts'
import { readNodeConfig, type NodeConfig } from '../../worker/node-config.ts'

/** Prints a message meant for a person (no stack trace) and exits non-zero. */
export function fail(message: string): never {
  console.error(`error: ${message}`)
  process.exit(1)
}

/** Reads the environment (DATA_DIR, CONTROL_DB_URL, PROVISIONER…), migrates the control database and loads the administrative units if needed. */
export async function openPlatform(): Promise<{ config: NodeConfig; platform: NodePlatform }> {
  const config = readNodeConfig()
  const platform = createNodePlatform(config)
  const load = await prepareControlDb(platform.control, new Date())
  if (load.loaded) console.log(`Loaded administrative units from ${load.source}`)
  return { config, platform }
}

/** Runs a script's main, turning any thrown error into a one-line message and exit code 1. */
// biome-ignore lint/suspicious/noConfusingVoidType: a main that returns nothing (Promise<void>) must be accepted; undefined would not be.
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => fail(err instanceof Error ? err.message : String(err)),
  )
}
