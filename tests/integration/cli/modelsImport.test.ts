// `transcriptor models import` of paths that are not model files: a named pipe, a folder, a private
// file. Each ends at once with one line on stderr and a non-zero status; no byte of the file is
// echoed, and nothing lands in the models folder.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

let dir: string
beforeEach(() => {
  dir = makeTempDir('transcriptor-import-')
})
afterEach(() => removeDir(dir))

/** Runs the import; a CLI stuck on the path is killed after 15 s (and the test fails). */
function importPath(path: string): { status: number | null; stderr: string; ms: number } {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    [BIN, '--data-dir', join(dir, 'data'), 'models', 'import', path],
    { encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' }
  )
  return { status: run.status, stderr: run.stderr, ms: performance.now() - started }
}

describe('transcriptor models import (CLI) refuses what is not a model file', () => {
  it('a named pipe: one line, non-zero, no hang', () => {
    const fifo = join(dir, 'ggml-pipe.bin')
    execFileSync('mkfifo', [fifo])
    const run = importPath(fifo)
    expect(run.status).not.toBeNull()
    expect(run.status).not.toBe(0)
    expect(run.stderr.trim()).toBe(`transcriptor: ${fifo} is a named pipe (FIFO), not a file`)
    expect(existsSync(join(dir, 'data', 'models', 'ggml-pipe.bin'))).toBe(false)
  }, 30_000)

  it('a folder says so (not EISDIR)', () => {
    const folder = join(dir, 'ggml-folder.bin')
    mkdirSync(folder)
    const run = importPath(folder)
    expect(run.status).not.toBe(0)
    expect(run.stderr.trim()).toBe(`transcriptor: ${folder} is a folder, not a file`)
  }, 30_000)

  it('a readable private file: refused without echoing its bytes', () => {
    const secret = join(dir, 'shadow')
    writeFileSync(secret, 'root:*:20000:0:99999:7:::\n')
    const run = importPath(secret)
    expect(run.status).not.toBe(0)
    expect(run.stderr.trim()).toBe(
      'transcriptor: shadow: not a whisper ggml model: it does not start with the ggml magic'
    )
    expect(run.stderr).not.toMatch(/root|72 6f 6f 74/)
  }, 30_000)
})
