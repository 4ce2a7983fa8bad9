// The spec the app would send for a job with the default settings, writing under `dir`: pipeline
// tests change only what they are about.
import { join } from 'node:path'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import type { PipelineSpec } from '@shared/pipelineProtocol'

export function makeSpec(
  dir: string,
  inputPath: string,
  overrides: Partial<PipelineSpec> = {}
): PipelineSpec {
  const { outputDir: _sameAsDataDir, ...options } = jobOptionsIn(DEFAULT_SETTINGS)
  return {
    ...options,
    jobId: 1,
    inputPath,
    outputDir: join(dir, 'out'),
    outputBaseName: 'transcript',
    tempDir: join(dir, 'tmp', 'job-1'),
    ...overrides
  }
}
