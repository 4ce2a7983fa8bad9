// The pipeline's failures as the one line a user reads: errors that already carry that line keep
// it, anything else is an internal error.
import { oneLineError } from '@shared/errors'
import { MediaToolsMissingError } from '../media/ffmpeg'
import { BadInputError } from '../media/mediaProbe'
import { EngineUnavailableError } from '../engines/types'
import { ServersExhaustedError } from './chunkPool'
import { ResumeRefusedError } from './preparedChunks'
import { OutputError } from './writeOutputs'
import { WorkSpaceError } from './workSpace'

/** A failure with a message meant for the user. */
export class PipelineFailure extends Error {}

/** Errors whose message is already the one line a user should read. */
function userMessage(err: unknown): string | null {
  if (
    err instanceof BadInputError ||
    err instanceof OutputError ||
    err instanceof EngineUnavailableError ||
    err instanceof MediaToolsMissingError ||
    err instanceof PipelineFailure ||
    err instanceof ServersExhaustedError ||
    err instanceof ResumeRefusedError ||
    err instanceof WorkSpaceError
  ) {
    return err.message
  }
  return null
}

export function describeFailure(err: unknown): string {
  return userMessage(err) ?? `internal error: ${oneLineError(err)}`
}
