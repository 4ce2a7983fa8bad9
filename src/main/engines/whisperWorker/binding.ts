// Loads one build of @fugood/whisper.node (whisper.cpp as a Node addon): the one setup built for
// this CPU (cpuBuild.ts), or a prebuilt variant. The package ships one npm package per platform
// and variant (CPU, Vulkan, CUDA; macOS arm64's CPU build has Metal); we require them ourselves,
// instead of the library's loader, so we know which build really loaded and can say so. A GPU
// variant that cannot load here (no driver, no CUDA runtime) falls back to the CPU build, and the
// caller logs one line about it.
import { existsSync, readdirSync } from 'node:fs'
import type { Module } from '@fugood/whisper.node/lib/binding'
import { nativeBuild, prebuiltLevel } from './cpuBuild'
import type { WhisperGpuChoice } from './gpuChoice'
import type { Accelerator } from './protocol'
import { oneLineError } from '@shared/errors'

export interface LoadedBinding {
  variant: Variant
  module: Module
  packageName: string
  /** What the loaded variant can use; whether a GPU was actually found is decided at model load. */
  accelerator: Accelerator
  /** The SIMD level of its CPU code, e.g. "AVX-512" or "baseline x86-64 (no AVX)". */
  cpuLevel: string
  /** Set when a preferred variant failed and a lesser one runs instead. */
  fallback: string | null
  /**
   * Flash attention, whisper.cpp's own default (whisper-cli): the encoder is ~3-4x faster with it
   * on a SIMD build. The baseline x86-64 prebuilt is the exception: slower with it, so off there.
   */
  flashAttention: boolean
}

/** 'native' = built here for this CPU; the others are the prebuilt platform packages. */
export type Variant = 'native' | 'default' | 'vulkan' | 'cuda'

export function platformPackage(variant: Exclude<Variant, 'native'>): string {
  const suffix = variant === 'default' ? '' : `-${variant}`
  return `@fugood/node-whisper-${process.platform}-${process.arch}${suffix}`
}

function variantAccelerator(variant: Variant): Accelerator {
  if (variant === 'vulkan') return 'Vulkan'
  if (variant === 'cuda') return 'CUDA'
  return process.platform === 'darwin' && process.arch === 'arm64' ? 'Metal' : 'CPU'
}

export const isGpuVariant = (v: Variant): boolean => v === 'vulkan' || v === 'cuda'

/**
 * Whether a GPU this variant could use may be here. On Linux a GPU shows as a device node
 * (/dev/dri/renderD* for Vulkan, /dev/nvidiactl for CUDA): without one, trying the GPU build
 * would only load it, find no GPU and load the model a second time in the CPU build. Elsewhere
 * there is no such cheap sign, so the GPU build is tried.
 */
export function gpuMayBePresent(variant: Variant): boolean {
  if (process.platform !== 'linux' || !isGpuVariant(variant)) return true
  if (variant === 'cuda') return existsSync('/dev/nvidiactl')
  try {
    return readdirSync('/dev/dri').some((name) => name.startsWith('renderD'))
  } catch {
    return false
  }
}

/**
 * The order to try: the GPU choice first, then the CPU builds, this CPU's own before the
 * prebuilt. 'auto' prefers CUDA, then Vulkan. On macOS the prebuilt has Metal: it stays first.
 */
export function variantOrder(choice: WhisperGpuChoice): Variant[] {
  if (process.platform === 'darwin') return ['default']
  const cpu: Variant[] = ['native', 'default']
  if (choice === 'cpu') return cpu
  if (choice === 'cuda') return ['cuda', ...cpu]
  if (choice === 'vulkan') return ['vulkan', ...cpu]
  return ['cuda', 'vulkan', ...cpu]
}

/** Whether a variant is here at all (the CPU one is what `doctor` needs). */
export function variantInstalled(variant: Variant): boolean {
  if (variant === 'native') return nativeBuild().build !== null
  try {
    require.resolve(platformPackage(variant))
    return true
  } catch {
    return false
  }
}

function variantSource(variant: Variant): { id: string; cpuLevel: (module: Module) => string } {
  if (variant !== 'native') return { id: platformPackage(variant), cpuLevel: prebuiltLevel }
  const { build } = nativeBuild()
  if (!build) throw new Error('no build for this CPU')
  if (build.runtimeDispatch) return { id: build.path, cpuLevel: dispatchedLevel }
  return { id: build.path, cpuLevel: () => `${build.level}, built here for this CPU` }
}

/**
 * The CPU level ggml chose when the runtime-dispatch build loaded: the addon names the
 * ggml-cpu-<level> library it kept (native/whisper/backendsBesideAddon.cpp).
 */
export function dispatchedLevel(module: object): string {
  const file = (module as { cpuBackend?: unknown }).cpuBackend
  const chosen = typeof file === 'string' && file ? file : 'none loaded'
  return `runtime dispatch, ggml chose ${chosen}`
}

export function loadBinding(choice: WhisperGpuChoice): LoadedBinding {
  const failures: string[] = []
  for (const variant of variantOrder(choice)) {
    if (!variantInstalled(variant)) {
      if (choice !== 'auto' && variant !== 'native') failures.push(`${variant}: not installed`)
      continue
    }
    if (choice === 'auto' && !gpuMayBePresent(variant)) continue
    try {
      const source = variantSource(variant)
      const id = source.id
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(id) as Module
      const cpuLevel = source.cpuLevel(module)
      const fallback = failures.length > 0 ? `${failures.join('; ')} → using ${id}` : null
      const accelerator = variantAccelerator(variant)
      const flashAttention = !(variant === 'default' && process.arch === 'x64')
      return { variant, module, packageName: id, accelerator, cpuLevel, fallback, flashAttention }
    } catch (err) {
      failures.push(`${variant} variant could not load (${oneLineError(err, 200)})`)
    }
  }
  throw new Error(
    `whisper.cpp binding not usable on ${process.platform}-${process.arch}: ${failures.join('; ') || 'no platform package installed (npm install @fugood/whisper.node)'}`
  )
}
