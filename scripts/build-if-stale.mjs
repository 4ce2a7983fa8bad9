#!/usr/bin/env node
// Runs `electron-vite build` when an output is missing or any source file is newer than it.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const outputs = ['out/main/index.js', 'out/main/pipeline.js', 'out/main/cli.js', 'out/main/webHost.js', 'out/renderer/index.html'].map((p) => join(root, p))
const sources = ['src', 'migrations', 'electron.vite.config.ts', 'package.json']

function newestMtime(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

const oldestOutput = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : -1
const newestSource = Math.max(...sources.map((p) => join(root, p)).filter(existsSync).map(newestMtime))
if (oldestOutput < newestSource) {
  console.error('[build] sources changed: running electron-vite build')
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
}
