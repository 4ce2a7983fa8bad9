// `transcriptor doctor`: what works on this machine and, for what does not, what to install.
// Read-only: it never creates or migrates the database. Exit 1 when nothing can transcribe.
// Not through the service, which creates and migrates the database as it opens it: doctor reports
// a data dir the service cannot open (read-only, a damaged or newer database). So it reads the
// saved endpoints read-only, and their keys from the file store the CLI's service uses, with
// TRANSCRIPTOR_API_KEY for a key the app keeps in its keychain (endpoints.test has no fallback).
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ENDPOINT_ENGINE, type EngineInfo } from '@shared/domain'
import type { EndpointRef, SavedEndpoint } from '@shared/endpoints'
import { dataPaths } from '../../core/paths'
import { schemaStatus } from '../../core/db/migrations'
import { locateMediaTools } from '../../media/ffmpeg'
import { listEngines } from '../../engines/registry'
import type { Command } from '../command'
import { endpointLabel } from '@shared/endpoints'
import { keyRefOf, readSavedEndpoints } from '../../core/endpoints/endpointRepository'
import { FileSecretStore } from '../../core/secrets/secretStore'
import { checkEndpoint } from '../../engines/endpointCheck'
import { endpointsOption } from '../endpointOption'
import { oneLineError } from '@shared/errors'

interface Check {
  name: string
  ok: boolean
  detail: string
  /** The word printed instead of ok / MISSING (MISSING = something to install). */
  state?: 'unreachable' | 'failing' | 'disabled'
}

function mediaCheck(): Check {
  try {
    const tools = locateMediaTools()
    return {
      name: 'ffmpeg',
      ok: true,
      detail: `${tools.ffmpeg}, ${tools.ffprobe} (${tools.source})`
    }
  } catch (error) {
    return { name: 'ffmpeg', ok: false, detail: oneLineError(error) }
  }
}

/** The data dir must take writes (database, logs, work folders), or every job fails. */
function dataDirWritable(dataDir: string): string | null {
  let dir = dataDir
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir)
  const probe = join(dir, `.transcriptor-doctor-${process.pid}`)
  try {
    writeFileSync(probe, '')
    rmSync(probe, { force: true })
    return null
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return `${dir} is not writable (${e.code ?? e.message}): jobs, logs and the database need it`
  }
}

function databaseCheck(dataDir: string): Check {
  const unwritable = dataDirWritable(dataDir)
  if (unwritable) return { name: 'database', ok: false, detail: unwritable }
  try {
    const s = schemaStatus(dataPaths(dataDir).database)
    const state = !s.exists
      ? 'not created yet (created on first use)'
      : s.pending.length > 0
        ? `schema ${s.version}, will migrate to ${s.latest} on next use`
        : `schema ${s.version} (up to date)`
    return { name: 'database', ok: true, detail: `${s.path}: ${state}` }
  } catch (error) {
    return {
      name: 'database',
      ok: false,
      detail: oneLineError(error)
    }
  }
}

const engineCheck = (e: EngineInfo): Check => ({
  name: `engine ${e.name}`,
  ok: e.available,
  detail:
    e.available && e.models.length > 0 ? `${e.detail} (models: ${e.models.join(', ')})` : e.detail
})

/**
 * The key to check a saved endpoint with. The app keeps its keys in the OS keychain
 * (safeStorage), which a CLI cannot open: then TRANSCRIPTOR_API_KEY stands in, and the line
 * says so, so a 401 is not mistaken for a wrong key.
 */
function savedKey(
  secrets: FileSecretStore,
  endpoint: SavedEndpoint,
  env: NodeJS.ProcessEnv
): { apiKey?: string; note?: string } {
  if (!endpoint.hasKey) return {}
  const stored = secrets.get(keyRefOf(endpoint.id))
  if (stored !== null) return { apiKey: stored }
  const fromEnv = env.TRANSCRIPTOR_API_KEY || undefined
  return fromEnv
    ? {
        apiKey: fromEnv,
        note: "checked with TRANSCRIPTOR_API_KEY: the app's key is in its keychain"
      }
    : {
        note: "its key is in the app's keychain, which the CLI cannot read: set TRANSCRIPTOR_API_KEY to check with it"
      }
}

