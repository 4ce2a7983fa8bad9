// Which CPU build of whisper.cpp runs here. The prebuilt @fugood addon is a baseline x86-64 build
// (no AVX, AVX2 or FMA), several times slower than whisper.cpp on a CPU of the last decade; where
// a compiler exists, setup builds the same addon for this CPU (scripts/whisper-native.mjs, into
// .native/whisper). That build is used only on a CPU with every instruction-set flag the build
// machine had (a copied home dir or a migrated VM never runs an illegal instruction); otherwise
// the prebuilt runs, and says what it is. The Windows x64 build (a folder of its own, see
// builtAddonDir) is a runtime-dispatch one instead: every CPU level as its own ggml DLL, and ggml
// loads the best one the running CPU has, so it needs no flag match (its build.json says
// "dispatch": "runtime"): Windows lists no CPU flags to match against.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot } from '../../os/builtScript'

export interface NativeBuild {
  path: string
  /** e.g. "AVX-512", from the flags the build was made for; or RUNTIME_LEVEL. */
  level: string
  /** The CPU level is ggml's choice when the addon loads (the addon's cpuBackend names it). */
  runtimeDispatch: boolean
}

interface Stamp {
  cpuFlags?: string[]
  dispatch?: string
  platform?: string
}

export const RUNTIME_LEVEL = 'every x86-64 level, the best for this CPU chosen by ggml at run time'

const STAMP = 'build.json'

/** This CPU's instruction-set flags (Linux; null where the OS does not list them). */
export function cpuFlags(): string[] | null {
  if (process.platform !== 'linux') return null
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => /^(flags|Features)\s*:/.test(l))
    return line ? line.split(':')[1].trim().split(/\s+/) : null
  } catch {
    return null
  }
}

/** The highest SIMD level in a flag list, as whisper.cpp's speed depends on it. */
export function cpuLevel(flags: readonly string[] | null): string {
  if (!flags) return process.arch === 'arm64' ? 'NEON' : 'unknown level'
  const has = (f: string): boolean => flags.includes(f)
  if (has('avx512f')) return 'AVX-512'
  if (has('avx2') && has('fma')) return 'AVX2+FMA'
  if (has('avx')) return 'AVX'
  if (has('asimd')) return 'NEON'
  return 'SSE (baseline)'
}

/** What the prebuilt addon of this platform was compiled for. */
export function prebuiltLevel(): string {
  if (process.arch === 'x64') return 'baseline x86-64 (no AVX)'
  return process.arch === 'arm64' ? 'NEON' : 'baseline'
}

const thisPlatform = (): string => `${process.platform}-${process.arch}`

/**
 * Where scripts/whisper-native.mjs puts the build for `platform` under the app's root: Windows
 * has the runtime-dispatch build in its own folder, elsewhere the build for this CPU.
 */
export function builtAddonDir(root: string, platform: string): string {
  return join(root, '.native', 'whisper', platform.startsWith('win32-') ? platform : 'build')
}

/** The directory with index.node and its build.json (what it was built for). */
function nativeDir(env: NodeJS.ProcessEnv, platform: string): string | null {
  if (env.TRANSCRIPTOR_WHISPER_NATIVE === 'off') return null
  if (env.TRANSCRIPTOR_WHISPER_NATIVE) return env.TRANSCRIPTOR_WHISPER_NATIVE
  const root = appRoot()
  return root ? builtAddonDir(root, platform) : null
}

/** A stamp's verdict: runtime dispatch runs on its platform's every CPU, else flags must match. */
function fromStamp(
  path: string,
  stamp: Stamp,
  flags: readonly string[] | null,
  platform: string
): { build: NativeBuild } | { build: null; reason: string } {
  if (stamp.dispatch === 'runtime') {
    if (stamp.platform !== platform) return { build: null, reason: `built for ${stamp.platform}` }
    return { build: { path, level: RUNTIME_LEVEL, runtimeDispatch: true } }
  }
  const built = stamp.cpuFlags ?? []
  const missing = flags ? built.filter((f) => !flags.includes(f)) : built
  if (missing.length > 0)
    return {
      build: null,
      reason: `built for another CPU (this one lacks ${missing.slice(0, 4).join(', ')})`
    }
  return { build: { path, level: cpuLevel(built), runtimeDispatch: false } }
}

/**
 * The build for this CPU, or why not (null reason = none was built here, the usual case on a
 * machine without a compiler). TRANSCRIPTOR_WHISPER_NATIVE=off forces the prebuilt.
 */
export function nativeBuild(
  env: NodeJS.ProcessEnv = process.env,
  flags: readonly string[] | null = cpuFlags(),
  platform: string = thisPlatform()
): { build: NativeBuild } | { build: null; reason: string | null } {
  const dir = nativeDir(env, platform)
  if (!dir) return { build: null, reason: 'turned off (TRANSCRIPTOR_WHISPER_NATIVE=off)' }
  const path = join(dir, 'index.node')
  const stampPath = join(dir, STAMP)
  if (!existsSync(path) || !existsSync(stampPath)) return { build: null, reason: null }
  let stamp: Stamp
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp
  } catch {
    return { build: null, reason: `${stampPath} is unreadable` }
  }
  return fromStamp(path, stamp, flags, platform)
}
