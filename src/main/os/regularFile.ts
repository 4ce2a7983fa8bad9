// Opening a file a user named, from a process that must not stall. A named pipe blocks open() until
// a writer comes (forever, for a pipe nobody writes to), a device can block a read, and a folder
// only fails at the first read: so the file is opened non-blocking and what was opened is checked
// (fstat of the descriptor, not a stat of the name, so a swap between check and read is caught).
import { constants, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

/** A file that cannot be read as a regular file; its message is one line for the user. */
export class NotRegularFileError extends Error {}

/** What a non-regular file is, in words a user knows ("a named pipe (FIFO)"). */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return 'a regular file'
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

function openFailure(path: string, err: NodeJS.ErrnoException): NotRegularFileError {
  const why =
    err.code === 'ENOENT'
      ? 'file not found'
      : err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : err.code === 'ELOOP'
          ? 'too many levels of symbolic links'
          : `cannot open it (${err.code ?? err.message})`
  return new NotRegularFileError(`${path}: ${why}`)
}

/**
 * Opens `path` for reading if it is a regular file; otherwise throws a NotRegularFileError naming
 * what it is. The caller closes the handle.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    throw openFailure(path, err as NodeJS.ErrnoException)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new NotRegularFileError(`${path} is ${fileKind(stats)}, not a file`)
    return { handle, stats }
  } catch (err) {
    await handle.close()
    throw err
  }
}
