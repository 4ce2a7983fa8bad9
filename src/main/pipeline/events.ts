// The structured event channel: JSON lines on fd 3. When fd 3 is not open (the pipeline run by
// hand), events are simply not sent; the human log on stdout/stderr still says everything.
import { fstatSync, writeSync } from 'node:fs'
import { PIPELINE_EVENT_FD, type PipelineEvent } from '@shared/pipelineProtocol'

export type EventSink = (event: PipelineEvent) => void

/** One line of the human log (stdout), for the job's log file. */
export type Log = (line: string) => void

function fdIsOpen(fd: number): boolean {
  try {
    fstatSync(fd)
    return true
  } catch {
    return false
  }
}

function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text, 'utf8')
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(fd, buffer))
    } catch (err) {
      // A full non-blocking pipe: try again; a closed one: the parent is gone, drop the event.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return
    }
  }
}

export function createEventSink(fd = PIPELINE_EVENT_FD): EventSink {
  const open = fdIsOpen(fd)
  return (event) => {
    if (open) writeAll(fd, JSON.stringify(event) + '\n')
  }
}
