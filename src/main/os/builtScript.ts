// Where a built entry script (out/main/NAME.js) is: next to the running bundle, or, when running
// from source (vitest, tsx), under <repo>/out/main found by walking up to package.json.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export function builtScriptPath(fileName: string, fromDir: string = __dirname): string {
  const sibling = join(fromDir, fileName)
  if (existsSync(sibling)) return sibling
  const root = appRoot(fromDir)
  return root ? join(root, 'out', 'main', fileName) : sibling
}

/** The nearest directory up from `fromDir` with a package.json (the app's root), or null. */
export function appRoot(fromDir: string = __dirname): string | null {
  let dir = resolve(fromDir)
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}
