// One job that a command runs in this process until it ends (`jobs resume`, `jobs redo`): the
// service started (the reaper runs first), the job begun, Ctrl-C or SIGTERM stops it through the
// service (said once on stderr, exit 130), the ended job reported while the service still runs,
// and the service shut down whatever happened.
import type { JobRow } from '@shared/domain'
import { CLI_CLIENT, type CommandContext } from './command'
import { onStopSignal } from './stopSignal'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../core/service/transcriptionService'

export interface OneJobHere {
  /** The service may take an endpoint's API key from the environment. */
  envKeyAllowed?: boolean
  /** The job's id when it is known before it begins (a signal stops it from the start). */
  id?: number
  /** Begins the job once the service runs; its id. `note` writes a line on stderr (not in --json). */
  begin: (service: TranscriptionService, note: (text: string) => void) => Promise<number>
  /** The stderr line when a signal stops the job. */
  stopping: (id: number) => string
  /** Writes the ended job's result; the exit code (130 instead after a signal). */
  report: (job: JobRow) => number
}

export async function runOneJobHere(ctx: CommandContext, run: OneJobHere): Promise<number> {
  const service = createTranscriptionService({
    dataDir: ctx.dataDir,
    envKeyAllowed: run.envKeyAllowed === true
  })
  const note = (text: string): void => {
    if (!ctx.json) process.stderr.write(`${text}\n`)
  }
  let id = run.id ?? null
  const state = { stopSent: false }
  const stopJob = (): void => {
    if (state.stopSent || id === null) return
    state.stopSent = true
    note(run.stopping(id))
    service.handlers['jobs.stop']({ id }, CLI_CLIENT).catch((e: unknown) => note(String(e)))
  }
  const interrupted = onStopSignal(stopJob)
  try {
    await service.start()
    id = await run.begin(service, note)
    // A signal that came before the job had an id stops it now that it has one.
    if (interrupted.received) stopJob()
    const [job] = await service.waitForJobs([id])
    const code = run.report(job)
    return state.stopSent ? 130 : code
  } finally {
    interrupted.off()
    await service.shutdown('command finished')
  }
}
