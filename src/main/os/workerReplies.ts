// A worker process's side of its reply pipe: one JSON line per reply on the reply fd. A write that
// fails means the pipeline is gone, so the worker ends quietly; `fail` says why in an error reply
// and on stderr, then exits 3 (the clients read both: src/main/engines/whisperWorker/client.ts).
import { writeSync } from 'node:fs'

export interface WorkerReplies<R> {
  reply(message: R): void
  fail(message: string): never
}

export function workerReplies<R>(fd: number, errorReply: (message: string) => R): WorkerReplies<R> {
  const reply = (message: R): void => {
    try {
      writeSync(fd, JSON.stringify(message) + '\n')
    } catch {
      process.exit(0)
    }
  }
  return {
    reply,
    fail: (message: string): never => {
      reply(errorReply(message))
      process.stderr.write(`${message}\n`)
      process.exit(3)
    }
  }
}

/** The value after `name` on the worker's command line (`--model PATH`). */
export function argumentValue(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
