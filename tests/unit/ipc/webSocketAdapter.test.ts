// The browser host's WebSocket adapter, over a real socket: every channel refuses wrong argument
// types and unknown fields with a one-line reason, the handler is never reached with bad input,
// malformed frames are answered, not fatal, and the connection keeps working afterwards. A request
// longer than a frame may carry (8 MiB) arrives in parts and is answered whole.
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import { MAX_PARTED_CHARS, messageParts, PART_CHARS } from '@shared/ipc/messageParts'
import WebSocket from 'ws'
import { startWebHost, type WebHost } from '../../../src/main/webHost/server'
import { connectClient, socketUrl, waitFor, type HostClient } from '../../support/host'
import { timedTranscript } from '../../support/timedTranscript'
import { badCases, VALID_INPUTS } from './contractCases'
import { fakeService, THROWING_CHANNEL, type FakeService } from './fakeService'

let dir: string
let host: WebHost
let service: FakeService
let client: HostClient
const hostLog: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'transcriptor-ws-adapter-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>')
  service = fakeService()
  host = await startWebHost({
    service,
    rendererDir: dir,
    dataDir: dir,
    log: (line) => hostLog.push(line)
  })
  client = await connectClient(host)
})

afterAll(async () => {
  await client?.close()
  await host?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('WebSocket adapter rejects malformed calls on every channel', () => {
  const cases = badCases()

  it('covers every channel of the contract', () => {
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(REQUEST_CHANNELS))
  })

  it.each(cases.map((c) => [c.channel, c.label, c] as const))(
    '%s: %s',
    async (channel, _label, c) => {
      const before = service.calls[channel]
      const result = await client.request(channel, c.input)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error).toMatch(
        new RegExp(`^invalid arguments for ${channel.replace('.', '\\.')}`)
      )
      expect(result.error).not.toContain('\n')
      expect(service.calls[channel]).toBe(before)
    }
  )

  it.each(REQUEST_CHANNELS.filter((c) => c !== THROWING_CHANNEL))(
    '%s: a valid call still works afterwards',
    async (channel) => {
      const result = await client.request(channel, VALID_INPUTS[channel])
      expect(result).toEqual({
        ok: true,
        value: {
          channel,
          input: VALID_INPUTS[channel],
          clientId: expect.stringMatching(/^ws:\d+$/)
        }
      })
    }
  )

  it('a handler that throws comes back as a one-line error', async () => {
    const result = await client.request(THROWING_CHANNEL, VALID_INPUTS[THROWING_CHANNEL])
    expect(result).toEqual({ ok: false, error: 'job 1 is still running' })
  })

  it('unknown channels and malformed frames are answered, not fatal', async () => {
    expect(await client.request('jobs.nuke', {})).toEqual({
      ok: false,
      error: 'unknown channel: jobs.nuke'
    })
    expect(await client.request('__proto__', {})).toMatchObject({ ok: false })
    expect(await client.request('constructor', {})).toMatchObject({ ok: false })
    for (const frame of [
      'not json',
      '[1,2]',
      '{"channel":"jobs.list","input":{}}',
      '{"id":"1","channel":"jobs.list"}'
    ]) {
      const reply = client.nextAnonymousReply()
      client.sendRaw(frame)
      expect(await reply).toMatchObject({ ok: false })
    }
    const binary = client.nextAnonymousReply()
    client.sendRaw(Buffer.from([1, 2, 3]))
    expect(await binary).toEqual({ ok: false, error: 'binary messages are not accepted' })
    expect(await client.request('settings.get', {})).toMatchObject({ ok: true })
  })

  it('pushes service events to the connection', async () => {
    service.emit('job.deleted', { id: 99 })
    expect(await client.waitForEvent('job.deleted', (p) => p.id === 99, 5_000)).toEqual({ id: 99 })
  })

  it('releases the client with a reason when its connection closes', async () => {
    const other = await connectClient(host)
    const me = await other.call('settings.get', {})
    const clientId = (me as unknown as { clientId: string }).clientId
    await other.close()
    const released = await waitFor(
      () => service.released.find((r) => r.clientId === clientId),
      'the closed connection to be released'
    )
    expect(released.reason).toMatch(/closed or reloaded/)
  })

  it('a page gone while events were on their way (the sends fail) is released all the same', async () => {
    const page = new WebSocket(socketUrl(host))
    await once(page, 'open')
    page.send(JSON.stringify({ id: 1, channel: 'settings.get', input: {} }))
    const [reply] = (await once(page, 'message')) as [Buffer]
    const { clientId } = (
      JSON.parse(reply.toString()) as { result: { value: { clientId: string } } }
    ).result.value
    // The page stops reading and the host keeps sending, so writes wait in the host's socket;
    // then the connection is reset, as a reload with events on their way does it.
    const socket = (page as unknown as { _socket: Socket })._socket
    socket.pause()
    const pad = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 320; i++) service.emit('job.deleted', { id: i, pad } as { id: number })
    socket.resetAndDestroy()
    const released = await waitFor(
      () => service.released.find((r) => r.clientId === clientId),
      'the page that went to be released'
    )
    expect(released.reason).toMatch(/closed or reloaded/)
    // The case tested is the one where sends failed (the host logs each).
    await waitFor(() => hostLog.some((l) => l.includes(`${clientId} send failed`)), 'a failed send')
  })
})

