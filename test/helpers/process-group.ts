// Stopping a child that starts children of its own (npx → wrangler → workerd): signalling the child alone
// leaves the rest running after the tests. Spawn it with `detached: true` (a process group of its own) and stop
// the whole group here.
import type { ChildProcess } from 'node:child_process'

const isAlive = (group: number) => {
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false // ESRCH: no process left in the group
  }
}

/** SIGTERM to the child's process group, SIGKILL after `graceMs`; resolves once no process of the group is left. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const group = child.pid
  if (group === undefined || !isAlive(group)) return
  process.kill(-group, 'SIGTERM')
  const killAt = Date.now() + graceMs
  let signal: NodeJS.Signals = 'SIGTERM'
  while (isAlive(group)) {
    if (signal === 'SIGTERM' && Date.now() > killAt) {
      signal = 'SIGKILL'
      process.kill(-group, signal)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
