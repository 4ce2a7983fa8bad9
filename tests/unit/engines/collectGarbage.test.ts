import { expect, it } from 'vitest'
import { collectGarbage } from '../../../src/main/engines/speakers/collectGarbage'

let finalizedAs: (name: string) => void = () => undefined
// Module-level: a registry that is itself unreachable never calls back.
const registry = new FinalizationRegistry((name: string) => finalizedAs(name))

/** In a function of its own: a temporary of the test's own frame would stay reachable across the await. */
function registerStream(): void {
  registry.register({ samples: new Float32Array(1024) }, 'stream')
}

// What the speaker worker relies on to free sherpa's native streams between windows: a collection
// makes an unreachable object's finalizer run (on a later task). This test process was started
// without --expose-gc, like a worker under Electron may be; without the collection nothing
// allocates here, the finalizer never runs and the test times out.
it('runs the finalizers of unreachable objects without a command-line flag', async () => {
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined()
  const finalized = new Promise<string>((resolve) => (finalizedAs = resolve))
  registerStream()
  collectGarbage()
  expect(await finalized).toBe('stream')
}, 3000)
