// A finished job's transcript exported to a watch folder's output folder, named by its template,
// never over an existing file (the pipeline's unique-name rule: pipeline/claimOutputNames.ts).
// The names are claimed and handed to `claimed` before anything is written, so that an export a
// crash cut off is finished under the names it had claimed rather than beside them as `name (2)`.
import type { JobRow, OutputFormat } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import type { WatchFolder } from '@shared/watch'
import { claimOutputsSync, writeOutputs } from '../../pipeline/writeOutputs'
import { exportBaseName } from './watchRules'

export interface ExportClaim {
  /** The names an earlier export of this file claimed before it was cut off, if any. */
  earlier: string[] | null
  /** Records the names claimed now, before they are written. */
  claimed: (paths: string[]) => void
}

export async function autoExport(
  folder: WatchFolder,
  input: string,
  job: Pick<JobRow, 'engine' | 'model'>,
  transcript: Transcript,
  claim: ExportClaim,
  when: Date = new Date()
): Promise<string[]> {
  const formats = folder.options.formats
  const base = exportBaseName(folder.nameTemplate, input, job, when)
  let names = earlierNames(formats, claim.earlier)
  if (!names) {
    // Claimed and recorded in one tick: no kill can find them claimed but not recorded.
    names = claimOutputsSync(formats, folder.outputDir, base)
    claim.claimed(Object.values(names))
  }
  const written = await writeOutputs(transcript, formats, folder.outputDir, base, names)
  return Object.values(written)
}

/** The earlier claim by format, when it named a file for every format wanted now. */
function earlierNames(
  formats: OutputFormat[],
  earlier: string[] | null
): Record<OutputFormat, string> | null {
  if (!earlier) return null
  const byFormat = formats.map((f) => [f, earlier.find((p) => p.endsWith(`.${f}`))] as const)
  if (byFormat.some(([, p]) => p === undefined)) return null
  return Object.fromEntries(byFormat) as Record<OutputFormat, string>
}