/** One line per endpoint: the saved ones and any given with --endpoint. */
async function endpointChecks(dataDir: string, flagged: EndpointRef[]): Promise<Check[]> {
  const secrets = new FileSecretStore(dataPaths(dataDir).secrets)
  const all = readSavedEndpoints(dataPaths(dataDir).database)
  // A disabled endpoint is not checked: no job uses it until it is enabled again.
  const disabled: Check[] = all
    .filter((e) => !e.enabled)
    .map((e) => ({
      name: `endpoint ${endpointLabel(e.baseUrl)}`,
      ok: true,
      detail: 'disabled in Settings → Endpoints (not checked; no job uses it)',
      state: 'disabled' as const
    }))
  const saved = all
    .filter((e) => e.enabled)
    .map((e) => ({
      baseUrl: e.baseUrl,
      model: e.model,
      timeoutSeconds: e.timeoutSeconds,
      ...savedKey(secrets, e, process.env)
    }))
  const given = flagged.map((e) => ({
    baseUrl: e.baseUrl,
    model: e.model,
    timeoutSeconds: e.timeoutSeconds,
    apiKey: e.keyRef ? process.env.TRANSCRIPTOR_API_KEY : undefined,
    note: undefined
  }))
  const checked = await Promise.all(
    [...saved, ...given].map(async ({ note, ...e }): Promise<Check> => {
      const check = await checkEndpoint(e)
      const detail = check.detail.replace(`${endpointLabel(e.baseUrl)}: `, '')
      return {
        name: `endpoint ${endpointLabel(e.baseUrl)}`,
        ok: check.ok,
        detail: note ? `${detail} (${note})` : detail,
        // Nothing to install: the server did not answer, or answered with a refusal.
        ...(!check.ok && { state: check.reachable ? 'failing' : 'unreachable' })
      }
    })
  )
  return [...checked, ...disabled]
}

/** ok, MISSING (install it), or what is wrong with an endpoint (unreachable, failing). */
function checkWord(c: Check): string {
  if (c.state) return c.state
  return c.ok ? 'ok' : 'MISSING'
}

const doctor: Command = {
  name: 'doctor',
  summary: 'check engines, ffmpeg, the database and each endpoint; say what to install',
  usage: '[--endpoint URL[,model=NAME]]...',
  options: { endpoint: { type: 'string', multiple: true } },
  run: async (ctx, { values }) => {
    const engines = await listEngines({ modelsDir: dataPaths(ctx.dataDir).models })
    const database = databaseCheck(ctx.dataDir)
    const endpointResults = await endpointChecks(
      ctx.dataDir,
      endpointsOption(values, process.env) ?? []
    )
    const checks = [mediaCheck(), ...engines.map(engineCheck), database, ...endpointResults]
    const canTranscribe =
      checks[0].ok &&
      database.ok &&
      (engines.some((e) => e.available && e.name !== ENDPOINT_ENGINE) ||
        endpointResults.some((c) => c.ok))
    if (ctx.json) {
      ctx.write(`${JSON.stringify({ canTranscribe, checks, engines }, null, 2)}\n`)
    } else {
      const width = Math.max(...checks.map((c) => c.name.length))
      for (const c of checks)
        ctx.write(`${checkWord(c).padEnd(11)}  ${c.name.padEnd(width)}  ${c.detail}\n`)
      ctx.write(
        canTranscribe
          ? 'ready to transcribe\n'
          : 'cannot transcribe yet: install what is MISSING above, or reach an endpoint\n'
      )
    }
    return canTranscribe ? 0 : 1
  }
}
export default doctor
