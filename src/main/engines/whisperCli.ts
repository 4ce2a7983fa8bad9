// The alternative whisper backend: `whisper-cli` on PATH, one process per chunk.
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { TimedWord } from '@shared/transcript'
import { findExecutable } from '../os/findExecutable'
import { runEngineProcess } from './runEngineProcess'
import { EngineCrashError, type ChunkOptions } from './types'
import { buildWhisperArgs, parseWhisperJson, whisperJsonPath } from './whisperOutput'

export const WHISPER_INSTALL_HINT =
  'whisper.cpp not found: build https://github.com/ggml-org/whisper.cpp (cmake -B build && cmake --build build) ' +
  'and put build/bin/whisper-cli on PATH, or set TRANSCRIPTOR_WHISPER_CLI=/path/to/whisper-cli'

export function findWhisperCli(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = [env.TRANSCRIPTOR_WHISPER_CLI, 'whisper-cli', 'whisper-cpp', 'whisper.cpp']
  for (const name of names) {
    const found = name ? findExecutable(name, env) : null
    if (found) return found
  }
  return null
}

export async function transcribeWithCli(
  cli: string,
  modelPath: string,
  language: string,
  wavPath: string,
  o: ChunkOptions
): Promise<TimedWord[]> {
  const outputBase = join(o.scratchDir, basename(wavPath).replace(/\.wav$/, '') + '.whisper')
  const args = buildWhisperArgs({
    model: modelPath,
    wavPath,
    threads: o.threads,
    outputBase,
    language,
    translate: o.translate === true
  })
  const { stderrTail } = await runEngineProcess(cli, args, o.signal, 'whisper-cli')
  // whisper-cli exits 0 even on some argument and model errors: the output file is the proof.
  const jsonPath = whisperJsonPath(outputBase)
  if (!existsSync(jsonPath)) throw new EngineCrashError('whisper-cli wrote no output', stderrTail)
  return parseWhisperJson(readFileSync(jsonPath, 'utf8'))
}
