// A finished job's transcript exported to a watch folder's output folder, named by its template,
// never over an existing file (the pipeline's unique-name rule: pipeline/claimOutputNames.ts).
import type { JobRow } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import type { WatchFolder } from '@shared/watch'
import { writeOutputs } from '../../pipeline/writeOutputs'
import { exportBaseName } from './watchRules'

export async function autoExport(
  folder: WatchFolder,
  input: string,
  job: Pick<JobRow, 'engine' | 'model'>,
  transcript: Transcript,
  when: Date = new Date()
): Promise<string[]> {
  const base = exportBaseName(folder.nameTemplate, input, job, when)
  const written = await writeOutputs(transcript, folder.options.formats, folder.outputDir, base)
  return Object.values(written)
}
