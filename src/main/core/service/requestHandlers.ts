// The request handlers: one per channel of the IPC contract, each a thin call into the commands,
// the repository or the ProcessManager. Every host (window, browser host, CLI) dispatches here.
import type { OutputFormat } from '@shared/domain'
import type { RequestHandlers } from '@shared/ipc/contract'
import { listEngines } from '../../engines/registry'
import { dataPaths } from '../paths'
import {
  createJobs,
  deleteJob,
  releaseClient,
  retryJob,
  setKeepInBackground,
  stopJob
} from './jobCommands'
import { outputFilesOf, readTranscript } from './jobOutputs'
import type { ServiceCore } from './serviceCore'

export function createRequestHandlers(core: ServiceCore): RequestHandlers {
  const { repo, pm, settings, desktop, mustGet } = core
  return {
    'jobs.create': async ({ paths, options }, ctx) => createJobs(core, paths, options, ctx),
    'jobs.list': async (filter) => repo.listJobs(filter),
    'jobs.get': async ({ id }) => core.rowOf(id),
    'jobs.delete': async ({ id }) => deleteJob(core, id),
    'jobs.stop': async ({ id }) => {
      mustGet(id)
      return stopJob(core, id, 'stopped by user')
    },
    'jobs.retry': async ({ id }, ctx) => retryJob(core, id, ctx),
    'jobs.setKeepInBackground': async ({ id, keep }) => setKeepInBackground(core, id, keep),
    'jobs.logs': async ({ id, lines }) => {
      mustGet(id)
      return pm.getLogs(id, lines)
    },
    'jobs.processStatus': async ({ id }) => {
      mustGet(id)
      return pm.getProcessStatus(id)
    },
    'jobs.metricsHistory': async ({ id }) => pm.getMetricsHistory(id),
    'jobs.transcript': async ({ id }) => readTranscript(mustGet(id)),
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
    'engines.list': async () => listEngines({ modelsDir: dataPaths(core.dataDir).models })
  }
}

/** The path of one of the job's outputs; throws when the job has none in that format. */
function outputPath(core: ServiceCore, id: number, format: OutputFormat): string {
  const path = outputFilesOf(core.mustGet(id))[format]
  if (!path) throw new Error(`job ${id} has no ${format} output`)
  return path
}
