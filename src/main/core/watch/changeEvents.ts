// A folder's change events from the OS (@parcel/watcher), asked for without freezing the process.
// On Linux the watcher opens its one inotify instance when the process has no subscription yet, on
// the calling thread; when the user's inotify instances are used up (fs.inotify.max_user_instances:
// editors, sync clients and file managers each hold some) that open fails inside a thread that
// never reports back, and the caller waits forever (seen with @parcel/watcher 2.6.0: the whole
// main process hung). So before the watcher needs a new instance, a worker thread opens one of its
// own (fs.watch, its own event loop, its own instance, closed with the thread): refused there, the
// subscription fails here with that reason, and the folder is polled (folderWatch.ts) instead.
import { Worker } from 'node:worker_threads'
import { subscribe, type AsyncSubscription, type Event } from '@parcel/watcher'
import { oneLineError } from '@shared/errors'

export type ChangeCallback = (error: Error | null, events: Event[]) => void

/** Subscriptions made here and not ended: while one holds, the watcher's instance is open. */
let holding = 0
/** A watcher error can mean its thread died and took the instance with it: probe again. */
let lost = false

/** How long the probe may take before its silence counts as a refusal. */
const PROBE_TIMEOUT_MS = 10_000

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads')
try {
  require('node:fs').watch(workerData).close()
  parentPort.postMessage(null)
} catch (error) {
  parentPort.postMessage(
    error && error.code === 'EMFILE'
      ? 'EMFILE: every inotify instance this user may open is in use (fs.inotify.max_user_instances)'
      : String(error && error.message).replace(/, watch '.*$/s, '')
  )
}`

/** Null when a new inotify instance can be had here, else why not (EMFILE: every one in use…). */
function probeInotify(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const worker = new Worker(PROBE, { eval: true, workerData: path })
    const done = (answer: string | null): void => {
      clearTimeout(timer)
      resolve(answer)
      void worker.terminate()
    }
    const timer = setTimeout(
      () => done(`no answer from the change-event check in ${PROBE_TIMEOUT_MS / 1000} s`),
      PROBE_TIMEOUT_MS
    )
    worker.once('message', (answer: string | null) => done(answer))
    worker.once('error', (error) => done(oneLineError(error)))
  })
}

/** Subscribes to `path`'s changes; throws with the one-line reason when they cannot be had. */
export async function subscribeChanges(
  path: string,
  callback: ChangeCallback
): Promise<AsyncSubscription> {
  if (process.platform === 'linux' && (holding === 0 || lost)) {
    const refused = await probeInotify(path)
    if (refused !== null) throw new Error(refused)
  }
  const subscription = await subscribe(path, (error, events) => {
    if (error) lost = true
    callback(error, events)
  })
  lost = false
  holding++
  let ended = false
  return {
    unsubscribe: async () => {
      if (ended) return
      ended = true
      holding--
      await subscription.unsubscribe()
    }
  }
}
