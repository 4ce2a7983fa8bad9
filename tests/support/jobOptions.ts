// The job options the service tests start from: one pocketsphinx process, a text output.
import type { JobOptions } from '@shared/domain'

/** Small, quick job options; override what the test is about. */
export function testJobOptions(overrides: Partial<JobOptions> = {}): JobOptions {
  return {
    engine: 'pocketsphinx',
    model: '',
    processes: 1,
    workers: 1,
    chunkSeconds: 30,
    overlapSeconds: 2,
    formats: ['txt'],
    outputDir: '',
    ...overrides
  }
}
