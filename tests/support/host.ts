// Test helpers for the browser host: start the BUILT host (out/main/webHost.js) on a temp data dir
// and a random port, talk to it over its WebSocket like the renderer does, and poll for outcomes.
// Used by the host's own e2e tests and by the UI's e2e tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import WebSocket from 'ws'
import { waitFor } from './waitFor'
import { messageParts } from '@shared/ipc/messageParts'
import type { TranscriptorApi } from '@shared/ipc/api'
import type {
  EventChannel,
  EventPayloads,
  IpcResult,
  RequestChannel,
  RequestInput,
  RequestOutput
} from '@shared/ipc/contract'

export const ROOT = resolve(__dirname, '../..')
export const WEB_HOST_ENTRY = join(ROOT, 'out/main/webHost.js')

export { waitFor }

export interface RunningHost {
  /** `http://127.0.0.1:PORT/?token=…`, as printed by the host. */
  url: string
  /** `http://127.0.0.1:PORT` */
  origin: string
  port: number
  token: string
  dataDir: string
  process: ChildProcess
  /** Everything the host printed so far (stdout + stderr). */
  output(): string
  /** SIGTERM (or `signal`), wait for exit (SIGKILL after `timeoutMs`), remove a temp data dir. */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number
  ): Promise<{ code: number | null; signal: string | null }>
}

export interface StartHostOptions {
  /** Use this data dir (kept afterwards); default: a fresh temp dir removed by stop(). */
  dataDir?: string
  env?: NodeJS.ProcessEnv
  startTimeoutMs?: number
  extraArgs?: string[]
}

const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/

export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const ownDir = !options.dataDir
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'transcriptor-host-')))
  const child = spawn(
    process.execPath,
    [WEB_HOST_ENTRY, '--data-dir', dataDir, '--port', '0', ...(options.extraArgs ?? [])],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal }))
  )
  let exit: { code: number | null; signal: string | null } | null = null
  // If the test process dies first, the host still gets its SIGTERM (and stops its jobs).
  const killOnExit = (): void => void child.kill('SIGTERM')
  process.once('exit', killOnExit)
  void exited.then((e) => {
    exit = e
    process.off('exit', killOnExit)
  })

  const match = await waitFor(
    () => {
      if (exit) throw new Error(`host exited (${JSON.stringify(exit)}):\n${output}`)
      return URL_LINE.exec(output)
    },
    'the browser host to print its URL',
    options.startTimeoutMs ?? 30_000
  ).catch(async (error: unknown) => {
    child.kill('SIGKILL')
    if (ownDir) await rm(dataDir, { recursive: true, force: true })
    throw error
  })

  const port = Number(match[1])
  const token = match[2] as string
  return {
    url: match[0],
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    dataDir,
    process: child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000) {
      if (!exit) child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      const result = await exited
      clearTimeout(timer)
      if (ownDir) await rm(dataDir, { recursive: true, force: true })
      return result
    }
  }
}

export function socketUrl(target: { port: number; token: string }): string {
  return `ws://127.0.0.1:${target.port}/ws?token=${encodeURIComponent(target.token)}`
}

export interface HostClient {
  /** Raw request: whatever the host answered, `{ ok: false }` included. */
  request(channel: string, input: unknown): Promise<IpcResult<unknown>>
  /** Typed request that throws the host's one-line error. */
  call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>
  /** Sends any text frame (for malformed-message tests). */
  sendRaw(data: string | Buffer): void
  /** The next reply with `id: null` (the host's answer to an unparseable message). */
  nextAnonymousReply(): Promise<IpcResult<unknown>>
  events: { event: EventChannel; payload: unknown }[]
  waitForEvent<E extends EventChannel>(
    event: E,
    match: (payload: EventPayloads[E]) => boolean,
    timeoutMs?: number
  ): Promise<EventPayloads[E]>
  close(): Promise<void>
}

/** Opens a WebSocket client of the host's contract (the same protocol the renderer uses). */
export async function connectClient(target: { port: number; token: string }): Promise<HostClient> {
  const ws = new WebSocket(socketUrl(target))
  await new Promise<void>((opened, failed) => {
    ws.once('open', () => opened())
    ws.once('error', failed)
  })
  let nextId = 1
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  const anonymous: ((result: IpcResult<unknown>) => void)[] = []
  const events: { event: EventChannel; payload: unknown }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      id?: number | null
      result?: IpcResult<unknown>
      event?: EventChannel
      payload?: unknown
    }
    if (message.event) events.push({ event: message.event, payload: message.payload })
    else if (message.id === null) anonymous.shift()?.(message.result as IpcResult<unknown>)
    else if (typeof message.id === 'number') {
      pending.get(message.id)?.(message.result as IpcResult<unknown>)
      pending.delete(message.id)
    }
  })
  const closed = new Promise<void>((done) => ws.once('close', () => done()))

  const client: HostClient = {
    request(channel, input) {
      const id = nextId++
      return new Promise((answered, failed) => {
        pending.set(id, answered)
        for (const frame of messageParts(id, JSON.stringify({ id, channel, input })))
          ws.send(frame, (error) => error && failed(error))
        void closed.then(() =>
          failed(new Error(`connection closed before ${channel} was answered`))
        )
      })
    },
    async call(channel, input) {
      const result = await client.request(channel, input)
      if (!result.ok) throw new Error(result.error)
      return result.value as RequestOutput<typeof channel>
    },
    sendRaw(data) {
      ws.send(data)
    },
    nextAnonymousReply() {
      return new Promise((answered) => anonymous.push(answered))
    },
    events,
    async waitForEvent(event, match, timeoutMs = 30_000) {
      const found = await waitFor(
        () =>
          events.find((e) => e.event === event && match(e.payload as EventPayloads[typeof event])),
        `event ${event}`,
        timeoutMs
      )
      return found.payload as EventPayloads[typeof event]
    },
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close()
      await closed
    }
  }
  return client
}

/** The page's global object as seen from page.evaluate (the node tsconfig has no DOM types). */
export { launchChromium, launchOwnChromium } from './chromium'

export type AppGlobal = { transcriptor?: TranscriptorApi }

/**
 * Opens the real renderer served by the host in a new page and waits until its API client
 * (`window.transcriptor`, published by getApi()) has answered one request over its WebSocket.
 */
export async function openAppPage(browser: Browser, host: Pick<RunningHost, 'url'>): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(host.url)
  await page.waitForFunction(() => (globalThis as AppGlobal).transcriptor !== undefined)
  await page.evaluate(() => (globalThis as AppGlobal).transcriptor!.settings.get({}))
  return page
}
