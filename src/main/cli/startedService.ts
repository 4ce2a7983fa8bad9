// The service started for a command that runs jobs in this process (transcribe, record, watch,
// jobs resume, jobs redo): the same service every command opens (ctx.service(), the CLI's
// options), started while the command works (heartbeat, and the reaper first, so a job whose
// process was killed is turned from `processing` before the command looks at it). Ctrl-C or
// SIGTERM is taken once while it runs (stopSignal.ts). The service is shut down here, whatever
// happened, which stops every job it still runs; a shutdown that fails fails the command (the
// dispatcher's shutdown after it does nothing more).
import { oneLineError } from '@shared/errors'
import type { TranscriptionService } from '../core/service/transcriptionService'
import { CLI_CLIENT, COMMAND_FINISHED, type CommandContext } from './command'
import { onStopSignal } from './stopSignal'

/** Why a job this command stopped was stopped, as its row and log keep it. */
export function interruptedReason(signal: NodeJS.Signals): string {
  return `interrupted (${signal}) from the command line`
}

export interface StartedService {
  readonly service: TranscriptionService
  /** The signal that asked to stop, or null while none has. */
  readonly interrupted: NodeJS.Signals | null
  /** Stops the jobs this command owns, queued or running, with the signal as their reason: the
   *  CLI leaves as a closed window does (a recording it makes ends, and is transcribed). */
  stopJobs(signal: NodeJS.Signals): Promise<void>
}

export interface ServiceCommand {
  /** What the first Ctrl-C or SIGTERM does (a second is ignored). A signal that comes before
   *  the jobs exist finds none to stop: `work` checks `interrupted` once it has made them. */
  onStop: (signal: NodeJS.Signals, started: StartedService) => void
  /** The command's work with the service running; its exit code. */
  work: (started: StartedService) => Promise<number>
}

export async function withStartedService(
  ctx: CommandContext,
  command: ServiceCommand
): Promise<number> {
  const service = ctx.service()
  const started: StartedService = {
    service,
    get interrupted() {
      return interrupted.received
    },
    stopJobs: async (signal) => {
      try {
        await service.releaseClient(CLI_CLIENT.clientId, interruptedReason(signal))
      } catch (error) {
        process.stderr.write(`stopping failed: ${oneLineError(error)}\n`)
      }
    }
  }
  const interrupted = onStopSignal((signal) => command.onStop(signal, started))
  try {
    await service.start()
    return await command.work(started)
  } finally {
    interrupted.off()
    await service.shutdown(COMMAND_FINISHED)
  }
}
