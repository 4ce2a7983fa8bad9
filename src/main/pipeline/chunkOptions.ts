// What the engine is told for each chunk, from the pipeline spec: the same for a file's chunks
// (chunkRun.ts) and a recording's (liveRecording.ts).
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { ChunkOptions } from '../engines/types'
import { threadsPerProcess } from './threadsPerProcess'

export function chunkOptions(
  spec: PipelineSpec,
  signal: AbortSignal,
  extra: Pick<ChunkOptions, 'onProgress' | 'audioSeconds' | 'temperature'> = {}
): ChunkOptions {
  return {
    model: spec.model,
    modelsDir: spec.modelsDir,
    threads: threadsPerProcess(spec.workers, spec.processes),
    signal,
    scratchDir: spec.tempDir,
    language: spec.language,
    translate: spec.translate,
    ...extra
  }
}
