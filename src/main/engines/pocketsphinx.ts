// CMU PocketSphinx adapter. Debian/Ubuntu ship `pocketsphinx_continuous` (package pocketsphinx,
// model in pocketsphinx-en-us); upstream 5.x ships a `pocketsphinx` CLI instead. Both are
// supported; the first found on PATH wins. PocketSphinx is single-threaded, so `threads` is unused.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { EngineInfo } from '@shared/domain'
import type { TimedWord } from '@shared/transcript'
import { findExecutable } from '../os/findExecutable'
import { userCacheDir } from '../os/userCacheDir'
import {
  continuousReachedSeconds,
  parseContinuousTimes,
  parseSingleJson,
  singleReachedSeconds
} from './pocketsphinxOutput'
import { lmWordsDictionary } from './pocketsphinxLmWords'
import { runEngineProcess } from './runEngineProcess'
import { EngineUnavailableError, type ChunkOptions, type Engine } from './types'
import { oneLineError } from '@shared/errors'

export const POCKETSPHINX_INSTALL_HINT =
  'pocketsphinx not found: install it (Debian/Ubuntu: apt-get install pocketsphinx pocketsphinx-en-us)'

const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us'

type Cli = { kind: 'continuous' | 'single'; path: string }

function findCli(): Cli | null {
  const continuous = findExecutable('pocketsphinx_continuous')
  if (continuous) return { kind: 'continuous', path: continuous }
  const single = findExecutable('pocketsphinx')
  if (single) return { kind: 'single', path: single }
  return null
}

/** '' or 'en-us' = the binary's built-in default; a directory = an acoustic model (-hmm). */
function modelArgs(model: string): string[] {
  if (model === '' || model === 'en-us' || model === 'default') return []
  if (existsSync(model) && statSync(model).isDirectory()) return ['-hmm', model]
  throw new EngineUnavailableError(
    `pocketsphinx model not found: ${model} (use '' for the default en-us model or an acoustic model directory)`
  )
}

/**
 * `-dict` with the default model's dictionary cut to its language model's words (same search,
 * faster start: pocketsphinxLmWords.ts), kept in the user's cache; nothing where the model is not
 * Debian's default or the cut cannot be made.
 */
function dictionaryArgs(cli: Cli['kind'], model: string): string[] {
  if (cli !== 'continuous' || modelArgs(model).length > 0) return []
  try {
    const dict = lmWordsDictionary(
      join(DEBIAN_MODEL_DIR, 'en-us.lm.bin'),
      join(DEBIAN_MODEL_DIR, 'cmudict-en-us.dict'),
      join(userCacheDir(), 'pocketsphinx')
    )
    return dict ? ['-dict', dict] : []
  } catch {
    // A full disk or a read-only cache: the whole dictionary gives the same words.
    return []
  }
}

export function pocketsphinxArgs(cli: Cli['kind'], wavPath: string, model: string): string[] {
  const modelChoice = [...modelArgs(model), ...dictionaryArgs(cli, model)]
  if (cli === 'continuous') return ['-infile', wavPath, '-time', 'yes', ...modelChoice]
  return [...modelChoice, 'single', wavPath]
}

export const pocketsphinxEngine: Engine = {
  name: 'pocketsphinx',

  async availability(model = ''): Promise<EngineInfo> {
    const cli = findCli()
    const models = existsSync(DEBIAN_MODEL_DIR) ? ['en-us'] : []
    if (!cli)
      return { name: 'pocketsphinx', available: false, detail: POCKETSPHINX_INSTALL_HINT, models }
    try {
      modelArgs(model)
    } catch (err) {
      return { name: 'pocketsphinx', available: false, detail: oneLineError(err), models }
    }
    if (cli.kind === 'continuous' && models.length === 0 && model === '') {
      return {
        name: 'pocketsphinx',
        available: false,
        detail: `${cli.path} found but no en-us model: apt-get install pocketsphinx-en-us`,
        models
      }
    }
    return { name: 'pocketsphinx', available: true, detail: cli.path, models }
  },

  async transcribeChunk(wavPath: string, o: ChunkOptions): Promise<TimedWord[]> {
    const cli = findCli()
    if (!cli) throw new EngineUnavailableError(POCKETSPHINX_INSTALL_HINT)
    const args = pocketsphinxArgs(cli.kind, wavPath, o.model)
    // Parsed line by line as it arrives: only the words are kept, never the whole output.
    const words: TimedWord[] = []
    const parseLine = cli.kind === 'continuous' ? parseContinuousTimes : parseSingleJson
    const reached = cli.kind === 'continuous' ? continuousReachedSeconds : singleReachedSeconds
    const { onProgress, audioSeconds } = o
    await runEngineProcess(cli.path, args, o.signal, 'pocketsphinx', (line) => {
      for (const word of parseLine(line)) words.push(word)
      const seconds = onProgress && audioSeconds ? reached(line) : null
      if (seconds !== null) onProgress?.(Math.min(1, seconds / (audioSeconds ?? seconds)))
    })
    return words
  }
}
