// Runs one engine subprocess: argument array (never a shell), killed on abort. Its output is read
// as a stream, never collected whole: stdout line by line into the engine's parser, stderr into a
// bounded ring of capped lines (for the crash report in the engine's own words). So an engine
// that prints 200 MB, or one 100 MB line without a newline, costs bounded memory and linear time.
import { spawn } from 'node:child_process'
import { LineSplitter } from '../os/lineSplitter'
import { meaningfulTail } from '../os/meaningfulTail'
import { EngineCrashError } from './types'

export interface EngineProcessResult {
  stderrTail: string
}

const STDERR_RING_LINES = 40
/** A stdout line worth parsing is far shorter (one utterance); longer ones arrive capped. */
const STDOUT_MAX_LINE_CHARS = 1024 * 1024
/** The crash report's stderr part; error_message stays ≤ ~500 characters with it. */
export const STDERR_TAIL_MAX_CHARS = 300

export function runEngineProcess(
  command: string,
  args: string[],
  signal: AbortSignal,
  label: string,
  onStdoutLine: (line: string) => void = () => undefined
): Promise<EngineProcessResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'))
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout = new LineSplitter(STDOUT_MAX_LINE_CHARS)
    const stderr = new LineSplitter()
    const ring: string[] = []
    const keep = (lines: string[]): void => {
      ring.push(...lines)
      if (ring.length > STDERR_RING_LINES) ring.splice(0, ring.length - STDERR_RING_LINES)
    }
    let parseError: unknown = null
    const parse = (lines: string[]): void => {
      if (parseError) return
      try {
        for (const line of lines) onStdoutLine(line)
      } catch (error) {
        parseError = error
      }
    }
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (b: Buffer) => parse(stdout.push(b)))
    child.stderr.on('data', (b: Buffer) => keep(stderr.push(b)))
    child.on('error', (err) => {
      signal.removeEventListener('abort', onAbort)
      reject(new EngineCrashError(`${label} could not start: ${err.message}`, err.message))
    })
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort)
      parse(stdout.flush())
      keep(stderr.flush())
      const stderrTail = clip(meaningfulTail(ring.join('\n')), STDERR_TAIL_MAX_CHARS)
      if (signal.aborted) return reject(new Error('cancelled'))
      if (code !== 0) {
        const how = sig ? `was killed by ${sig}` : `exited with code ${code}`
        return reject(new EngineCrashError(`${label} ${how}`, stderrTail))
      }
      if (parseError) return reject(parseError)
      resolve({ stderrTail })
    })
  })
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} chars cut]`
}
