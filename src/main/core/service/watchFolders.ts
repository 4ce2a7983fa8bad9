// The service's watcher (core/watch/watchService.ts) and its request handlers (Settings → Watch
// folders), built once per service from its core. The jobs it creates belong to a client of their
// own, so a window that closes does not stop them; shutting the host down does (they resume at
// the next start).
import type { RequestHandlers } from '@shared/ipc/contract'
import type { WatchDeps } from '../watch/watchDeps'
import { WatchRepository } from '../watch/watchRepository'
import { WatchService } from '../watch/watchService'
import { readTranscript } from '../transcripts/readTranscript'
import { createJobs, stopJob } from './jobCommands'
import { jobColumnsOf, withDefaults } from './jobOptions'
import { resumeJob } from './resumeJob'
import type { ServiceCore } from './serviceCore'

export type { WatchService } from '../watch/watchService'

export function watchDepsOf(core: ServiceCore): WatchDeps {
  return {
    createJob: async (path, options, ctx) =>
      (await createJobs(core, [path], options, ctx)).created[0],
    // The columns the folder's job would be created with (createJobs: the same defaults).
    jobWithContent: (hash, options) =>
      core.repo.standingContent(hash, jobColumnsOf(withDefaults(options, core.settings.get()))),
    setContentHash: (id, hash) => void core.repo.setContentHash(id, hash),
    getJob: (id) => core.rowOf(id),
    resumeJob: (id, ctx) => resumeJob(core, id, ctx),
    stopJob: (id, reason) => stopJob(core, id, reason),
    transcript: (id) => {
      const job = core.rowOf(id)
      return job && readTranscript(job, core.store.transcripts)
    },
    onJobUpdated: (listener) => core.hub.on('job.updated', listener),
    concurrentJobs: () => core.settings.get().concurrentJobs
  }
}

type WatchChannel = 'watch.list' | 'watch.add' | 'watch.remove' | 'watch.setPaused'

export function watchServiceOf(core: ServiceCore): {
  service: WatchService
  handlers: Pick<RequestHandlers, WatchChannel>
} {
  const service = new WatchService({
    deps: watchDepsOf(core),
    repo: new WatchRepository(core.store.db),
    client: { clientId: `watch-${core.instanceId}` },
    settleMs: 2000,
    log: (line) => process.stderr.write(`[watch] ${line}\n`),
    onStatus: (status) => core.hub.emit('watch.status', status)
  })
  return {
    service,
    handlers: {
      'watch.list': async () => service.list(),
      'watch.add': async (input) => service.addAndWatch(input),
      'watch.remove': async ({ id }) => ({ removed: await service.remove(id) }),
      'watch.setPaused': async ({ id, paused }) => service.setPaused(id, paused)
    }
  }
}
