// whisper.cpp for real: the bundled binding in engine worker processes, through the real pipeline
// and the CLI, with an empty-weights model generated here (no weights can be downloaded on these
// machines; whisper.cpp runs such a model and transcribes to an empty result).
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAST_EMPTY_MODEL, writeEmptyWhisperModel } from '../../support/emptyWhisperModel'
import { whisperEngine } from '../../../src/main/engines/whisper'
import { spawnWhisperWorker } from '../../../src/main/engines/whisperWorker/spawnWorker'
import { spawnFirstWorker } from '../../../src/main/pipeline/spawnFirstWorker'
import {
  childPids,
  isAlive,
  joinedLibrivox,
  LIBRIVOX,
  makeSpec,
  removeDir,
  runPipelineProcess,
  startPipeline,
  tempDir,
  waitFor
} from './harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const PIPELINE = resolve(__dirname, '../../../out/main/pipeline.js')
const CLIP = join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0870.wav')

let dir: string
let fastModel: string
let slowModel: string
let longInput: string

beforeAll(() => {
  dir = tempDir('transcriptor-whisper-')
  fastModel = writeEmptyWhisperModel(join(dir, 'ggml-empty-fast.bin'), FAST_EMPTY_MODEL)
  // tiny's real dimensions: a 30 s window takes seconds, so Stop lands mid-chunk.
  slowModel = writeEmptyWhisperModel(join(dir, 'ggml-empty-tiny.bin'))
  longInput = joinedLibrivox(join(dir, 'long.wav'), 3)
})
afterAll(() => removeDir(dir))

function whisperWorkers(pipelinePid: number): number[] {
  return childPids(pipelinePid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('whisperWorker.js')
    } catch {
      return false
    }
  })
}

/** The long input in 20 s chunks over two worker processes. */
function longJob(name: string, model: string, language: string): ReturnType<typeof makeSpec> {
  return makeSpec(join(dir, name), longInput, {
    engine: 'whisper',
    model,
    chunkSeconds: 20,
    overlapSeconds: 1,
    processes: 2,
    language
  })
}

/** English-only by its vocabulary (n_vocab 51864), whatever its name. */
const englishOnlyModel = (name: string): string =>
  writeEmptyWhisperModel(join(dir, name), { ...FAST_EMPTY_MODEL, nVocab: 51864 })

describe('whisper through the pipeline (bundled whisper.cpp, empty-weights model)', () => {
  it('a job completes: workers load the model once each and take chunk after chunk', async () => {
    const spec = longJob('ok', fastModel, 'en')
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr + run.stdout).toBe(0)
    // It names the build that runs and the SIMD level of its CPU code, and the accelerator.
    expect(run.stdout).toMatch(
      /whisper backend: whisper\.cpp \S+ \(CPU code: (AVX-512|AVX2\+FMA|AVX|NEON|SSE \(baseline\)|baseline x86-64 \(no AVX\)|NEON)[^)]*\), (CPU|Vulkan|CUDA|Metal)/
    )
    expect(run.stdout).toMatch(
      /no tensors loaded from model file - assuming empty model for testing/
    )
    const chunks = Number(/→ (\d+) chunk\(s\)/.exec(run.stdout)?.[1])
    expect(chunks).toBeGreaterThan(2)
    // Two workers, each loading its model once, for all the chunks.
    expect(run.stdout.match(/engine worker \d ready: model loaded/g)).toHaveLength(2)
    expect(run.stdout.match(/chunk \d+\/\d+ done/g)).toHaveLength(chunks)
    expect(run.events.at(-1)).toMatchObject({ type: 'done', wordCount: 0 })
    const json = JSON.parse(readFileSync(join(spec.outputDir, 'transcript.json'), 'utf8')) as {
      segments: unknown[]
    }
    expect(json.segments).toEqual([])
  })

  it('Stop mid-chunk (SIGTERM to the pipeline) leaves no whisper process', async () => {
    const spec = makeSpec(join(dir, 'stop'), longInput, {
      engine: 'whisper',
      model: slowModel,
      chunkSeconds: 30,
      processes: 2
    })
    const run = startPipeline(spec, { supervised: true })
    let stdout = ''
    run.child.stdout?.on('data', (b: Buffer) => (stdout += b.toString('utf8')))
    let workers: number[] = []
    await waitFor(
      () =>
        /engine worker 2 ready/.test(stdout) &&
        (workers = whisperWorkers(run.child.pid ?? -1)).length === 2,
      'two whisper workers with the model loaded',
      120_000
    )
    expect(stdout).not.toMatch(/chunk \d+\/\d+ done/) // both are mid-chunk
    const stoppedAt = Date.now()
    run.child.kill('SIGTERM')
    const result = await run.finished
    expect(Date.now() - stoppedAt).toBeLessThan(5_000)
    expect(result.code).not.toBe(0)
    await waitFor(() => workers.every((pid) => !isAlive(pid)), 'whisper workers to exit', 5_000)
    expect(result.events.some((e) => e.type === 'done')).toBe(false)
  })

  it.each([
    [
      'random bytes',
      // Random after a fixed first byte: a random `{` or `<` would read as JSON or HTML.
      (p: string) => writeFileSync(p, Buffer.concat([Buffer.from([0x9e]), randomBytes(200_000)])),
      /not a whisper ggml model: it does not start with the ggml magic/
    ],
    [
      'a truncated model',
      (p: string) => {
        copyFileSync(fastModel, p)
        truncateSync(p, 30_000)
      },
      /truncated whisper model/
    ],
    [
      'an HTML error page',
      (p: string) => writeFileSync(p, '<!DOCTYPE html><title>404</title>'),
      /an HTML page/
    ]
  ])('a model of %s fails the job with one line', async (_what, make, reason) => {
    const model = join(dir, `bad-${Math.random().toString(36).slice(2)}.bin`)
    make(model)
    const spec = makeSpec(join(dir, 'bad'), CLIP, { engine: 'whisper', model })
    const run = await runPipelineProcess(spec)
    expect(run.code).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(reason)
    expect(run.errors[0]).not.toContain('\n')
  })
})

