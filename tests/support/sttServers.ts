// Starts loopback transcription servers and stops them: as their own processes (sttServerMain.ts)
// where a test kills one mid-job, or inside the test process, which costs no process start (a
// tsx start is about a second of CPU: a file of fifteen faulty servers spent a quarter of its time
// there).
import { spawn, type ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { createSttServer, type SttDialect, type SttFault } from './sttServer'

const ROOT = resolve(__dirname, '../..')
const MAIN = resolve(__dirname, 'sttServerMain.ts')

export interface SttServerHandle {
  url: string
  port: number
  /** One line per request the server answered. */
  lines: string[]
  stop(): Promise<void>
}

export interface RunningSttServer extends SttServerHandle {
  child: ChildProcess
  /** kill -9 (a server that dies mid-job). */
  kill(): void
}

export interface SpawnSttOptions {
  fault?: SttFault
  faultTimes?: number
  segmentsOnly?: boolean
  dialect?: SttDialect
  apiKey?: string
  models?: string[]
  loopChunks?: number[]
  stubbornChunks?: number[]
  /** In-process servers only (startSttServer): see SttServerOptions.reuseWords. */
  reuseWords?: boolean
}

export async function spawnSttServer(o: SpawnSttOptions = {}): Promise<RunningSttServer> {
  // One process (node with tsx's loader, not the tsx wrapper), so kill -9 really kills the server.
  const args = ['--import', 'tsx', MAIN, '--port', '0']
  if (o.fault) args.push('--fault', o.fault)
  if (o.faultTimes !== undefined) args.push('--fault-times', String(o.faultTimes))
  if (o.segmentsOnly) args.push('--segments-only')
  if (o.dialect) args.push('--dialect', o.dialect)
  if (o.models) args.push('--models', o.models.join(','))
  if (o.loopChunks) args.push('--loop-chunks', o.loopChunks.join(','))
  if (o.stubbornChunks) args.push('--stubborn-chunks', o.stubbornChunks.join(','))
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    // tsconfig.node.json maps @shared (the server runs the app's pocketsphinx arguments).
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'tsconfig.node.json',
      STT_SERVER_API_KEY: o.apiKey ?? ''
    }
  })
  const lines: string[] = []
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('stt server did not start in 20 s')), 20_000)
    child.once('exit', (code) => fail(new Error(`stt server exited with ${code}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening (\d+)$/.exec(line)
      if (m) {
        clearTimeout(timer)
        done(Number(m[1]))
      } else lines.push(line)
    })
  })
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done()
    else child.once('exit', () => done())
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    lines,
    kill: () => void child.kill('SIGKILL'),
    stop: async () => {
      child.kill('SIGKILL')
      await exited
    }
  }
}

/** The same server inside the test process; stop() drops its open connections (a hang too). */
export async function startSttServer(o: SpawnSttOptions = {}): Promise<SttServerHandle> {
  const lines: string[] = []
  const server = createSttServer({ ...o, log: (line) => lines.push(line) })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lines,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}
