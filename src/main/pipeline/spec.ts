// Reading the pipeline's command line: `pipeline.js [--supervised] --spec '<json>'`. The spec is
// validated here so a bad one fails with a clear line instead of deep inside the run.
import { PipelineSpecSchema, type PipelineSpec } from '@shared/pipelineProtocol'
import { specJson } from './specJson'

export interface PipelineArgs {
  spec: PipelineSpec
  /** Started by the ProcessManager: stdin is the control pipe, so its EOF means the parent is gone. */
  supervised: boolean
}

export function parsePipelineArgs(argv: string[]): PipelineArgs {
  const parsed = PipelineSpecSchema.safeParse(specJson(argv))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`invalid --spec: ${issue.path.join('.')}: ${issue.message}`)
  }
  return { spec: parsed.data, supervised: argv.includes('--supervised') }
}
