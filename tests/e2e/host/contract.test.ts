// The contract table against the BUILT browser host with the real core: every malformed call on
// every channel is refused with a one-line reason, nothing is created, and the host keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'
import { badCases } from '../../unit/ipc/contractCases'

let host: RunningHost
let client: HostClient

beforeAll(async () => {
  host = await startHost()
  client = await connectClient(host)
})

afterAll(async () => {
  await client?.close()
  await host?.stop()
})

describe('built browser host refuses malformed calls', () => {
  it('answers every bad case with a one-line refusal and keeps working', async () => {
    const cases = badCases()
    const refusals = await Promise.all(cases.map((c) => client.request(c.channel, c.input)))
    refusals.forEach((result, i) => {
      const c = cases[i]!
      expect(result.ok, `${c.channel}: ${c.label}`).toBe(false)
      if (!result.ok) {
        expect(result.error).toMatch(/^invalid arguments for /)
        expect(result.error).not.toContain('\n')
      }
    })
    expect(await client.call('jobs.list', {})).toEqual([])
    expect(host.process.exitCode).toBeNull()
  })
})
