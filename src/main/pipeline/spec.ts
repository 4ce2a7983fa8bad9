// Reading the pipeline's command line: `pipeline.js [--supervised] --spec '<json>'`. The spec is
// validated here so a bad one fails with a clear line instead of deep inside the run.
import { PipelineSpecSchema, type PipelineSpec } from '@shared/pipelineProtocol'

export interface PipelineArgs {
  spec: PipelineSpec
  /** Started by the ProcessManager: stdin is the control pipe, so its EOF means the parent is gone. */
  supervised: boolean
}

export function parsePipelineArgs(argv: string[]): PipelineArgs {
  const specIndex = argv.indexOf('--spec')
  if (specIndex < 0 || specIndex + 1 >= argv.length)
    throw new Error('usage: pipeline.js [--supervised] --spec JSON')
  let raw: unknown
  try {
    raw = JSON.parse(argv[specIndex + 1])
  } catch {
    throw new Error('invalid --spec: not JSON')
  }
  const parsed = PipelineSpecSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`invalid --spec: ${issue.path.join('.')}: ${issue.message}`)
  }
  return { spec: parsed.data, supervised: argv.includes('--supervised') }
}
