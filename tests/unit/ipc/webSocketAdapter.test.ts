// The browser host's WebSocket adapter, over a real socket: every channel refuses wrong argument
// types and unknown fields with a one-line reason, the handler is never reached with bad input,
// malformed frames are answered, not fatal, and the connection keeps working afterwards.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import { startWebHost, type WebHost } from '../../../src/main/webHost/server'
import { connectClient, waitFor, type HostClient } from '../../support/host'
import { badCases, VALID_INPUTS } from './contractCases'
import { fakeService, THROWING_CHANNEL, type FakeService } from './fakeService'

let dir: string
let host: WebHost
let service: FakeService
let client: HostClient

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'transcriptor-ws-adapter-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>')
  service = fakeService()
  host = await startWebHost({ service, rendererDir: dir, dataDir: dir, log: () => undefined })
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
})
