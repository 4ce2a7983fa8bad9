// Checks a path a user asked to transcribe before any process starts, so the commonest mistakes
// get a one-line reason at once. Deeper problems (not media, no audio) are found by the pipeline.
// Asynchronous: the path is the user's (a network mount can take seconds to answer a stat), and
// the host's event loop serves every client meanwhile.
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { fileKind } from '../../os/regularFile'

/** Resolves with null when the file is worth handing to the pipeline, else the reason it is not. */
export async function inputProblem(path: string): Promise<string | null> {
  if (!isAbsolute(path)) return `not an absolute path: ${path}`
  // A name that is not valid UTF-8 reaches us with U+FFFD in place of its bytes: that name does
  // not exist on disk, and "file not found" would send the user looking for the wrong problem.
  if (path.includes('\uFFFD')) {
    return 'the file name is not valid UTF-8, so it cannot be opened by name: rename the file'
  }
  let size: number
  try {
    const st = await stat(path)
    if (st.isDirectory()) return 'is a folder, not a file (drop the files inside it)'
    if (!st.isFile()) return `is ${fileKind(st)}, not a file`
    size = st.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'file not found'
    if (code === 'EACCES') return 'permission denied: the file cannot be read'
    return `cannot read the file (${code ?? String(error)})`
  }
  try {
    await access(path, constants.R_OK)
  } catch {
    return 'permission denied: the file cannot be read'
  }
  if (size === 0) return 'file is empty'
  return null
}
