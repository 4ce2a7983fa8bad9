// Which CPU build of whisper.cpp runs: the one built here only on a CPU with every flag it was
// built for (never an illegal instruction), else the prebuilt; and how each names its level.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cpuLevel, nativeBuild } from '../../../src/main/engines/whisperWorker/cpuBuild'

const dir = mkdtempSync(join(tmpdir(), 'whisper-cpu-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const AVX512_CPU = ['fpu', 'sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512bw']
const OLD_CPU = ['fpu', 'sse4_2']

function builtFor(name: string, flags: string[] | null): string {
  const build = join(dir, name)
  mkdirSync(build, { recursive: true })
  writeFileSync(join(build, 'index.node'), '')
  if (flags) writeFileSync(join(build, 'build.json'), JSON.stringify({ cpuFlags: flags }))
  return build
}

describe('the build for this CPU', () => {
  it('is used on the CPU it was built for, or one with more flags', () => {
    const env = { TRANSCRIPTOR_WHISPER_NATIVE: builtFor('avx512', AVX512_CPU) }
    expect(nativeBuild(env, AVX512_CPU)).toEqual({
      build: { path: join(env.TRANSCRIPTOR_WHISPER_NATIVE, 'index.node'), level: 'AVX-512' }
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
