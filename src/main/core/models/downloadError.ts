// What can go wrong in a model download, by how the download loop reacts: a DownloadError is
// final (its message is the one line the user sees), a DroppedError is retried with Range, a
// RestartError starts over from byte 0, a DiscardError is final and also removes the .part (a
// full disk, a body past its size cap).
import { formatBytes } from '@shared/byteText'

export class DownloadError extends Error {}

export class DiscardError extends DownloadError {}

export class RestartError extends Error {}

export class DroppedError extends Error {
  constructor(received: number, total: number | null, why = 'connection dropped') {
    super(`${why} at ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`)
  }
}
