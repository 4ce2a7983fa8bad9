// An edit reaches the files on disk too: a user who corrects a word and then opens talk.srt in a
// video editor expects the correction there. A file is rewritten only when it still holds exactly
// what the previous version renders to, so a file changed outside the app (a user's own edit in a
// text editor) is never overwritten; it is reported instead. Writes are atomic (temp + rename).
// Rendering (the costly part for a long transcript) and writing are two steps, so a save renders
// before it takes the database's write lock and holds it only to compare and write
// (src/main/core/transcripts/saveChange.ts).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { OUTPUT_FORMATS, type OutputFiles, type OutputFormat } from '@shared/domain'
import { type Transcript, type TranscriptFiles } from '@shared/transcript'
import { oneLineError } from '@shared/errors'
import { renderFormat } from '../../pipeline/formats'

/** One output file: what the previous version renders to, and what the new one does. */
export interface RenderedOutput {
  format: OutputFormat
  path: string
  before: string
  after: string
}

export function rewriteOutputs(
  outputs: OutputFiles,
  before: Transcript,
  after: Transcript,
  ownedByOther: (path: string) => boolean
): TranscriptFiles {
  return writeRendered(renderOutputs(outputs, before, after), outputs, ownedByOther)
}

/** Both versions of every output file the job has on disk, rendered; nothing is written. */
export function renderOutputs(
  outputs: OutputFiles,
  before: Transcript,
  after: Transcript,
  /** What `before` renders to, when already known (the previous save rendered it). */
  known: (path: string) => string | undefined = () => undefined
): RenderedOutput[] {
  const rendered: RenderedOutput[] = []
  for (const format of OUTPUT_FORMATS) {
    const path = outputs[format]
    if (!path || !existsSync(path)) continue
    const labelled = (t: Transcript): Transcript => (format === 'json' ? withLabelsOf(path, t) : t)
    rendered.push({
      format,
      path,
      before: known(path) ?? renderFormat(format, labelled(before)),
      after: renderFormat(format, labelled(after))
    })
  }
  return rendered
}

/**
 * Writes each rendered file that still holds its previous version and is still the job's
 * (`outputs`, read again under the lock; not another job's).
 */
export function writeRendered(
  rendered: readonly RenderedOutput[],
  outputs: OutputFiles,
  ownedByOther: (path: string) => boolean
): TranscriptFiles {
  const files: TranscriptFiles = { updated: [], left: [] }
  const leave = (path: string, why: string): void => void files.left.push({ path, why })
  for (const { format, path, before, after } of rendered) {
    if (outputs[format] !== path || !existsSync(path) || ownedByOther(path)) continue
    let current: string
    try {
      current = readFileSync(path, 'utf8')
    } catch (error) {
      leave(path, `could not be read (${oneLineError(error)})`)
      continue
    }
    if (current === after) continue
    if (current !== before) {
      leave(path, 'changed outside Transcriptor')
      continue
    }
    // Not named after the file: its name may already be as long as a name can be.
    const temp = join(dirname(path), `.transcriptor-${process.pid}.${format}.edit.tmp`)
    try {
      writeFileSync(temp, after, 'utf8')
      renameSync(temp, path)
      files.updated.push(path)
    } catch (error) {
      rmSync(temp, { force: true })
      leave(path, `could not be written (${oneLineError(error)})`)
    }
  }
  return files
}

/**
 * A transcript stored before language and task were kept (and the edits made of it) lacks them;
 * its json file has them. Taken from the file, so that file is still recognised as the engine's
 * and keeps them when rewritten.
 */
function withLabelsOf(path: string, t: Transcript): Transcript {
  if (t.language !== undefined) return t
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<Transcript>
    if (typeof file.language !== 'string') return t
    return { ...t, language: file.language, ...(file.task !== undefined && { task: file.task }) }
  } catch {
    return t
  }
}
