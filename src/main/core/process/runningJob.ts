// One spawned pipeline as the process manager sees it: the child, its identity, its log sink,
// its structured-event channel (fd 3) and a promise that settles when it has exited and its
// output has been written.
import type { ChildProcess } from 'node:child_process'
import { STOP_MESSAGE } from '../../pipeline/controlPipe'
import type { Readable } from 'node:stream'
import type { LogBatch } from '@shared/domain'
import {
  parsePipelineEventLine,
  PIPELINE_EVENT_FD,
  type PipelineEvent
} from '@shared/pipelineProtocol'
import type { JobTreeRef } from '../../os/processTree'
import { killTree } from '../../os/killTree'
import { CUT_MARKER, LineSplitter } from '../../os/lineSplitter'
import { sleep } from '../../os/sleep'

/** No event the pipeline sends comes near this (a `done` with output paths is < 4 KB). */
const MAX_EVENT_CHARS = 1024 * 1024
import { JobLogSink } from './logSink'
import { readPgid, readStartTime } from '../../os/processIdentity'

export interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface RunningJobOptions {
  jobId: number
  child: ChildProcess
  command: string[]
  logPath: string
  ownerId: string
  keepInBackground: boolean
  maxLogBytes?: number
  onLog: (batch: LogBatch) => void
  onEvent: (event: PipelineEvent) => void
}

export class RunningJob {
  readonly jobId: number
  readonly child: ChildProcess
  readonly pid: number
  /** Read right after spawn, while the child is unreaped (so the pid is certainly ours). */
  readonly startTime: string | null
  /** The child's own process group (null if it was not spawned detached). */
  readonly pgid: number | null
  readonly logPath: string
  readonly sink: JobLogSink
  /** Resolves once fd 3 has closed and every event on it was handled. */
  private readonly eventsEnded: Promise<void>
  ownerId: string
  keepInBackground: boolean
  registered = false
  stoppedByUs = false
  /** Why we stopped it (recorded as cancel_reason). */
  stopReason: string | null = null
  exitInfo: ExitInfo | null = null
  /** Resolves once the root exited (the PM then finishes the job's bookkeeping). */
  readonly rootExited: Promise<ExitInfo>

  constructor(o: RunningJobOptions) {
    const pid = o.child.pid
    if (pid === undefined) throw new Error(`cannot start ${o.command[0]}`)
    this.jobId = o.jobId
    this.child = o.child
    this.pid = pid
    this.startTime = readStartTime(pid)
    // Only a child that leads its own group (spawned detached) gets group signals: signalling
    // the group of a child that shares ours would hit this very process.
    this.pgid = readPgid(pid) === pid ? pid : null
    this.logPath = o.logPath
    this.ownerId = o.ownerId
    this.keepInBackground = o.keepInBackground
    this.sink = new JobLogSink({
      jobId: o.jobId,
      path: o.logPath,
      maxBytes: o.maxLogBytes,
      onBatch: o.onLog
    })
    this.sink.note(`started pid ${pid}: ${o.command.map(quoteArg).join(' ')}`)
    if (o.child.stdout) this.sink.attach(o.child.stdout, 'stdout')
    if (o.child.stderr) this.sink.attach(o.child.stderr, 'stderr')
    this.eventsEnded = attachEvents(
      o.child.stdio[PIPELINE_EVENT_FD] as Readable | null | undefined,
      o.onEvent,
      (l) => this.sink.note(`ignored a malformed pipeline event: ${l.slice(0, 200)}`)
    )
    // The control pipe: kept open for the child's life; its EOF tells the child we died.
    o.child.stdin?.on('error', () => undefined)
    this.rootExited = new Promise((resolve) => {
      o.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal }
        resolve(this.exitInfo)
      })
    })
  }

  /** Alive = not yet exited (while unreaped, the pid cannot have been reused). */
  get alive(): boolean {
    return this.exitInfo === null && this.child.exitCode === null && this.child.signalCode === null
  }

  treeRef(): JobTreeRef {
    return {
      jobId: this.jobId,
      rootPid: this.pid,
      rootStartTime: this.alive ? (this.startTime ?? readStartTime(this.pid)) : null,
      pgid: this.pgid
    }
  }

  /**
   * After the root exited: stop whatever it left behind in its group or tree (a crashed
   * pipeline's workers), close the control pipe, and finish writing the log.
   */

  /** Asks the pipeline on its control pipe to stop at once (aborting its requests in flight)
   *  while the tree kill is still scanning; the kill that follows makes sure of the rest. */
  requestStop(): void {
    if (this.child.stdin?.writable) this.child.stdin.write(`${STOP_MESSAGE}\n`)
  }

  async settle(o: {
    sweepStragglers: boolean
    graceMs: number
    knownMembers: { pid: number; startTime: string }[]
  }): Promise<void> {
    if (o.sweepStragglers && this.pgid !== null) {
      const sweep = await killTree({
        ...this.treeRef(),
        graceMs: o.graceMs,
        knownMembers: o.knownMembers
      })
      if (sweep.killed.length > 0) {
        this.sink.note(`stopped ${sweep.killed.length} process(es) left behind by the pipeline`)
      }
    }
    this.child.stdin?.end()
    // 'exit' can come before the last events were read off fd 3 (its `done` among them): the
    // exit is reported only once that channel has ended, or a second has passed (a process that
    // escaped the sweep may hold it open).
    await Promise.all([
      this.sink.drained(1000),
      Promise.race([this.eventsEnded, sleep(1000, { unref: true })])
    ])
    await this.sink.close()
  }
}

/** Reads fd 3's events; the promise resolves once the channel has closed (every line handled). */
function attachEvents(
  channel: Readable | null | undefined,
  onEvent: (event: PipelineEvent) => void,
  onBadLine: (line: string) => void
): Promise<void> {
  if (!channel) return Promise.resolve()
  // Framed by newline with a generous cap: an event bigger than the cap is dropped WHOLE (one
  // note), never split into pieces that would each be reported as malformed.
  const splitter = new LineSplitter(MAX_EVENT_CHARS)
  const handle = (lines: string[]): void => {
    for (const line of lines) {
      if (line.trim() === '') continue
      const cut = CUT_MARKER.exec(line)
      if (cut) {
        onBadLine(`(an event of more than ${MAX_EVENT_CHARS} characters; ${cut[1]} bytes cut)`)
        continue
      }
      const event = parsePipelineEventLine(line)
      if (event) onEvent(event)
      else onBadLine(line)
    }
  }
  channel.on('data', (chunk: Buffer) => handle(splitter.push(chunk)))
  channel.on('end', () => handle(splitter.flush()))
  channel.on('error', () => undefined)
  return new Promise((resolve) => {
    if (channel.closed) resolve()
    else channel.once('close', () => resolve())
  })
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
