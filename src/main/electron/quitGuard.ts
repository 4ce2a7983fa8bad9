// Electron does not await async `before-quit` handlers, so quitting would kill main while jobs
// are still being stopped. Prevent the first quit synchronously, stop everything (bounded), then
// exit for real. Later quit requests while stopping are swallowed; after that they pass.
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  exit(code?: number): void
}

export function installQuitGuard(
  app: QuittableApp,
  stopEverything: () => Promise<void>,
  hardTimeoutMs: number,
  log: (line: string) => void = (line) => console.error(line)
): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'stopped') return
    event.preventDefault()
    if (state === 'stopping') return
    state = 'stopping'
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((done) => {
      timer = setTimeout(() => {
        log(`[quit] stopping jobs took longer than ${hardTimeoutMs} ms; exiting anyway`)
        done()
      }, hardTimeoutMs)
    })
    Promise.race([stopEverything(), deadline])
      .catch((error: unknown) => log(`[quit] stopping jobs failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(timer)
        state = 'stopped'
        app.exit(0)
      })
  })
}
