// Issue 11 #4: a job floods its log while pages watch over the browser host's WebSocket. The
// host's RSS is sampled every second for FLOOD_SECONDS, once with one page that reads (the
// baseline) and once with that page plus two pages that never read (their sockets paused, so
// TCP backs up into the host). Target: RSS ≤ 300 MB with the stalled pages, no page closed by
// the host, the stalled pages told how many lines they missed.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import type { Socket } from 'node:net'
import WebSocket from 'ws'
import type { BenchResult } from './types'

const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 60)
const HOST = resolve(__dirname, 'support/floodHost.ts')
const TSX = resolve(__dirname, '../node_modules/.bin/tsx')

interface FloodRun {
  peakRssMb: number
  linesToReader: number
  closedByHost: number
  skippedMarkers: number
  released: string[]
}

async function flood(stalled: number): Promise<FloodRun> {
  const child = spawn(TSX, [HOST], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, TSX_TSCONFIG_PATH: resolve(__dirname, '../tsconfig.node.json') }
  })
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async (): Promise<Record<string, unknown>> =>
    JSON.parse(String((await replies.next()).value)) as Record<string, unknown>
  const { port, token } = (await next()) as { port: number; token: string }
  const url = `ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`
  const open = (): Promise<WebSocket> =>
    new Promise((done, fail) => {
      const ws = new WebSocket(url)
      ws.once('open', () => done(ws))
      ws.once('error', fail)
    })
  let linesToReader = 0
  let closedByHost = 0
  const reader = await open()
  reader.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { event?: string; payload?: { lines?: string[] } }
    if (m.event === 'job.logs') linesToReader += m.payload?.lines?.length ?? 0
  })
  const sleepers: WebSocket[] = []
  for (let i = 0; i < stalled; i++) {
    const ws = await open()
    // Never read: the kernel's buffers fill, then the host's.
    ;(ws as unknown as { _socket: Socket })._socket.pause()
    sleepers.push(ws)
  }
  let over = false
  for (const ws of [reader, ...sleepers]) ws.on('close', () => (closedByHost += over ? 0 : 1))
  let peak = 0
  let released: string[] = []
  for (let s = 0; s < FLOOD_SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1000))
    child.stdin.write('rss\n')
    const r = (await next()) as { rss: number; released: string[] }
    peak = Math.max(peak, r.rss)
    released = r.released
  }
  // Wake the stalled pages: what they get first says how much they missed.
  const told = new Set<WebSocket>()
  for (const ws of sleepers) {
    ws.on('message', (data) => {
      if (/lines? skipped — open the full log/.test(data.toString())) told.add(ws)
    })
    ;(ws as unknown as { _socket: Socket })._socket.resume()
  }
  await new Promise((r) => setTimeout(r, 2000))
  over = true
  const skippedMarkers = told.size
  child.stdin.write('stop\n')
  await new Promise((r) => child.once('exit', r))
  for (const ws of [reader, ...sleepers]) ws.terminate()
  return { peakRssMb: peak / 1024 / 1024, linesToReader, closedByHost, skippedMarkers, released }
}

export async function run(): Promise<BenchResult[]> {
  const baseline = await flood(0)
  const stalled = await flood(2)
  const r1 = (n: number): number => Math.round(n * 10) / 10
  return [
    {
      name: `host peak RSS, ${FLOOD_SECONDS} s log flood, 1 reading + 2 stalled pages`,
      value: r1(stalled.peakRssMb),
      unit: 'MB',
      baseline: r1(baseline.peakRssMb),
      ratio: r1(stalled.peakRssMb / baseline.peakRssMb),
      target: '≤ 300 MB; no page closed or released; stalled pages told what they missed',
      pass:
        stalled.peakRssMb <= 300 &&
        stalled.closedByHost === 0 &&
        stalled.released.length === 0 &&
        stalled.skippedMarkers === 2 &&
        baseline.closedByHost === 0,
      notes: `baseline = same flood, 1 reading page; lines to the reading page ${stalled.linesToReader} (baseline ${baseline.linesToReader}); closed by host ${stalled.closedByHost}; released ${stalled.released.length}; stalled pages told what they missed ${stalled.skippedMarkers}/2`
    }
  ]
}
