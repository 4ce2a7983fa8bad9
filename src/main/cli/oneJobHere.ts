// One job that a command runs in this process until it ends (`jobs resume`, `jobs redo`): the
// service started (startedService.ts), the job begun, Ctrl-C or SIGTERM stops it (said once on
// stderr, exit 130), and the ended job reported while the service still runs.
import type { JobRow } from '@shared/domain'
import type { CommandContext } from './command'
import { withStartedService, type StartedService } from './startedService'
import type { TranscriptionService } from '../core/service/transcriptionService'

export interface OneJobHere {
  /** Begins the job once the service runs; its id. `note` writes a line on stderr (not in --json). */
  begin: (service: TranscriptionService, note: (text: string) => void) => Promise<number>
  /** The stderr line when a signal stops the job. */
  stopping: (id: number) => string
  /** Writes the ended job's result; the exit code (130 instead after a signal). */
  report: (job: JobRow) => number
}

export async function runOneJobHere(ctx: CommandContext, run: OneJobHere): Promise<number> {
  const note = (text: string): void => {
    if (!ctx.json) process.stderr.write(`${text}\n`)
  }
  let id: number | null = null
  let said = false
  // Until the job has begun there is nothing to stop: a signal then is acted on once it has.
  const stopJob = (signal: NodeJS.Signals, started: StartedService): void => {
    if (id === null) return
    if (!said) note(run.stopping(id))
    said = true
    void started.stopJobs(signal)
  }
  return withStartedService(ctx, {
    onStop: stopJob,
    work: async (started) => {
      id = await run.begin(started.service, note)
      if (started.interrupted) stopJob(started.interrupted, started)
      const [job] = await started.service.waitForJobs([id])
      const code = run.report(job)
      return started.interrupted ? 130 : code
    }
  })
}
