// Which prebuilt variant of the whisper binding to try first ('auto' = the best this platform
// ships), from TRANSCRIPTOR_WHISPER_GPU. Kept apart from the worker protocol's schemas so the
// pipeline can start a worker before it loads them (pipeline/spawnFirstWorker.ts).
export const WHISPER_GPU_CHOICES = ['auto', 'cpu', 'vulkan', 'cuda'] as const
export type WhisperGpuChoice = (typeof WHISPER_GPU_CHOICES)[number]

/** A choice by name; 'auto' for none or an unknown one. */
export function gpuChoiceNamed(name: string | undefined): WhisperGpuChoice {
  const v = name ?? 'auto'
  return (WHISPER_GPU_CHOICES as readonly string[]).includes(v) ? (v as WhisperGpuChoice) : 'auto'
}

export function whisperGpuChoice(env: NodeJS.ProcessEnv = process.env): WhisperGpuChoice {
  return gpuChoiceNamed(env.TRANSCRIPTOR_WHISPER_GPU)
}
