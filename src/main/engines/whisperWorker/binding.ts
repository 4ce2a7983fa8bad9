// Loads one prebuilt variant of @fugood/whisper.node (whisper.cpp as a Node addon). The package
// ships one npm package per platform and variant (CPU, Vulkan, CUDA; macOS arm64's CPU build has
// Metal); we require the platform package ourselves, instead of the library's loader, so we know
// which variant really loaded and can say so. A GPU variant that cannot load here (no driver, no
// CUDA runtime) falls back to the CPU one, and the caller logs one line about it.
import type { Module } from '@fugood/whisper.node/lib/binding'
import type { Accelerator, WhisperGpuChoice } from './protocol'
import { oneLineError } from '@shared/errors'

export interface LoadedBinding {
  module: Module
  packageName: string
  /** What the loaded variant can use; whether a GPU was actually found is decided at model load. */
  accelerator: Accelerator
  /** Set when a preferred variant failed and a lesser one runs instead. */
  fallback: string | null
}

type Variant = 'default' | 'vulkan' | 'cuda'

export function platformPackage(variant: Variant): string {
  const suffix = variant === 'default' ? '' : `-${variant}`
  return `@fugood/node-whisper-${process.platform}-${process.arch}${suffix}`
}

function variantAccelerator(variant: Variant): Accelerator {
  if (variant === 'vulkan') return 'Vulkan'
  if (variant === 'cuda') return 'CUDA'
  return process.platform === 'darwin' && process.arch === 'arm64' ? 'Metal' : 'CPU'
}

/** The order to try: the choice first, then the CPU build. 'auto' prefers CUDA, then Vulkan. */
export function variantOrder(choice: WhisperGpuChoice): Variant[] {
  if (choice === 'cpu' || process.platform === 'darwin') return ['default']
  if (choice === 'cuda') return ['cuda', 'default']
  if (choice === 'vulkan') return ['vulkan', 'default']
  return ['cuda', 'vulkan', 'default']
}

/** Whether a variant's package is installed here at all (the CPU one is what `doctor` needs). */
export function variantInstalled(variant: Variant): boolean {
  try {
    require.resolve(platformPackage(variant))
    return true
  } catch {
    return false
  }
}

export function loadBinding(choice: WhisperGpuChoice): LoadedBinding {
  const failures: string[] = []
  for (const variant of variantOrder(choice)) {
    if (!variantInstalled(variant)) {
      if (choice !== 'auto') failures.push(`${variant}: not installed`)
      continue
    }
    const packageName = platformPackage(variant)
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(packageName) as Module
      const fallback = failures.length > 0 ? `${failures.join('; ')} → using ${packageName}` : null
      return { module, packageName, accelerator: variantAccelerator(variant), fallback }
    } catch (err) {
      failures.push(`${variant} variant could not load (${oneLineError(err, 200)})`)
    }
  }
  throw new Error(
    `whisper.cpp binding not usable on ${process.platform}-${process.arch}: ${failures.join('; ') || 'no platform package installed (npm install @fugood/whisper.node)'}`
  )
}
