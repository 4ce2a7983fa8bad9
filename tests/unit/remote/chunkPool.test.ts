// The chunk pool's rules, with servers that succeed or fail on cue: a failing endpoint's chunks
// go to the others, Retry-After is honoured, a dropped endpoint's reason is logged, the job fails
// only when none is left (with every reason), and a local failure still fails at once.
import { describe, expect, it } from 'vitest'
import {
  runChunkPool,
  ServersExhaustedError,
  type ChunkServer
} from '../../../src/main/pipeline/chunkPool'
import { EndpointError } from '../../../src/main/engines/endpointProtocol'

const ok = (name: string, done: string[], slots = 1, ms = 5): ChunkServer<string> => ({
  name,
  slots,
  isEndpoint: true,
  run: async (index) => {
    await new Promise((r) => setTimeout(r, ms))
    done.push(`${name}:${index}`)
    return `${index}`
  }
})

const failing = (name: string, error: () => Error): ChunkServer<string> => ({
  name,
  slots: 1,
  isEndpoint: true,
  run: async () => {
    throw error()
  }
})

describe('runChunkPool', () => {
  it('spreads chunks over servers up to each one’s slots', async () => {
    const done: string[] = []
    const results = await runChunkPool(
      8,
      [ok('a', done, 2), ok('b', done, 1)],
      new AbortController().signal,
      {
        log: () => undefined
      }
    )
    expect(results).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
    expect(done.some((d) => d.startsWith('a:'))).toBe(true)
    expect(done.some((d) => d.startsWith('b:'))).toBe(true)
  })

  it('a dead endpoint is retried, then dropped with its reason; the others do its chunks', async () => {
    const done: string[] = []
    const log: string[] = []
    const results = await runChunkPool(
      5,
      [failing('dead', () => new EndpointError('connection refused', false)), ok('alive', done)],
      new AbortController().signal,
      { log: (l) => log.push(l), backoffMs: 1, maxFailures: 3 }
    )
    expect(results).toHaveLength(5)
    expect(done).toHaveLength(5)
    expect(log.join('\n')).toMatch(
      /endpoint dead: chunk \d failed \(connection refused\); retrying in/
    )
    expect(log.join('\n')).toMatch(
      /endpoint dead dropped for the rest of the job: connection refused/
    )
  })

  it('Retry-After on 429 pauses that endpoint for as long as asked', async () => {
    let calls = 0
    const times: number[] = []
    const limited: ChunkServer<string> = {
      name: 'limited',
      slots: 1,
      isEndpoint: true,
      run: async (index) => {
        times.push(Date.now())
        if (calls++ === 0) throw new EndpointError('rate limited (HTTP 429)', false, 300)
        return `${index}`
      }
    }
    const log: string[] = []
    await runChunkPool(2, [limited], new AbortController().signal, { log: (l) => log.push(l) })
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(280)
    expect(log.join('\n')).toMatch(/retrying in 0\.3 s \(Retry-After\)/)
  })

  it('fails only when no endpoint is left, naming every reason', async () => {
    const run = runChunkPool(
      3,
      [
        failing('a', () => new EndpointError('not authorised (HTTP 401)', true)),
        failing('b', () => new EndpointError('HTTP 500', false))
      ],
      new AbortController().signal,
      { log: () => undefined, backoffMs: 1, maxFailures: 2 }
    )
    await expect(run).rejects.toBeInstanceOf(ServersExhaustedError)
    await expect(run).rejects.toThrow(
      'every endpoint failed (a: not authorised (HTTP 401); b: HTTP 500)'
    )
  })

  it('a local engine failure fails the job at once, as before', async () => {
    const local: ChunkServer<string> = {
      name: 'pocketsphinx',
      slots: 1,
      isEndpoint: false,
      run: async () => {
        throw new Error('engine crashed')
      }
    }
    await expect(
      runChunkPool(3, [local, ok('remote', [])], new AbortController().signal, {
        log: () => undefined
      })
    ).rejects.toThrow('engine crashed')
  })

  it('abort stops everything and rejects as cancelled', async () => {
    const controller = new AbortController()
    const slow: ChunkServer<string> = {
      name: 'slow',
      slots: 4,
      isEndpoint: true,
      run: (_index, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('cancelled')))
        )
    }
    const run = runChunkPool(10, [slow], controller.signal, { log: () => undefined })
    setTimeout(() => controller.abort(), 20)
    await expect(run).rejects.toThrow('cancelled')
  })
})
