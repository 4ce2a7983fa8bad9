// A job never starts with a whisper model that is not installed: jobs.create (and Retry, which
// goes through it) refuses at once with the reason, instead of a job that fails in its pipeline.
import type { JobOptions } from '@shared/domain'
import { resolveWhisperModel } from '../../engines/whisper'
import { dataPaths } from '../paths'

/** Null when the options' model can be used, else one line that says what to do. */
export function modelProblem(
  options: Pick<JobOptions, 'engine' | 'model'>,
  dataDir: string
): string | null {
  if (options.engine !== 'whisper') return null
  if (resolveWhisperModel(options.model, { modelsDir: dataPaths(dataDir).models })) return null
  const what = options.model
    ? `whisper model '${options.model}' is not installed`
    : 'no whisper model is installed'
  return `${what}: download or import one in Settings → Whisper models (or \`transcriptor models pull\`), or choose an installed model`
}
