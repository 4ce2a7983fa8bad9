// Messages from the supervisor on the control pipe (our stdin). `stop` asks the pipeline to stop
// at once: it aborts every request in flight and kills its workers while the supervisor is still
// scanning the process table for its tree kill, so remote sockets close without waiting for it.
export const STOP_MESSAGE = 'stop'

export function onControlMessage(message: string, handler: () => void): () => void {
  let partial = ''
  const onData = (chunk: Buffer | string): void => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    if (lines.some((line) => line.trim() === message)) handler()
  }
  process.stdin.on('data', onData)
  return () => process.stdin.off('data', onData)
}
