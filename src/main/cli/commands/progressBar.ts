// Download progress for a terminal: a bar redrawn in place on a TTY, plain lines (at most one a
// second) otherwise, so logs and CI output stay readable.
import { formatBytes } from '@shared/byteText'
import { clockText } from '@shared/clockText'
import type { DownloadProgress } from '@shared/models'

const eta = (seconds: number | null): string => (seconds === null ? '--:--' : clockText(seconds))

export function describeProgress(p: DownloadProgress): string {
  const total = p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''
  const pct = p.totalBytes ? ` ${Math.floor((p.receivedBytes / p.totalBytes) * 100)}%` : ''
  return `${p.name}:${pct} ${formatBytes(p.receivedBytes)}${total}, ${formatBytes(p.bytesPerSecond)}/s, ETA ${eta(p.etaSeconds)}`
}

export function progressPrinter(stream: NodeJS.WriteStream): {
  update: (p: DownloadProgress) => void
  end: () => void
} {
  const tty = stream.isTTY === true
  let last = 0
  let drawn = false
  return {
    update(p) {
      if (p.state !== 'downloading') return
      if (tty) {
        const width = 30
        const filled = p.totalBytes ? Math.round((p.receivedBytes / p.totalBytes) * width) : 0
        const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
        stream.write(`\r${bar} ${describeProgress(p)}\x1b[K`)
        drawn = true
      } else if (Date.now() - last >= 1000) {
        last = Date.now()
        stream.write(`${describeProgress(p)}\n`)
      }
    },
    end() {
      if (drawn) stream.write('\n')
      drawn = false
    }
  }
}
