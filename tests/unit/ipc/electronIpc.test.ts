// The Electron IPC path with the `electron` module substituted: the real preload builds
// `window.transcriptor` and its calls go through the real ipcMain handlers generated from the
// contract. Every channel refuses malformed input; calls from a foreign sender are refused;
// errors come back as one-line rejections; events reach subscribers until they unsubscribe.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type { TranscriptorApi } from '@shared/ipc/api'
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import { IPC_PREFIX, type IpcResult } from '@shared/ipc/contract'
import { ClientRequests } from '../../../src/main/core/hosting/clientRequests'
import {
  forwardServiceEvents,
  registerIpcHandlers,
  UNTRUSTED_SENDER_ERROR,
  type IpcMainLike
} from '../../../src/main/electron/ipcBridge'
import { badCases, VALID_INPUTS } from './contractCases'
import { fakeService, THROWING_CHANNEL } from './fakeService'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

const bridge = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  rendererListeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
  exposed: new Map<string, unknown>(),
  sender: { id: 5, trusted: true }
}))

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value)
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = bridge.handlers.get(channel)
      if (!handler) throw new Error(`No handler registered for '${channel}'`)
      return handler({ sender: { id: bridge.sender.id }, trusted: bridge.sender.trusted }, ...args)
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!bridge.rendererListeners.has(channel)) bridge.rendererListeners.set(channel, new Set())
      bridge.rendererListeners.get(channel)?.add(listener)
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      bridge.rendererListeners.get(channel)?.delete(listener)
    }
  }
}))

const service = fakeService()
let api: TranscriptorApi
let unregister: () => void
let stopEvents: () => void

beforeAll(async () => {
  const ipcMain: IpcMainLike = {
    handle: (channel: string, listener: Listener) =>
      bridge.handlers.set(
        channel,
        listener as (event: unknown, ...args: unknown[]) => Promise<unknown>
      ),
    removeHandler: (channel: string) => bridge.handlers.delete(channel)
  }
  unregister = registerIpcHandlers({
    ipcMain,
    handlers: service.handlers,
    requests: new ClientRequests(),
    isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
    log: () => undefined
  })
  stopEvents = forwardServiceEvents(service, (channel, payload) => {
    for (const listener of bridge.rendererListeners.get(channel) ?? [])
      listener({ sender: 'ipc' }, payload)
  })
  await import('../../../src/preload/index')
  api = bridge.exposed.get('transcriptor') as TranscriptorApi
})

afterAll(() => {
  stopEvents?.()
  unregister?.()
})

function method(channel: string): (input: unknown) => Promise<unknown> {
  const [group, name] = channel.split('.') as [string, string]
  return (api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[
    group
  ]![name]!
}

describe('Electron IPC (preload + ipcMain handlers, electron substituted)', () => {
  it('exposes exactly the contract methods, on, pathForFile and mediaUrl', () => {
    expect([...bridge.exposed.keys()]).toEqual(['transcriptor'])
    const methods = Object.entries(api).flatMap(([group, value]) =>
      typeof value === 'function'
        ? [group]
        : Object.keys(value as object).map((m) => `${group}.${m}`)
    )
    expect(methods.sort()).toEqual([...REQUEST_CHANNELS, 'on', 'pathForFile', 'mediaUrl'].sort())
    expect([...bridge.handlers.keys()].sort()).toEqual(
      REQUEST_CHANNELS.map((c) => IPC_PREFIX + c).sort()
    )
  })

  it.each(badCases().map((c) => [c.channel, c.label, c] as const))(
    '%s refuses %s',
    async (channel, _label, c) => {
      const before = service.calls[channel]
      // Through the raw handler (what any renderer code could send) …
      const raw = (await bridge.handlers.get(IPC_PREFIX + channel)!(
        { sender: { id: 5 }, trusted: true },
        c.input
      )) as IpcResult<unknown>
      expect(raw.ok).toBe(false)
      // … and through the exposed API, which rejects with the one-line reason.
      if (c.input !== undefined) {
        await expect(method(channel)(c.input)).rejects.toThrow(
          new RegExp(`^invalid arguments for ${channel.replace('.', '\\.')}`)
        )
      }
      expect(service.calls[channel]).toBe(before)
    }
  )

  it.each(REQUEST_CHANNELS.filter((c) => c !== THROWING_CHANNEL))(
    '%s answers a valid call for client wc:<id>',
    async (channel) => {
      await expect(method(channel)(VALID_INPUTS[channel])).resolves.toEqual({
        channel,
        input: VALID_INPUTS[channel],
        clientId: 'wc:5'
      })
    }
  )

  it('refuses extra arguments and foreign senders without reaching the handler', async () => {
    const handler = bridge.handlers.get(IPC_PREFIX + 'jobs.stop')!
    expect(await handler({ sender: { id: 5 }, trusted: true }, { id: 1 }, 'extra')).toEqual({
      ok: false,
      error: 'jobs.stop takes one argument, got 2'
    })
    bridge.sender.trusted = false
    const before = service.calls['jobs.stop']
    await expect(api.jobs.stop({ id: 1 })).rejects.toThrow(UNTRUSTED_SENDER_ERROR)
    expect(service.calls['jobs.stop']).toBe(before)
    bridge.sender.trusted = true
  })

  it('turns a thrown handler error into a one-line rejection', async () => {
    await expect(method(THROWING_CHANNEL)(VALID_INPUTS[THROWING_CHANNEL])).rejects.toThrow(
      /^job 1 is still running$/
    )
  })

  it('delivers events without the IPC event object, until unsubscribed', () => {
    const seen: unknown[] = []
    const off = api.on('job.deleted', (payload) => seen.push(payload))
    service.emit('job.deleted', { id: 3 })
    off()
    service.emit('job.deleted', { id: 4 })
    expect(seen).toEqual([{ id: 3 }])
    expect(() => api.on('nope' as 'job.deleted', () => undefined)).toThrow(/unknown event/)
  })

  it('gives the path of a dropped file', () => {
    expect(api.pathForFile?.({ name: 'a.wav' } as File)).toBe('/dropped/a.wav')
  })
})