/** Processes (not zombies) whose command line names `text`: a worker's names its model's path. */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && isAlive(pid)
      } catch {
        return false // exited while we looked
      }
    })
}

describe('the worker started with the job, before the input is read (earlyWorker.ts)', () => {
  it('Stop while it still loads its model kills it at once: the start fails as cancelled', async () => {
    const stop = new AbortController()
    const starting = whisperEngine.startWorker?.({
      model: slowModel,
      log: () => undefined,
      signal: stop.signal
    })
    // Seen as soon as it is spawned (Node and the model take far longer to be ready).
    const pid = await waitFor(
      () => whisperWorkers(process.pid).at(0),
      'the whisper worker process',
      10_000,
      2
    )
    stop.abort()
    await expect(starting).rejects.toThrow('cancelled')
    await waitFor(() => !isAlive(pid), 'the loading worker to be killed', 2_000, 5)
  })

  it('an input that cannot be read fails the job with one line and leaves no whisper worker', async () => {
    const model = join(dir, `ggml-early-${process.pid}.bin`)
    copyFileSync(slowModel, model)
    const empty = join(dir, 'empty.wav')
    writeFileSync(empty, '')
    const run = await runPipelineProcess(
      makeSpec(join(dir, 'early-bad-input'), empty, { engine: 'whisper', model })
    )
    expect(run.code).toBe(1)
    expect(run.errors).toEqual([expect.stringMatching(/^file is empty: empty\.wav/)])
    await waitFor(() => processesNaming(model).length === 0, 'no worker of that job', 2_000, 5)
  })
})

