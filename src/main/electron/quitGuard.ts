// Electron does not await async `before-quit` handlers, so quitting would kill main while jobs
// are still being stopped. Prevent the first quit synchronously, stop everything (bounded), then
// exit for real. Later quit requests while stopping are swallowed; after that they pass. Before
// the first one starts stopping, `mayQuit` may keep the app running (the user chose to stay).
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  exit(code?: number): void
}

export function installQuitGuard(
  app: QuittableApp,
  stopEverything: () => Promise<void>,
  /** Read as the quit starts (what is left to finish may need longer). */
  hardTimeoutMs: number | (() => number),
  log: (line: string) => void = (line) => console.error(line),
  mayQuit: () => boolean = () => true
): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'stopped') return
    event.preventDefault()
    if (state === 'stopping' || !mayQuit()) return
    state = 'stopping'
    let timer: NodeJS.Timeout | undefined
    const limitMs = typeof hardTimeoutMs === 'number' ? hardTimeoutMs : hardTimeoutMs()
    const deadline = new Promise<void>((done) => {
      timer = setTimeout(() => {
        log(`[quit] stopping jobs took longer than ${limitMs} ms; exiting anyway`)
        done()
      }, limitMs)
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
