// The request handlers: one per channel of the IPC contract, each a thin call into the commands,
// the repository or the ProcessManager. Every host (window, browser host, CLI) dispatches here.
import type { JobRow, OutputFormat } from '@shared/domain'
import type { RequestHandlers } from '@shared/ipc/contract'
import { listEngines } from '../../engines/registry'
import { importModel } from './modelImport'
import { dataPaths } from '../paths'
import {
  createJobs,
  deleteJob,
  releaseClient,
  retryJob,
  setKeepInBackground,
  stopJob
} from './jobCommands'
import { outputFilesOf } from './jobOutputs'
import { readTranscript } from '../transcripts/readTranscript'
import { resumeJob } from './resumeJob'
import { redoPassage } from './passageRedo'
import { resumeOffer } from './resumeCheck'
import { checkpointedWords } from './checkpointedWords'
import type { ServiceCore } from './serviceCore'
import { endpointHandlers } from './endpointHandlers'
import { transcriptHandlers } from '../transcripts/transcriptHandlers'
import { voiceHandlers } from '../voices/voiceHandlers'
import { withHeldOutcome } from '../db/outcomes'
import { LatestPerClient } from '../hosting/latestPerClient'
import { recordingHandlers } from './recordingHandlers'
import { mediaInFolder } from '../watch/folderFiles'

/** The queue page's ids and rows, each row as jobs.get shows it (with an outcome held in memory). */
function queueHandlers(
  core: ServiceCore
): Pick<RequestHandlers, 'jobs.queue' | 'jobs.getMany' | 'jobs.batch'> {
  const asSeen = (row: JobRow): JobRow => withHeldOutcome(row, core.pm.outcomes.pending(row.id))
  return {
    'jobs.queue': async ({ rows }) => {
      const snapshot = core.store.queue.snapshot(rows)
      return { ...snapshot, rows: snapshot.rows.map(asSeen) }
    },
    'jobs.getMany': async ({ ids }) => core.store.queue.rows(ids).map(asSeen),
    'jobs.batch': async () => core.store.batch.progress(core.settings.get().concurrentJobs)
  }
}

/** Every channel but the watch folders' (core/watch/watchServiceOf.ts answers those). */
export function createRequestHandlers(core: ServiceCore): Omit<RequestHandlers, `watch.${string}`> {
  const { repo, pm, settings, desktop, mustGet } = core
  const searches = new LatestPerClient()
  return {
    'jobs.create': async ({ paths, options, keepInBackground }, ctx) =>
      createJobs(core, paths, options, ctx, { keepInBackground }),
    'files.expandFolder': async ({ path }) => mediaInFolder(path),
    'jobs.list': async (filter) => repo.listJobs(filter),
    'history.query': async (filter, ctx) =>
      searches.run(ctx.clientId, (signal) => core.store.history.page(filter, signal)),
    ...queueHandlers(core),
    'jobs.get': async ({ id }) => core.rowOf(id),
    'jobs.delete': async ({ id }) => deleteJob(core, id),
    'jobs.stop': async ({ id }) => {
      mustGet(id)
      return stopJob(core, id, 'stopped by user')
    },
    'jobs.retry': async ({ id, model }, ctx) => retryJob(core, id, ctx, model),
    'jobs.resume': async ({ id }, ctx) => resumeJob(core, id, ctx),
    'jobs.redo': async (request, ctx) => redoPassage(core, request, ctx),
    'jobs.resumeOffer': async ({ id }) => resumeOffer(mustGet(id), core.dataDir),
    'jobs.setKeepInBackground': async ({ id, keep }) => setKeepInBackground(core, id, keep),
    'jobs.logs': async ({ id, lines }) => {
      mustGet(id)
      return pm.getLogs(id, lines)
    },
    'jobs.processStatus': async ({ id }) => {
      mustGet(id)
      return core.requests.annotateStatus(id, await pm.getProcessStatus(id))
    },
    'jobs.metricsHistory': async ({ id }) => pm.getMetricsHistory(id),
    'jobs.transcript': async ({ id }) => readTranscript(mustGet(id), core.store.transcripts),
    ...transcriptHandlers({
      transcripts: core.store.transcripts,
      saver: core.saver,
      mustGet,
      changed: (change) => core.hub.emit('transcript.changed', change)
    }),
    ...voiceHandlers(core.store.db, mustGet),
    'jobs.liveWords': async ({ id }) => {
      const live = core.liveWords.get(id)
      const status = mustGet(id).status
      const stopped = status === 'failed' || status === 'cancelled'
      return live.chunks.length === 0 && stopped ? checkpointedWords(core.dataDir, id) : live
    },
    'jobs.openOutput': async ({ id, format }) => {
      const path = outputPath(core, id, format)
      return { opened: desktop ? await desktop.openPath(path) : false, path }
    },
    'jobs.revealOutput': async ({ id, format }) => {
      const path = outputPath(core, id, format)
      return { revealed: desktop ? desktop.revealPath(path) : false, path }
    },
    'client.leavingPage': async ({ page, nextPage }, ctx) => {
      const reason = `left the ${page} page${nextPage ? ` for ${nextPage}` : ''}`
      if (!settings.get().autoStopOnLeave) return { stopped: [], reason: 'automatic stop is off' }
      const notice = await releaseClient(core, ctx.clientId, reason)
      return { stopped: notice.jobs, reason }
    },
    'settings.get': async () => settings.get(),
    'settings.set': async ({ settings: next }) => settings.set(next),
    'engines.list': async () => listEngines({ modelsDir: dataPaths(core.dataDir).models }),
    ...endpointHandlers(core.endpointDeps),
    'models.list': async () => core.models.list(),
    'models.pull': async ({ name }) => {
      // The request answers at once; failures arrive as a 'failed' progress event with the reason.
      core.models.pull(name).catch(() => undefined)
      const started = core.models.downloads().some((d) => d.name === name)
      if (!started) await core.models.pull(name) // an unknown name: throw its one line here
      return { started }
    },
    'models.cancel': async ({ name }) => ({ cancelled: core.models.cancel(name) }),
    'models.delete': async ({ name, kind }) => core.models.remove(name, kind),
    'models.import': async ({ path, name, kind }) =>
      importModel(core.models, core.dataDir, path, { name, kind }),
    ...recordingHandlers(core)
  }
}

/** The path of one of the job's outputs; throws when the job has none in that format. */
function outputPath(core: Pick<ServiceCore, 'mustGet'>, id: number, format: OutputFormat): string {
  const path = outputFilesOf(core.mustGet(id))[format]
  if (!path) throw new Error(`job ${id} has no ${format} output`)
  return path
}
