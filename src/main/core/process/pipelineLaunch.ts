// How to start the pipeline subprocess: the same runtime that runs us (node, or Electron's binary
// as node), the built pipeline.js, and the spec as ONE argv element (never through a shell).
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { PipelineSpec } from '@shared/pipelineProtocol'

export interface PipelineLaunch {
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
}

/**
 * Bundled (out/main/*.js) the pipeline sits next to us; from source (vitest, tsx) it is the
 * built <repo>/out/main/pipeline.js, found by walking up to the directory with package.json.
 */
export function pipelineScriptPath(fromDir: string = __dirname): string {
  const sibling = join(fromDir, 'pipeline.js')
  if (existsSync(sibling)) return sibling
  let dir = resolve(fromDir)
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'main', 'pipeline.js')
    const parent = dirname(dir)
    if (parent === dir) return sibling
    dir = parent
  }
}

export function pipelineLaunch(spec: PipelineSpec): PipelineLaunch {
  // A copy: the caller's process.env must never be mutated (Electron's in particular).
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  return {
    command: process.execPath,
    args: [pipelineScriptPath(), '--supervised', '--spec', JSON.stringify(spec)],
    env
  }
}