describe('a request longer than a frame', () => {
  it('goes in parts and is answered whole (one frame of it closed the socket: 1009)', async () => {
    // A change of every segment of an 11-hour transcript: over 8 MiB as one message.
    const segments = timedTranscript(10_000).segments
    const input = { id: 1, change: { from: 0, deleteCount: 10_000, segments }, baseEditedAt: 5 }
    expect(JSON.stringify(input).length).toBeGreaterThan(8 * 1024 * 1024)
    const before = service.calls['transcripts.save']
    const result = await client.request('transcripts.save', input)
    expect(result).toMatchObject({ ok: true, value: { channel: 'transcripts.save', input } })
    expect(service.calls['transcripts.save']).toBe(before + 1)
    expect(await client.request('settings.get', {})).toMatchObject({ ok: true })
  })

  it('over the bound, is refused by the sender with one line, before anything is sent', () => {
    expect(() => messageParts(7, 'x'.repeat(MAX_PARTED_CHARS + 1))).toThrow(
      /^the request is too big: 128 MiB of JSON \(at most 128 MiB\)$/
    )
  })

  it('parts out of order, or too many at once, are refused for that id; the socket lives', async () => {
    const raw = new WebSocket(socketUrl(host))
    const replies: { id: number | null; result: { ok: boolean; error?: string } }[] = []
    raw.on('message', (data) => replies.push(JSON.parse(data.toString())))
    await new Promise((opened) => raw.once('open', opened))
    const part = (id: number, index: number, parts: number): string =>
      JSON.stringify({ id, part: index, parts, text: 'x' })
    const refusalOf = (id: number) =>
      expect.poll(() => replies.find((r) => r.id === id)?.result).toMatchObject({ ok: false })
    raw.send(part(41, 1, 3))
    await refusalOf(41)
    raw.send(part(42, 0, 3))
    raw.send(part(42, 2, 3))
    await refusalOf(42)
    raw.send(JSON.stringify({ id: 43, part: 0, parts: 2, text: 'x'.repeat(PART_CHARS + 1) }))
    await refusalOf(43)
    // The rest of a refused request is dropped as it comes, not refused again.
    raw.send(part(41, 2, 3))
    for (const id of [50, 51, 52, 53, 54]) raw.send(part(id, 0, 2))
    await refusalOf(54)
    const errors = replies.map((r) => r.result.error)
    expect(errors).toEqual([
      'part 1 of request 41 came first',
      'part 2 of 3 of request 42 came out of order',
      expect.stringMatching(/^malformed part: text: .+/),
      'more than 4 requests in parts at once'
    ])
    for (const error of errors) expect(error).not.toContain('\n')
    // The requests it holds still complete, and a whole one is answered as ever.
    raw.send(JSON.stringify({ id: 50, part: 1, parts: 2, text: 'x' }))
    await refusalOf(50)
    expect(replies.at(-1)?.result.error).toBe('the request in parts is not JSON')
    const [whole] = messageParts(60, JSON.stringify({ id: 60, channel: 'settings.get', input: {} }))
    raw.send(whole)
    await expect.poll(() => replies.find((r) => r.id === 60)?.result).toMatchObject({ ok: true })
    raw.close()
  })
})