describe("the job's first worker process, started before the pipeline's code loads (spawnFirstWorker.ts)", () => {
  it('is adopted by the engine, not started again; another model gets a process of its own', async () => {
    const started = spawnWhisperWorker(fastModel, 'auto')
    const worker = await whisperEngine.startWorker?.({
      model: fastModel,
      log: () => undefined,
      started
    })
    expect(worker).toBeTruthy()
    expect(whisperWorkers(process.pid)).toEqual([started.child.pid])
    worker?.close()
    await waitFor(() => !isAlive(started.child.pid ?? -1), 'the adopted worker to exit', 5_000, 5)

    const other = spawnWhisperWorker(slowModel, 'auto')
    const second = await whisperEngine.startWorker?.({
      model: fastModel,
      log: () => undefined,
      started: other
    })
    const pids = whisperWorkers(process.pid)
    expect(pids).toHaveLength(1)
    expect(pids).not.toContain(other.child.pid)
    expect(isAlive(other.child.pid ?? -1)).toBe(false)
    second?.close()
  })

  it('a spec that then fails validation: one line, exit 2, and the worker started for it is gone', async () => {
    const model = join(dir, `ggml-first-${process.pid}.bin`)
    copyFileSync(fastModel, model)
    const spec = {
      ...makeSpec(join(dir, 'first-bad-spec'), CLIP, { engine: 'whisper', model }),
      jobId: 'x'
    }
    const run = spawnSync(process.execPath, [PIPELINE, '--spec', JSON.stringify(spec)], {
      encoding: 'utf8'
    })
    expect(run.status).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/invalid --spec: jobId/)])
    await waitFor(() => processesNaming(model).length === 0, 'no worker of that spec', 2_000, 5)
  })

  it('no process for other engines, whisper-cli, a model not found or a spec that is not JSON', () => {
    const spec = (o: object): string[] => [
      '--spec',
      JSON.stringify({ engine: 'whisper', model: fastModel, ...o })
    ]
    expect(spawnFirstWorker(spec({ engine: 'pocketsphinx' }))).toBeNull()
    expect(spawnFirstWorker(spec({}), { TRANSCRIPTOR_WHISPER_BACKEND: 'cli' })).toBeNull()
    expect(spawnFirstWorker(spec({ model: join(dir, 'ggml-missing.bin') }))).toBeNull()
    expect(spawnFirstWorker(['--spec', '{not json'])).toBeNull()
    expect(spawnFirstWorker([])).toBeNull()
    expect(whisperWorkers(process.pid)).toEqual([])
  })
})

describe('language and task', () => {
  it('translate with a multilingual model: the JSON output says language and task', async () => {
    const spec = makeSpec(join(dir, 'translate'), CLIP, {
      engine: 'whisper',
      model: fastModel,
      language: 'de',
      translate: true
    })
    const run = await runPipelineProcess(spec)
    expect(run.code, run.stderr).toBe(0)
    const json = JSON.parse(readFileSync(join(spec.outputDir, 'transcript.json'), 'utf8')) as {
      language: string
      task: string
    }
    expect(json).toMatchObject({ language: 'de', task: 'translate' })
  })

  it('an English-only model asked for German fails with one line, known from the file not its name', async () => {
    // English-only by its vocabulary, named like a multilingual model.
    const enModel = englishOnlyModel('ggml-fast-renamed.bin')
    const spec = makeSpec(join(dir, 'en-only'), CLIP, {
      engine: 'whisper',
      model: enModel,
      language: 'de'
    })
    const run = await runPipelineProcess(spec)
    expect(run.code).toBe(1)
    expect(run.errors).toEqual([
      "ggml-fast-renamed.bin is an English-only model: it cannot transcribe 'de'; pick a multilingual one (e.g. base)"
    ])
    // And a multilingual model named like an .en one takes German.
    const multiNamedEn = join(dir, 'ggml-fast-multi.en.bin')
    copyFileSync(fastModel, multiNamedEn)
    const ok = await runPipelineProcess(
      makeSpec(join(dir, 'multi-named-en'), CLIP, {
        engine: 'whisper',
        model: multiNamedEn,
        language: 'de'
      })
    )
    expect(ok.code, ok.stderr).toBe(0)
  })

  it('language auto is detected once per job and given to every chunk; never with an English-only model', async () => {
    const run = await runPipelineProcess(longJob('auto', fastModel, 'auto'))
    expect(run.code, run.stderr).toBe(0)
    const chunks = Number(/→ (\d+) chunk\(s\)/.exec(run.stdout)?.[1])
    expect(chunks).toBeGreaterThan(2)
    // whisper.cpp logs "auto-detected language" each time it detects: once, not once per chunk.
    expect(run.stdout.match(/auto-detected language/g)).toHaveLength(1)
    expect(
      run.stdout.match(/language detected on the first chunk: [a-z]+ \(given to every chunk\)/g)
    ).toHaveLength(1)

    const en = await runPipelineProcess(
      longJob('auto-en', englishOnlyModel('ggml-fast-en.bin'), 'auto')
    )
    expect(en.code, en.stderr).toBe(0)
    expect(en.stdout).not.toMatch(/auto-detected language|language detected on the first chunk/)
  })
})

describe('transcriptor transcribe --engine whisper --model PATH', () => {
  it('runs the bundled whisper.cpp with an empty-weights model and completes', () => {
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        '--data-dir',
        join(dir, 'cli-home'),
        'transcribe',
        CLIP,
        '--engine',
        'whisper',
        '--model',
        fastModel,
        '--out',
        join(dir, 'cli-out')
      ],
      { encoding: 'utf8', timeout: 300_000 }
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr + r.stdout).toMatch(/done/)
  })
})
