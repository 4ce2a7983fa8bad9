// Runs one engine subprocess: argument array (never a shell), killed on abort, stdout collected,
// and a bounded tail of stderr kept so a crash can be reported with the engine's own words.
import { spawn } from 'node:child_process'
import { meaningfulTail } from '../os/meaningfulTail'
import { EngineCrashError } from './types'

export interface EngineProcessResult {
  stdout: string
  stderrTail: string
}

const STDERR_TAIL_LINES = 20

export function runEngineProcess(
  command: string,
  args: string[],
  signal: AbortSignal,
  label: string
): Promise<EngineProcessResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'))
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    let stderrLines: string[] = []
    let partial = ''
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (b: Buffer) => stdout.push(b))
    child.stderr.on('data', (b: Buffer) => {
      const text = partial + b.toString('utf8')
      const parts = text.split('\n')
      partial = parts.pop() ?? ''
      stderrLines = stderrLines.concat(parts).slice(-STDERR_TAIL_LINES * 10)
    })
    child.on('error', (err) => {
      signal.removeEventListener('abort', onAbort)
      reject(new EngineCrashError(`${label} could not start: ${err.message}`, err.message))
    })
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort)
      const stderrTail = meaningfulTail(stderrLines.concat(partial).join('\n'))
      if (signal.aborted) return reject(new Error('cancelled'))
      if (code !== 0) {
        const how = sig ? `was killed by ${sig}` : `exited with code ${code}`
        return reject(new EngineCrashError(`${label} ${how}`, stderrTail))
      }
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderrTail })
    })
  })
}
