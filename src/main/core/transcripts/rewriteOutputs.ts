// An edit reaches the files on disk too: a user who corrects a word and then opens talk.srt in a
// video editor expects the correction there. A file is rewritten only when it still holds exactly
// what the previous version renders to, so a file changed outside the app (a user's own edit in a
// text editor) is never overwritten; it is reported instead. Writes are atomic (temp + rename).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { OUTPUT_FORMATS, type OutputFiles } from '@shared/domain'
import { type Transcript, type TranscriptFiles } from '@shared/transcript'
import { oneLineError } from '@shared/errors'
import { renderFormat } from '../../pipeline/formats'

export function rewriteOutputs(
  outputs: OutputFiles,
  before: Transcript,
  after: Transcript,
  ownedByOther: (path: string) => boolean
): TranscriptFiles {
  const files: TranscriptFiles = { updated: [], left: [] }
  const leave = (path: string, why: string): void => void files.left.push({ path, why })
  for (const format of OUTPUT_FORMATS) {
    const path = outputs[format]
    if (!path || !existsSync(path) || ownedByOther(path)) continue
    let current: string
    try {
      current = readFileSync(path, 'utf8')
    } catch (error) {
      leave(path, `could not be read (${oneLineError(error)})`)
      continue
    }
    const labelled = (t: Transcript): Transcript =>
      format === 'json' ? withLabelsOf(current, t) : t
    const next = renderFormat(format, labelled(after))
    if (current === next) continue
    if (current !== renderFormat(format, labelled(before))) {
      leave(path, 'changed outside Transcriptor')
      continue
    }
    // Not named after the file: its name may already be as long as a name can be.
    const temp = join(dirname(path), `.transcriptor-${process.pid}.${format}.edit.tmp`)
    try {
      writeFileSync(temp, next, 'utf8')
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
function withLabelsOf(json: string, t: Transcript): Transcript {
  if (t.language !== undefined) return t
  try {
    const file = JSON.parse(json) as Partial<Transcript>
    if (typeof file.language !== 'string') return t
    return { ...t, language: file.language, ...(file.task !== undefined && { task: file.task }) }
  } catch {
    return t
  }
}
