// `transcriptor models pull NAME` as a real CLI process against a loopback mirror with its own
// catalog file (TRANSCRIPTOR_MODEL_BASE_URL / TRANSCRIPTOR_MODEL_CATALOG), its output collected.
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const BIN = resolve(__dirname, '../../bin/transcriptor.js')

export interface PullRun {
  child: ChildProcess
  out: { stdout: string; stderr: string }
  code: Promise<number | null>
}

export function modelsPullCli(
  home: string,
  name: string,
  mirror: { base: string; catalog: string }
): PullRun {
  const child = spawn(process.execPath, [BIN, '--data-dir', home, 'models', 'pull', name], {
    env: {
      ...process.env,
      TRANSCRIPTOR_MODEL_BASE_URL: mirror.base,
      TRANSCRIPTOR_MODEL_CATALOG: mirror.catalog
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = { stdout: '', stderr: '' }
  child.stdout?.on('data', (b: Buffer) => (out.stdout += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (out.stderr += b.toString()))
  const code = new Promise<number | null>((r) => child.on('close', r))
  return { child, out, code }
}
