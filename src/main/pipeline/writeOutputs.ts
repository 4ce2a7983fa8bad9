// Outputs are written atomically: to a temp name in the same directory, then renamed, so a
// reader (or a crash) never sees half a transcript. The names are claimed first, so a job never
// overwrites another job's files in a shared folder (claimOutputNames.ts).
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { OutputFormat } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import { renderFormat } from './formats'
import { claimOutputNames, fitBaseName } from './claimOutputNames'
import { oneLineError } from '@shared/errors'

/** The output directory cannot be used; worded for the user. */
export class OutputError extends Error {}

/** Fails early (before any transcription work) when the output directory cannot be created. */
export async function ensureOutputDir(outputDir: string): Promise<void> {
  try {
    await mkdir(outputDir, { recursive: true })
  } catch (err) {
    throw new OutputError(`cannot create output directory ${outputDir}: ${oneLineError(err)}`)
  }
}

/**
 * Claims a unique name for every format (empty placeholders, ours to fill) and returns them,
 * synchronously: see claimOutputNames.
 */
export function claimOutputsSync(
  formats: OutputFormat[],
  outputDir: string,
  baseName: string
): Record<OutputFormat, string> {
  try {
    mkdirSync(outputDir, { recursive: true })
  } catch (err) {
    throw new OutputError(`cannot create output directory ${outputDir}: ${oneLineError(err)}`)
  }
  const unique = [...new Set(formats)]
  try {
    return claimOutputNames(outputDir, fitBaseName(safeBaseName(baseName), unique), unique)
  } catch (err) {
    throw new OutputError(`cannot create files in ${outputDir}: ${oneLineError(err)}`)
  }
}

const safeBaseName = (baseName: string): string => baseName.replace(/[/\\\0]/g, '_') || 'transcript'

/** Writes every format under the names claimed for it now, or by `claimed` (claimOutputsSync). */
export async function writeOutputs(
  transcript: Transcript,
  formats: OutputFormat[],
  outputDir: string,
  baseName: string,
  claimed?: Record<OutputFormat, string>
): Promise<Partial<Record<OutputFormat, string>>> {
  await ensureOutputDir(outputDir)
  const unique = [...new Set(formats)]
  claimed ??= claimOutputsSync(formats, outputDir, baseName)
  const written: Partial<Record<OutputFormat, string>> = {}
  for (const format of unique) {
    const finalPath = claimed[format]
    // Not named after the output (that name may already be as long as a name can be), and
    // unique even for two writes in one process.
    const tempPath = join(outputDir, `.transcriptor-${randomUUID()}.${format}.tmp`)
    try {
      await writeFile(tempPath, renderFormat(format, transcript), 'utf8')
      await rename(tempPath, finalPath)
    } catch (err) {
      await rm(tempPath, { force: true }).catch(() => undefined)
      // The empty placeholders not yet filled are ours: leave no stray empty files behind.
      for (const f of unique.filter((u) => !written[u] && u !== format))
        await rm(claimed[f], { force: true }).catch(() => undefined)
      throw new OutputError(`cannot write ${finalPath}: ${oneLineError(err)}`)
    }
    written[format] = finalPath
  }
  return written
}
