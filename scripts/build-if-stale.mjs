#!/usr/bin/env node
// Runs `electron-vite build` when an output is missing or any source file is newer than it.
// A lock directory serializes concurrent callers (parallel test runs), and the check is
// repeated after taking the lock so only the first caller builds.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const outputs = [
  'main/index.js',
  'main/pipeline.js',
  'main/cli.js',
  'main/webHost.js',
  'preload/index.js',
  'renderer/index.html'
].map((p) => join(root, 'out', p))
const sources = ['src', 'migrations', 'electron.vite.config.ts', 'package.json']
const lockDir = join(root, 'node_modules/.cache/transcriptor-build.lock')

function newestMtime(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

function stale() {
  const oldestOutput = outputs.every(existsSync)
    ? Math.min(...outputs.map((p) => statSync(p).mtimeMs))
    : -1
  const newestSource = Math.max(
    ...sources
      .map((p) => join(root, p))
      .filter(existsSync)
      .map(newestMtime)
  )
  return oldestOutput < newestSource
}

function acquireLock() {
  const deadline = Date.now() + 180_000
  mkdirSync(join(lockDir, '..'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lockDir)
      return
    } catch {
      // A lock left by a killed build is stale after two minutes.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 120_000)
        rmSync(lockDir, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`build lock ${lockDir} held for too long`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
}

if (stale()) {
  acquireLock()
  try {
    if (stale()) {
      console.error('[build] sources changed: running electron-vite build')
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
        { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
      )
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}
