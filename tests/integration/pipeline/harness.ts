// Drives the BUILT pipeline (out/main/pipeline.js) as a real subprocess, the way the
// ProcessManager does: events read from fd 3, human log from stdout/stderr.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import {
  parsePipelineEventLine,
  type PipelineEvent,
  type PipelineSpec
} from '@shared/pipelineProtocol'
import { pipelineLaunch } from '../../../src/main/core/process/pipelineLaunch'
import { joinedSpeech, LIBRIVOX_DIR as LIBRIVOX } from '../../support/speech'

export { LIBRIVOX }
export const PIPELINE_JS = resolve(__dirname, '../../../out/main/pipeline.js')

export interface PipelineRun {
  code: number | null
  signal: NodeJS.Signals | null
  events: PipelineEvent[]
  stdout: string
  stderr: string
  errors: string[]
}

export interface RunningPipeline {
  child: ChildProcess
  events: PipelineEvent[]
  finished: Promise<PipelineRun>
}

export { makeSpec } from '../../support/pipelineSpec'

/** `supervised` = started like the ProcessManager does (stdin is the control pipe). */
export function startPipeline(
  spec: PipelineSpec,
  o: { supervised?: boolean } & SpawnOptions = {}
): RunningPipeline {
  const launch = pipelineLaunch(spec)
  const args = o.supervised ? launch.args : launch.args.filter((a) => a !== '--supervised')
  const child = spawn(launch.command, args, {
    env: launch.env,
    stdio: [o.supervised ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe'],
    cwd: o.cwd,
    uid: o.uid,
    gid: o.gid
  })
  const events: PipelineEvent[] = []
  let stdout = ''
  let stderr = ''
  let partial = ''
  ;(child.stdio[3] as Readable).on('data', (b: Buffer) => {
    const lines = (partial + b.toString('utf8')).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      const event = parsePipelineEventLine(line)
      if (event) events.push(event)
    }
  })
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString('utf8')))
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
  const finished = new Promise<PipelineRun>((done) => {
    child.on('close', (code, signal) => {
      const errors = events.flatMap((e) => (e.type === 'error' ? [e.message] : []))
      done({ code, signal, events, stdout, stderr, errors })
    })
  })
  return { child, events, finished }
}

export function runPipelineProcess(
  spec: PipelineSpec,
  o: { supervised?: boolean } & SpawnOptions = {}
): Promise<PipelineRun> {
  return startPipeline(spec, o).finished
}

export function tempDir(prefix = 'transcriptor-pipeline-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Joins LibriVox clips (16 kHz mono 16-bit) with sox into one WAV. */
export function joinedLibrivox(outPath: string, repeat = 1): string {
  return joinedSpeech(dirname(outPath), repeat, basename(outPath))
}

export { clipReference, librivoxReference } from '../../support/speech'

export function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args])
}

/** PIDs whose parent is `pid`, from /proc. */
export function childPids(pid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) found.push(Number(entry))
    } catch {
      // Exited while we looked.
    }
  }
  return found
}

/** Alive = exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

export { waitFor } from '../../support/waitFor'

export function transcriptText(spec: PipelineSpec): string {
  return readFileSync(join(spec.outputDir, `${spec.outputBaseName}.txt`), 'utf8')
}

export { existsSync }
