// Outputs are written atomically: to a temp name in the same directory, then renamed, so a
// reader (or a crash) never sees half a transcript.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { OutputFormat, Transcript } from '@shared/domain'
import { renderFormat } from './formats'

/** The output directory cannot be used; worded for the user. */
export class OutputError extends Error {}

/** Fails early (before any transcription work) when the output directory cannot be created. */
export async function ensureOutputDir(outputDir: string): Promise<void> {
  try {
    await mkdir(outputDir, { recursive: true })
  } catch (err) {
    throw new OutputError(`cannot create output directory ${outputDir}: ${(err as Error).message}`)
  }
}

export async function writeOutputs(
  transcript: Transcript,
  formats: OutputFormat[],
  outputDir: string,
  baseName: string
): Promise<Partial<Record<OutputFormat, string>>> {
  await ensureOutputDir(outputDir)
  const written: Partial<Record<OutputFormat, string>> = {}
  for (const format of [...new Set(formats)]) {
    const safeBase = baseName.replace(/[/\\\0]/g, '_') || 'transcript'
    const finalPath = join(outputDir, `${safeBase}.${format}`)
    const tempPath = join(outputDir, `.${safeBase}.${format}.${process.pid}.tmp`)
    try {
      await writeFile(tempPath, renderFormat(format, transcript), 'utf8')
      await rename(tempPath, finalPath)
    } catch (err) {
      await rm(tempPath, { force: true }).catch(() => undefined)
      throw new OutputError(`cannot write ${finalPath}: ${(err as Error).message}`)
    }
    written[format] = finalPath
  }
  return written
}
