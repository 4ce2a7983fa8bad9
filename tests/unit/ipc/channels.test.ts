// The zod-free channel lists (used by the sandboxed preload and the browser client) must name
// exactly the contract's channels, and share its prefix.
import { describe, expect, it } from 'vitest'
import * as channels from '@shared/ipc/channels'
import { EVENT_CHANNELS, IPC_PREFIX, requestContract } from '@shared/ipc/contract'

describe('channel lists', () => {
  it('match the contract', () => {
    expect([...channels.REQUEST_CHANNELS].sort()).toEqual(Object.keys(requestContract).sort())
    expect([...channels.EVENT_CHANNEL_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort())
    expect(channels.IPC_PREFIX).toBe(IPC_PREFIX)
  })
})
