// Integration and e2e tests drive the built programs (what ships), so build once if any source
// is newer than the output. A fresh clone builds; a warm tree skips in milliseconds.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

export default function setup(): void {
  const root = resolve(__dirname, '../..')
  execFileSync(process.execPath, [resolve(root, 'scripts/build-if-stale.mjs')], {
    cwd: root,
    stdio: 'inherit'
  })
}
