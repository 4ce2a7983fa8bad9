// Stopping: SIGTERM and losing the parent both kill the engine workers, remove the temp dir and
// exit non-zero quickly; a normal run (started by hand, stdin at /dev/null: no spurious watchdog)
// emits probe → engine → progress… → done, and its progress says the phase (decoding, finding
// speech, transcribing) and moves inside the first chunk.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  childPids,
  ffmpeg,
  isAlive,
  joinedLibrivox,
  LIBRIVOX,
  makeSpec,
  removeDir,
  runPipelineProcess,
  startPipeline,
  tempDir,
  waitFor,
  type RunningPipeline
} from './harness'

const JFK = resolve(__dirname, '../../../../shared/data/speech/jfk.wav')
let dir: string
let longInput: string

beforeAll(() => {
  dir = tempDir()
  longInput = joinedLibrivox(join(dir, 'long.wav'), 4) // ~99 s of speech
})
afterAll(() => removeDir(dir))

/** Waits until the pipeline runs two engine processes, returns their PIDs. */
async function engineWorkers(run: RunningPipeline): Promise<number[]> {
  let workers: number[] = []
  await waitFor(
    () => {
      workers = childPids(run.child.pid ?? -1).filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pocketsphinx')
        } catch {
          return false
        }
      })
      return workers.length === 2
    },
    'two pocketsphinx workers',
    60_000
  )
  return workers
}

describe('pipeline lifecycle', () => {
  it('unsupervised with stdin at /dev/null: emits probe, engine, progress with ETA, then done; outputs are complete files', async () => {
    const spec = makeSpec(
      join(dir, 'events'),
      join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0870.wav'),
      {
        chunkSeconds: 5,
        overlapSeconds: 1
      }
    )
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    const types = run.events.map((e) => e.type)
    // Decoding and finding speech report progress before the engine is named.
    expect(types.filter((t) => t !== 'progress').slice(0, 2)).toEqual(['probe', 'engine'])
    expect(types[0]).toBe('probe')
    expect(types.at(-1)).toBe('done')
    const progress = run.events.flatMap((e) => (e.type === 'progress' ? [e] : []))
    expect(progress.at(-1)).toMatchObject({
      chunksDone: 2,
      chunksTotal: 2,
      fraction: 1,
      etaSeconds: 0
    })
    expect(progress.filter((p) => p.chunksDone > 0).every((p) => p.etaSeconds !== null)).toBe(true)
    const json = JSON.parse(readFileSync(join(spec.outputDir, 'transcript.json'), 'utf8')) as {
      segments: { words: { word: string; start: number; end: number }[] }[]
    }
    const words = json.segments.flatMap((s) => s.words)
    expect(words.map((w) => w.word)).toContain('consider')
    expect(words.every((w, i) => i === 0 || w.start >= words[i - 1].start)).toBe(true)
    expect(run.stdout).toMatch(/chunk 2\/2 done/)
    expect(readFileSync(join(spec.outputDir, 'transcript.txt'), 'utf8')).toMatch(/consider/)
    expect(existsSync(spec.tempDir)).toBe(false)
  })

  it('says its phase and how far it got inside the first chunk, with an ETA, before that chunk’s words', async () => {
    // jfk.wav twice (22 s) in 6 s chunks, one at a time: pocketsphinx prints each utterance with
    // its times as soon as it is decoded, which moves the progress within the first chunk.
    const input = join(dir, 'jfk twice.wav')
    execFileSync('sox', [JFK, JFK, input])
    const spec = makeSpec(join(dir, 'within'), input, {
      chunkSeconds: 6,
      overlapSeconds: 0.5,
      processes: 1
    })
    const running = startPipeline(spec)
    await waitFor(
      () => running.events.some((e) => e.type === 'chunkWords'),
      'the first chunk’s words',
      30_000
    )
    running.child.kill('SIGTERM') // the rest of the file is not what this test is about
    const { events } = await running.finished
    const firstWords = events.findIndex((e) => e.type === 'chunkWords')
    const before = events.slice(0, firstWords).flatMap((e) => (e.type === 'progress' ? [e] : []))
    expect(before[0]).toMatchObject({ phase: 'decoding', phaseFraction: 0, fraction: 0 })
    expect(before.map((p) => p.phase)).toContain('planning')
    const chunks = before.filter((p) => p.phase === 'transcribing')
    expect(chunks[0].chunksTotal).toBeGreaterThanOrEqual(3)
    const within = chunks.filter(
      (p) => p.fraction > 0 && p.fraction < 1 / p.chunksTotal && p.etaSeconds !== null
    )
    expect(within.length, JSON.stringify(before)).toBeGreaterThan(0)
    expect(within.every((p) => p.chunksDone === 0)).toBe(true)
  })

  it('where the engine says nothing inside a chunk, the rate of earlier jobs gives the ETA', async () => {
    // A reading looped without pauses: pocketsphinx hears one utterance per 30 s chunk and
    // prints nothing until the chunk ends. The host passes the rate earlier jobs ran at.
    const input = join(dir, 'one utterance.wav')
    ffmpeg([
      '-stream_loop',
      '6',
      '-i',
      join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0870.wav'),
      '-c',
      'copy',
      input
    ])
    const spec = makeSpec(join(dir, 'earlier'), input, {
      processes: 1,
      earlierSecondsPerAudioSecond: 0.5
    })
    const running = startPipeline(spec)
    const estimate = await waitFor(
      () =>
        running.events.find(
          (e) => e.type === 'progress' && e.phase === 'transcribing' && e.etaSeconds !== null
        ),
      'an ETA',
      30_000
    )
    const wordsYet = running.events.some((e) => e.type === 'chunkWords')
    running.child.kill('SIGTERM')
    await running.finished
    expect(wordsYet).toBe(false)
    expect(estimate).toMatchObject({ chunksDone: 0 })
  })

  it('SIGTERM kills the workers, removes the temp dir and exits non-zero quickly', async () => {
    const spec = makeSpec(join(dir, 'sigterm'), longInput, { chunkSeconds: 20, processes: 2 })
    const run = startPipeline(spec)
    const workers = await engineWorkers(run)
    expect(existsSync(spec.tempDir)).toBe(true)
    const stoppedAt = Date.now()
    run.child.kill('SIGTERM')
    const result = await run.finished
    expect(Date.now() - stoppedAt).toBeLessThan(5_000)
    expect(result.code).not.toBe(0)
    await waitFor(() => workers.every((pid) => !isAlive(pid)), 'workers to exit', 5_000)
    expect(existsSync(spec.tempDir)).toBe(false)
    expect(result.events.some((e) => e.type === 'done')).toBe(false)
  })

  it('supervised: when the control pipe (stdin) closes, it stops its workers and exits', async () => {
    const spec = makeSpec(join(dir, 'watchdog'), longInput, { chunkSeconds: 20, processes: 2 })
    const run = startPipeline(spec, { supervised: true })
    const workers = await engineWorkers(run)
    run.child.stdin?.end()
    const result = await run.finished
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/parent lost/)
    await waitFor(() => workers.every((pid) => !isAlive(pid)), 'workers to exit', 5_000)
    expect(existsSync(spec.tempDir)).toBe(false)
  })
})
