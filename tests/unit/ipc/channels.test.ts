// The zod-free channel lists (used by the sandboxed preload and the browser client) must name
// exactly the contract's channels, and share its prefix.
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as channels from '@shared/ipc/channels'
import { IPC_PREFIX, requestContract, type EventChannel } from '@shared/ipc/contract'

describe('channel lists', () => {
  it('match the contract', () => {
    expect([...channels.REQUEST_CHANNELS].sort()).toEqual(Object.keys(requestContract).sort())
    // Event channels exist only as a type in the contract: the typecheck compares them.
    expectTypeOf<(typeof channels.EVENT_CHANNEL_NAMES)[number]>().toEqualTypeOf<EventChannel>()
    expect(new Set(channels.EVENT_CHANNEL_NAMES).size).toBe(channels.EVENT_CHANNEL_NAMES.length)
    expect(channels.IPC_PREFIX).toBe(IPC_PREFIX)
  })
})
