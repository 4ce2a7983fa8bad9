// The speaker worker collects garbage between windows (diarizeFile.ts says why). The collector is
// reached from inside the process rather than through a --expose-gc flag on the worker's command
// line, so it is there whatever started the worker: Node, or Electron run as Node, whose packaged
// builds may not pass V8 flags on.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collector: (() => void) | null = null

/** A full garbage collection; V8's collector is exposed on first use. */
export function collectGarbage(): void {
  if (!collector) {
    setFlagsFromString('--expose-gc')
    collector = runInNewContext('gc') as () => void
  }
  collector()
}
