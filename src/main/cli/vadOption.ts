// `--vad silero|energy|off` and `--vad-model NAME|PATH`: which detector decides what is speech,
// and its model. A relative path means "from where I typed the command": resolved here, in the
// user's shell (the job runs elsewhere); a NAME is looked up in the models folder by the pipeline
// (src/main/pipeline/vadModelPath.ts).
import { resolve } from 'node:path'
import { VAD_CHOICES, type JobOptions } from '@shared/domain'
import { UsageError, stringOption, type OptionValues } from './command'

export function vadOptions(values: OptionValues): Pick<JobOptions, 'vad' | 'vadModel'> {
  const vad = stringOption(values, 'vad')
  if (vad !== undefined && !(VAD_CHOICES as readonly string[]).includes(vad))
    throw new UsageError(`--vad takes ${VAD_CHOICES.join(', ')}, got '${vad}'`)
  const model = stringOption(values, 'vad-model')?.trim()
  if (model === '') throw new UsageError('--vad-model needs a model name or a file path')
  const isPath = model !== undefined && (/[/\\]/.test(model) || model.endsWith('.bin'))
  return {
    ...(vad !== undefined && { vad: vad as (typeof VAD_CHOICES)[number] }),
    ...(model !== undefined && { vadModel: isPath ? resolve(model) : model })
  }
}
