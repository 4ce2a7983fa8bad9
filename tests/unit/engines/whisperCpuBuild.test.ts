// Which CPU build of whisper.cpp runs: the one built here only on a CPU with every flag it was
// built for (never an illegal instruction), else the prebuilt; and how each names its level.
// A runtime-dispatch build (Windows x64: ggml picks the CPU level when it loads) needs no flags.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  builtAddonDir,
  cpuLevel,
  nativeBuild,
  RUNTIME_LEVEL
} from '../../../src/main/engines/whisperWorker/cpuBuild'
import { dispatchedLevel } from '../../../src/main/engines/whisperWorker/binding'

const dir = mkdtempSync(join(tmpdir(), 'whisper-cpu-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const AVX512_CPU = ['fpu', 'sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512bw']
const OLD_CPU = ['fpu', 'sse4_2']

function withStamp(name: string, stamp: object | null): string {
  const build = join(dir, name)
  mkdirSync(build, { recursive: true })
  writeFileSync(join(build, 'index.node'), '')
  if (stamp) writeFileSync(join(build, 'build.json'), JSON.stringify(stamp))
  return build
}

const builtFor = (name: string, flags: string[] | null): string =>
  withStamp(name, flags && { cpuFlags: flags })

/** The stamp scripts/whisper-native.mjs --target win32-x64 writes (fields that matter here). */
const RUNTIME_STAMP = { platform: 'win32-x64', dispatch: 'runtime', patch: 'x' }

describe('the build for this CPU', () => {
  it('is used on the CPU it was built for, or one with more flags', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: builtFor('avx512', AVX512_CPU) }
    expect(nativeBuild(env, AVX512_CPU)).toEqual({
      build: {
        path: join(env.TRANSCRIPTOR_WHISPER_NATIVE, 'index.node'),
        level: 'AVX-512',
        runtimeDispatch: false
      }
    })
    expect(nativeBuild(env, [...AVX512_CPU, 'amx_tile']).build).not.toBeNull()
  })

  it('is refused, saying why, on a CPU that lacks any of its flags (the prebuilt runs)', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: builtFor('avx512', AVX512_CPU) }
    expect(nativeBuild(env, OLD_CPU)).toEqual({
      build: null,
      reason: 'built for another CPU (this one lacks avx, avx2, fma, f16c)'
    })
    expect(nativeBuild(env, null).build).toBeNull() // flags unknown: not trusted
  })

  it('is absent without its stamp, and off when asked', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: builtFor('no-stamp', null) }
    expect(nativeBuild(env, AVX512_CPU)).toEqual({ build: null, reason: null })
    expect(nativeBuild({ TRANSCRIPTOR_WHISPER_NATIVE: 'off' }, AVX512_CPU).build).toBeNull()
  })

  it('names the SIMD level whisper.cpp speed depends on', () => {
    expect(cpuLevel(AVX512_CPU)).toBe('AVX-512')
    expect(cpuLevel(['avx', 'avx2', 'fma'])).toBe('AVX2+FMA')
    expect(cpuLevel(['avx'])).toBe('AVX')
    expect(cpuLevel(OLD_CPU)).toBe('SSE (baseline)')
  })
})

describe('the runtime-dispatch build', () => {
  it('runs on every CPU of its platform, old or unknown, with ggml choosing the level', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: withStamp('runtime', RUNTIME_STAMP) }
    const expected = {
      build: {
        path: join(env.TRANSCRIPTOR_WHISPER_NATIVE, 'index.node'),
        level: RUNTIME_LEVEL,
        runtimeDispatch: true
      }
    }
    expect(nativeBuild(env, OLD_CPU, 'win32-x64')).toEqual(expected)
    expect(nativeBuild(env, AVX512_CPU, 'win32-x64')).toEqual(expected)
    expect(nativeBuild(env, null, 'win32-x64')).toEqual(expected) // Windows lists no flags
  })

  it('is refused on another platform, saying which it is for', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: withStamp('runtime', RUNTIME_STAMP) }
    expect(nativeBuild(env, AVX512_CPU, 'linux-x64')).toEqual({
      build: null,
      reason: 'built for win32-x64'
    })
  })

  it('is a flag-checked build again when its stamp does not say runtime dispatch', () => {
    const stamp = { ...RUNTIME_STAMP, dispatch: undefined, cpuFlags: AVX512_CPU }
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: withStamp('flag-checked', stamp) }
    expect(nativeBuild(env, OLD_CPU, 'win32-x64').build).toBeNull()
  })

  it('is looked for where the build script puts it on Windows, the CPU build elsewhere', () => {
    expect(builtAddonDir('/app', 'win32-x64')).toBe(join('/app', '.native', 'whisper', 'win32-x64'))
    expect(builtAddonDir('/app', 'linux-x64')).toBe(join('/app', '.native', 'whisper', 'build'))
  })

  it('names the level ggml loaded, as the addon reports it', () => {
    expect(dispatchedLevel({ cpuBackend: 'ggml-cpu-zen4.dll' })).toBe(
      'runtime dispatch, ggml chose ggml-cpu-zen4.dll'
    )
    expect(dispatchedLevel({})).toBe('runtime dispatch, ggml chose none loaded')
  })
})
