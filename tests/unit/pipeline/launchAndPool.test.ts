import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pipelineLaunch, pipelineScriptPath } from '../../../src/main/core/process/pipelineLaunch'
import { runChunkPool, type ChunkServer } from '../../../src/main/pipeline/chunkPool'
import { parsePipelineArgs } from '../../../src/main/pipeline/spec'
import { makeSpec } from '../../support/pipelineSpec'

const spec = makeSpec('/', `/in/it's "a" $(x).wav`, {
  jobId: 7,
  outputDir: '/out',
  outputBaseName: 'it',
  formats: ['txt'],
  tempDir: '/tmp/job-7'
})

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('pipelineLaunch', () => {
  it('runs the built pipeline with the spec as one argv element and a copied env', () => {
    const launch = pipelineLaunch(spec)
    expect(launch.command).toBe(process.execPath)
    expect(launch.args[0]).toBe(resolve(__dirname, '../../../out/main/pipeline.js'))
    expect(launch.args.slice(1, 3)).toEqual(['--supervised', '--spec'])
    expect(JSON.parse(launch.args[3])).toEqual(spec)
    expect(launch.env).not.toBe(process.env)
    expect(launch.env.PATH).toBe(process.env.PATH)
    expect(launch.env.ELECTRON_RUN_AS_NODE).toBe(
      process.versions.electron ? '1' : process.env.ELECTRON_RUN_AS_NODE
    )
  })

  it('finds pipeline.js next to a bundle, else under the repo out/main', () => {
    const bundle = mkdtempSync(join(tmpdir(), 'launch-'))
    dirs.push(bundle)
    writeFileSync(join(bundle, 'pipeline.js'), '')
    expect(pipelineScriptPath(bundle)).toBe(join(bundle, 'pipeline.js'))
    const repo = mkdtempSync(join(tmpdir(), 'launch-repo-'))
    dirs.push(repo)
    writeFileSync(join(repo, 'package.json'), '{}')
    mkdirSync(join(repo, 'src/main/pipeline'), { recursive: true })
    expect(pipelineScriptPath(join(repo, 'src/main/pipeline'))).toBe(
      join(repo, 'out/main/pipeline.js')
    )
  })

  it('the pipeline reads back exactly that argv', () => {
    const parsed = parsePipelineArgs(pipelineLaunch(spec).args.slice(1))
    expect(parsed).toEqual({ spec, supervised: true })
    expect(() => parsePipelineArgs(['--spec', '{"jobId":1}'])).toThrow(/invalid --spec: /)
    expect(() => parsePipelineArgs([])).toThrow(/usage/)
  })
})

/** runChunkPool with one local server of `limit` slots: the pool every job without endpoints uses. */
const runLocally = <T>(
  count: number,
  limit: number,
  run: ChunkServer<T>['run'],
  signal: AbortSignal
): Promise<T[]> =>
  runChunkPool(count, [{ name: 'local', slots: limit, isEndpoint: false, run }], signal)

describe('the chunk pool with the local engine only', () => {
  it('never runs more than `limit` tasks at once and keeps result order', async () => {
    let running = 0
    let peak = 0
    const results = await runLocally(
      9,
      3,
      async (i) => {
        running++
        peak = Math.max(peak, running)
        await new Promise((r) => setTimeout(r, 5 + (i % 3) * 5))
        running--
        return i * 10
      },
      new AbortController().signal
    )
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80])
    expect(peak).toBe(3)
  })

  it('aborts the others and rejects with the first failure', async () => {
    const aborted: number[] = []
    const started: number[] = []
    const run = runLocally(
      10,
      2,
      (i, signal) =>
        new Promise<number>((resolveTask, reject) => {
          started.push(i)
          if (i === 1) return setTimeout(() => reject(new Error('chunk 2 broke')), 5)
          const timer = setTimeout(() => resolveTask(i), 1000)
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            aborted.push(i)
            reject(new Error('cancelled'))
          })
        }),
      new AbortController().signal
    )
    await expect(run).rejects.toThrow('chunk 2 broke')
    expect(aborted).toEqual([0])
    expect(started).toEqual([0, 1])
  })
})
