// The worker pool's warm-up: one worker starts while the input is decoded, and the first chunk
// takes it. The engine here is a stand-in whose workers take a set time to "load a model": the
// pool's bookkeeping is what is under test (a real whisper worker loads in microseconds with the
// empty test model, too fast to race).
import { describe, expect, it } from 'vitest'
import type { Engine, EngineWorker } from '../../../src/main/engines/types'
import { EngineWorkerPool } from '../../../src/main/pipeline/engineWorkers'
import { waitFor } from '../../support/waitFor'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

interface Loads {
  engine: Engine
  started: number
  closed: number
}

/** An engine whose workers load in `loadMs`; `failFirst` makes the first start fail. */
function engineWithWorkers(loadMs: number, o: { failFirst?: boolean } = {}): Loads {
  const loads: Loads = {
    started: 0,
    closed: 0,
    engine: {
      name: 'whisper',
      availability: () => Promise.reject(new Error('not used')),
      transcribeChunk: () => Promise.reject(new Error('a worker should have been used')),
      startWorker: async () => {
        const n = ++loads.started
        await sleep(loadMs)
        if (o.failFirst && n === 1) throw new Error('model file is corrupt')
        const worker: EngineWorker = {
          description: `worker ${n}`,
          fallback: null,
          loadMs,
          detectsLanguage: false,
          transcribe: async () => ({
            words: [{ word: `from-${n}`, start: 0, end: 1 }],
            language: null
          }),
          close: () => void loads.closed++
        }
        return worker
      }
    }
  }
  return loads
}

const chunkOptions = {
  model: '',
  threads: 1,
  signal: new AbortController().signal,
  scratchDir: '/tmp'
}

function pool(loads: Loads, limit: number): EngineWorkerPool {
  return new EngineWorkerPool({ engine: loads.engine, model: '', limit, log: () => undefined })
}

describe('EngineWorkerPool warm-up', () => {
  it('the first chunk takes the worker that warmed up, whose model loaded meanwhile', async () => {
    const loads = engineWithWorkers(200)
    const workers = pool(loads, 2)
    workers.warmUp()
    expect(loads.started).toBe(1)
    await sleep(150) // the decode and cut plan would run here
    const words = await workers.transcribe('a.wav', chunkOptions)
    expect(words[0].word).toBe('from-1')
    expect(loads.started).toBe(1) // it waited for the rest of that load, not for a fresh one
    workers.close()
    expect(loads.closed).toBe(1)
  })

  it('two lanes while it still loads: one takes it, the other starts the second worker', async () => {
    const loads = engineWithWorkers(100)
    const workers = pool(loads, 2)
    workers.warmUp()
    const words = await Promise.all([
      workers.transcribe('a.wav', chunkOptions),
      workers.transcribe('b.wav', chunkOptions)
    ])
    expect(words.map((w) => w[0].word).sort()).toEqual(['from-1', 'from-2'])
    expect(loads.started).toBe(2)
    workers.close()
    expect(loads.closed).toBe(2)
  })

  it('with one process, one worker in all', async () => {
    const loads = engineWithWorkers(50)
    const workers = pool(loads, 1)
    workers.warmUp()
    workers.warmUp()
    for (const name of ['a.wav', 'b.wav', 'c.wav']) await workers.transcribe(name, chunkOptions)
    expect(loads.started).toBe(1)
    workers.close()
  })

  it('a warm-up that fails is not the end: the first chunk starts a worker of its own', async () => {
    const loads = engineWithWorkers(20, { failFirst: true })
    const workers = pool(loads, 1)
    workers.warmUp()
    const words = await workers.transcribe('a.wav', chunkOptions)
    expect(words[0].word).toBe('from-2')
    workers.close()
  })

  it('the worker the pipeline started before the pool existed is the one the first chunk takes', async () => {
    const loads = engineWithWorkers(50)
    const early = loads.engine.startWorker?.({ model: '', log: () => undefined })
    const workers = pool(loads, 1)
    workers.warmUp(early)
    const words = await workers.transcribe('a.wav', chunkOptions)
    expect(words[0].word).toBe('from-1')
    expect(loads.started).toBe(1) // no second start, no second model load
    workers.close()
    expect(loads.closed).toBe(1)
  })

  it('an early worker the pool cannot take (it warmed up already) is closed, not left running', async () => {
    const loads = engineWithWorkers(20)
    const workers = pool(loads, 1)
    workers.warmUp()
    workers.warmUp(loads.engine.startWorker?.({ model: '', log: () => undefined }))
    await waitFor(() => loads.closed === 1, 'the extra worker to be closed')
    await workers.transcribe('a.wav', chunkOptions)
    expect(loads.closed).toBe(1)
    workers.close()
  })

  it('closed while it loads (the input was bad, or Stop): the worker is closed when it arrives', async () => {
    const loads = engineWithWorkers(50)
    const workers = pool(loads, 1)
    workers.warmUp()
    workers.close()
    expect(loads.closed).toBe(0) // still loading
    await waitFor(() => loads.closed === 1, 'the late worker to be closed')
    expect(loads.started).toBe(1)
  })
})
