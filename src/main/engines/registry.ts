// The engines Transcriptor knows, by name.
import { ENDPOINT_ENGINE, ENGINE_NAMES, type EngineInfo, type EngineName } from '@shared/domain'
import { endpointEngine } from './endpointEngine'
import { pocketsphinxEngine } from './pocketsphinx'
import type { Engine, EngineContext } from './types'
import { whisperEngine } from './whisper'

const ENGINES: Record<EngineName, Engine> = {
  pocketsphinx: pocketsphinxEngine,
  whisper: whisperEngine,
  [ENDPOINT_ENGINE]: endpointEngine
}

export function getEngine(name: EngineName): Engine {
  // `name` may come from a row or a spec written by another version: check, do not trust.
  const engine = ENGINES[name] as Engine | undefined
  if (!engine)
    throw new Error(`unknown engine '${String(name)}' (known: ${ENGINE_NAMES.join(', ')})`)
  return engine
}

export function listEngines(context: EngineContext = {}): Promise<EngineInfo[]> {
  return Promise.all(ENGINE_NAMES.map((name) => ENGINES[name].availability('', context)))
}
