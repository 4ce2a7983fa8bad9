// What a user is told about whisper.cpp on a machine without it, and how models are found.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveWhisperModel, whisperEngine } from '../../../src/main/engines/whisper'
import { getEngine, listEngines } from '../../../src/main/engines/registry'
import { cpuFlags, cpuLevel, RUNTIME_LEVEL } from '../../../src/main/engines/whisperWorker/cpuBuild'

let models: string
const saved = { ...process.env }

beforeEach(() => {
  models = mkdtempSync(join(tmpdir(), 'whisper-models-'))
  process.env.TRANSCRIPTOR_WHISPER_MODELS = models
  process.env.TRANSCRIPTOR_WHISPER_BACKEND = 'cli'
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(models, { recursive: true, force: true })
})

describe('whisper availability', () => {
  it('without whisper-cli: unavailable, with what to build and where to put it', async () => {
    process.env.PATH = '/nonexistent'
    delete process.env.TRANSCRIPTOR_WHISPER_CLI
    const info = await whisperEngine.availability()
    expect(info.available).toBe(false)
    expect(info.detail).toMatch(/whisper\.cpp not found: .*whisper-cli.*TRANSCRIPTOR_WHISPER_CLI/)
  })

  it('with a binary but no model: names the model file and the folder to put it in', async () => {
    process.env.TRANSCRIPTOR_WHISPER_CLI = '/bin/true' // any executable: only "a binary is found" matters here
    const info = await whisperEngine.availability('small.en')
    expect(info.available).toBe(false)
    expect(info.detail).toContain('ggml-small.en.bin')
    expect(info.detail).toContain(models)
  })

  it('finds a model by name in the model folder, or by path; lists the names', async () => {
    writeFileSync(join(models, 'ggml-base.en.bin'), 'x')
    expect(resolveWhisperModel('')).toBe(join(models, 'ggml-base.en.bin'))
    expect(resolveWhisperModel('base.en')).toBe(join(models, 'ggml-base.en.bin'))
    expect(resolveWhisperModel(join(models, 'ggml-base.en.bin'))).toBe(
      join(models, 'ggml-base.en.bin')
    )
    expect(resolveWhisperModel('/nope/ggml-x.bin')).toBeNull()
    process.env.TRANSCRIPTOR_WHISPER_CLI = '/bin/true'
    const info = await whisperEngine.availability('base.en')
    expect(info).toMatchObject({ available: true, models: ['base.en'] })
  })
})

describe('whisper availability, bundled backend (the default)', () => {
  it('names the bundled build and what it can use; without a model says how to pull one', async () => {
    delete process.env.TRANSCRIPTOR_WHISPER_BACKEND
    process.env.PATH = '/nonexistent' // whisper-cli is not needed
    process.env.TRANSCRIPTOR_WHISPER_NATIVE = 'off'
    const info = await whisperEngine.availability('small.en')
    expect(info.available).toBe(false)
    // The prebuilt's CPU level, this CPU's, and why no build for this CPU is used.
    expect(info.detail).toMatch(
      /^bundled whisper\.cpp: (CPU baseline x86-64 \(no AVX\), this CPU has [^;]+; build for this CPU: turned off|Metal)/
    )
    expect(info.detail).toContain('transcriptor models pull small.en')
    writeFileSync(join(models, 'ggml-small.en.bin'), 'x')
    const ready = await whisperEngine.availability('small.en')
    expect(ready).toMatchObject({ available: true, models: ['small.en'] })
  })

  it('names the build for this CPU and its level when one was built here', async () => {
    const build = join(models, 'native-build')
    mkdirSync(build, { recursive: true })
    writeFileSync(join(build, 'index.node'), '')
    writeFileSync(join(build, 'build.json'), JSON.stringify({ cpuFlags: cpuFlags() ?? [] }))
    process.env.TRANSCRIPTOR_WHISPER_NATIVE = build
    delete process.env.TRANSCRIPTOR_WHISPER_BACKEND
    const info = await whisperEngine.availability('small.en')
    expect(info.detail).toContain(
      `whisper.cpp built for this CPU: CPU ${cpuLevel(cpuFlags())} (${join(build, 'index.node')})`
    )
  })

  it('names a runtime-dispatch build as one whose CPU level ggml chooses', async () => {
    const build = join(models, 'dispatch-build')
    mkdirSync(build, { recursive: true })
    writeFileSync(join(build, 'index.node'), '')
    const platform = `${process.platform}-${process.arch}`
    writeFileSync(join(build, 'build.json'), JSON.stringify({ dispatch: 'runtime', platform }))
    process.env.TRANSCRIPTOR_WHISPER_NATIVE = build
    delete process.env.TRANSCRIPTOR_WHISPER_BACKEND
    const info = await whisperEngine.availability('small.en')
    expect(info.detail).toContain(
      `whisper.cpp built here, runtime dispatch: CPU ${RUNTIME_LEVEL} (${join(build, 'index.node')})`
    )
  })
})

describe('registry', () => {
  it('lists every engine and refuses unknown names', async () => {
    expect((await listEngines()).map((e) => e.name)).toEqual(['pocketsphinx', 'whisper', 'openai'])
    expect(getEngine('pocketsphinx').name).toBe('pocketsphinx')
    expect(() => getEngine('nope' as 'whisper')).toThrow(/unknown engine/)
  })
})
