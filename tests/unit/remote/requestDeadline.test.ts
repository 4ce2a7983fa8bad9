// A request's deadline holds even when the process collects garbage while it waits. The 'hang'
// fault case of the endpoint pool once hung for good: the timeout was `AbortSignal.timeout` inside
// `AbortSignal.any`, which Node 20 holds only weakly, so a GC during the wait lost it. Here a
// loopback server that never answers (or stalls mid-body) and a GC forced every 10 ms.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EndpointError } from '../../../src/main/engines/endpointProtocol'
import { endpointFetch } from '../../../src/main/engines/endpointRequest'
import { requestDeadline } from '../../../src/main/engines/requestDeadline'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    if (req.url === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"text": "')
    }
    // Otherwise: never answers; the socket stays open until the client gives up.
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((done) => server.close(done))
})

/** Collects garbage every 10 ms while `work` runs. */
async function underGc<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(gc, 10)
  try {
    return await work
  } finally {
    clearInterval(timer)
  }
}

async function timedFetch(
  path: string,
  timeoutMs: number
): Promise<{ error: unknown; ms: number }> {
  const started = Date.now()
  const job = new AbortController()
  const error = await underGc(
    endpointFetch(
      base + path,
      { method: 'POST', body: 'audio', signal: job.signal },
      timeoutMs,
      undefined,
      1024
    ).then(
      () => null,
      (e: unknown) => e
    )
  )
  return { error, ms: Date.now() - started }
}

describe('the request deadline survives garbage collection', () => {
  it('a server that never answers is cut off at the deadline, with the reason', async () => {
    const { error, ms } = await timedFetch('/hang', 1000)
    expect(error).toBeInstanceOf(EndpointError)
    expect((error as EndpointError).message).toBe('no answer within 1 s')
    expect((error as EndpointError).fatal).toBe(false)
    expect(ms).toBeGreaterThanOrEqual(950)
    expect(ms).toBeLessThan(10_000)
  })

  it('the deadline also covers a body that stalls after the headers', async () => {
    const { error, ms } = await timedFetch('/stall-body', 1000)
    expect((error as EndpointError).message).toBe('no answer within 1 s')
    expect(ms).toBeLessThan(10_000)
  })
})

describe('requestDeadline', () => {
  it("the job's abort reaches the request at once, and is not counted as a timeout", () => {
    const job = new AbortController()
    const deadline = requestDeadline(job.signal, 60_000)
    job.abort()
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.timedOut()).toBe(false)
    deadline.dispose()
  })

  it('a job already aborted gives an aborted signal', () => {
    const job = new AbortController()
    job.abort()
    const deadline = requestDeadline(job.signal, 60_000)
    expect(deadline.signal.aborted).toBe(true)
    deadline.dispose()
  })

  it('the deadline fires under GC; once disposed, nothing fires', async () => {
    const job = new AbortController()
    const firing = requestDeadline(job.signal, 50)
    const disposed = requestDeadline(job.signal, 50)
    disposed.dispose()
    await underGc(new Promise((done) => setTimeout(done, 300)))
    expect(firing.signal.aborted).toBe(true)
    expect(firing.timedOut()).toBe(true)
    expect(disposed.signal.aborted).toBe(false)
    firing.dispose()
  })
})
