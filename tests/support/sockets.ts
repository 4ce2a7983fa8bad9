// Open TCP connections as the kernel sees them (/proc/net/tcp), so a test can say "no socket to
// that server is open any more" about a process that no longer exists to ask.
import { readFileSync } from 'node:fs'

const ESTABLISHED = '01'

/** Client-side ESTABLISHED connections to 127.0.0.1:`port` from any process. */
export function connectionsTo(port: number): number {
  let count = 0
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 4) continue
      const remotePort = parseInt(cols[2].split(':')[1] ?? '', 16)
      if (remotePort === port && cols[3] === ESTABLISHED) count++
    }
  }
  return count
}
