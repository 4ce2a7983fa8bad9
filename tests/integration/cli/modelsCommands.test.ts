// `transcriptor models import / list / rm / pull` as a user runs them, each answered by the data
// dir's service: what is imported is listed as installed under its kind and `rm` deletes it; a
// row of another kind that cannot be downloaded says how to import it instead, and no file lands.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'
import { FAST_EMPTY_MODEL, writeEmptyWhisperModel } from '../../support/emptyWhisperModel'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const SILERO = resolve(__dirname, '../../../../shared/data/models/ggml-silero-v6.2.0.bin')

let dir: string
let data: string
beforeAll(() => {
  dir = makeTempDir('transcriptor-models-')
  data = join(dir, 'data')
})
afterAll(() => removeDir(dir))

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, '--data-dir', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    timeout: 30_000,
    killSignal: 'SIGKILL'
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** The `models list` line of this model name (names are padded to a column). */
const lineOf = (list: string, name: string): string =>
  list.split('\n').find((l) => l.startsWith(`${name} `)) ?? ''

describe('transcriptor models (CLI)', () => {
  it('imports a whisper model and a VAD model, lists both as installed, removes one', () => {
    const whisper = writeEmptyWhisperModel(join(dir, 'mine.bin'), FAST_EMPTY_MODEL)
    const imported = cli(['models', 'import', whisper, '--name', 'mine'])
    const whisperDest = join(data, 'models', 'ggml-mine.bin')
    expect(imported.stdout).toMatch(new RegExp(`^mine: imported, [\\d.]+ KiB → ${whisperDest}\n$`))
    const vad = cli(['--json', 'models', 'import', SILERO, '--kind', 'vad', '--name', 'myvad'])
    const vadDest = join(data, 'models', 'vad', 'ggml-myvad.bin')
    expect(JSON.parse(vad.stdout)).toEqual({ name: 'myvad', path: vadDest, bytes: 885098 })

    const list = cli(['models', 'list']).stdout
    expect(lineOf(list, 'mine')).toMatch(/ KiB {2}installed {4}\(not in the catalog\)$/)
    expect(lineOf(list, 'myvad')).toMatch(/864 KiB {2}installed {4}vad {2}\(not in the catalog\)$/)
    expect(lineOf(list, 'silero-v6.2.0')).toMatch(/885 KB {15}vad {2}MIT$/)

    const removed = cli(['models', 'rm', 'mine'])
    expect(removed.stdout).toBe(`mine: removed ${whisperDest}\n`)
    expect(existsSync(whisperDest)).toBe(false)
    expect(lineOf(cli(['models', 'list']).stdout, 'mine')).toBe('')
    const again = cli(['models', 'rm', 'mine'])
    expect(again.status).toBe(1)
    expect(again.stderr).toBe(
      `transcriptor: model 'mine' is not installed in ${join(data, 'models')}\n`
    )
    expect(existsSync(vadDest)).toBe(true)
  }, 60_000)

  it('a row of another kind without a checksum is not downloaded: the line says how to import it', () => {
    const run = cli(['models', 'pull', '3dspeaker-campplus-en-voxceleb'])
    expect(run.status).toBe(1)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(
      /cannot be downloaded here: its checksum is not in the catalog; download https:\S+\.onnx and import it \(Settings → Models, or `transcriptor models import FILE --kind embedding --name 3dspeaker-campplus-en-voxceleb`\)/
    )
    expect(existsSync(join(data, 'models', 'embedding'))).toBe(false)
  }, 30_000)
})
