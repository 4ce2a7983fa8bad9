// The built CLI as a child process that does not block this one: a test whose loopback server
// (words, models) runs in the test process must keep answering while the CLI works.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export const CLI_BIN = resolve(__dirname, '../../bin/transcriptor.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `transcriptor ARGS…` (no TRANSCRIPTOR_HOME from the user) and resolves when it exits. */
export function runCliAsync(args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()))
  return new Promise((done) => child.on('close', (code) => done({ code, ...out })))
}
