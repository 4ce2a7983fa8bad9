// Spawning a job's pipeline: an argument array (never a shell), its own process group so one
// signal reaches the whole tree, and a reason in one line when the OS refuses to start it.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import type { SpawnJobOptions } from './processManagerTypes'

/** Starts `o.command`, or throws `cannot start …` with the reason the OS gives. */
export function spawnInOwnGroup(o: SpawnJobOptions): ChildProcess {
  const child = spawn(o.command, o.args, {
    cwd: o.cwd,
    // A copy: never hand the host's own process.env to a child, so what one job's launch adds
    // (an API key) can never leak into the host or the next child.
    env: { ...(o.env ?? process.env) },
    // Own process group, so one signal reaches the whole tree.
    detached: process.platform !== 'win32',
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    windowsHide: true
  })
  // Without a listener a failed spawn's 'error' event would crash the host.
  // Set by the 'error' listener (`as`: so TypeScript does not narrow it to null below).
  let spawnError = null as Error | null
  child.on('error', (err) => (spawnError = err))
  if (child.pid === undefined) {
    // 'error' arrives on a later tick: name the reason now from the file itself.
    throw new Error(`cannot start ${o.command}: ${spawnError ?? whySpawnFails(o.command)}`)
  }
  return child
}

/** The reason a command cannot be executed (ENOENT, EACCES …), as the OS names it. */
function whySpawnFails(command: string): string {
  try {
    accessSync(command, constants.X_OK)
    return 'spawn failed'
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return e.code === 'ENOENT' ? 'ENOENT (no such file)' : (e.code ?? e.message)
  }
}
