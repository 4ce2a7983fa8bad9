// `transcriptor voices list | rm NAME` through the built CLI, on a data dir whose voice was
// remembered from a finished job with speakers: listed, removed with its embedding, one-line errors.
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { VoiceRepository } from '../../../src/main/core/voices/voiceRepository'
import { makeTempDir, removeDir } from '../../support/db'
import { completeSpeakerJob, voiceVector } from '../../support/speakerSeed'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

let dataDir: string
beforeEach(() => {
  dataDir = makeTempDir('transcriptor-cli-')
  const store = openStore(dataDir)
  const job = completeSpeakerJob(store, {
    filename: 'interview.wav',
    outDir: join(dataDir, 'out'),
    embeddings: { S1: voiceVector(0), S2: voiceVector(1) }
  })
  const voices = new VoiceRepository(store.db)
  voices.remember(job.id, 'S1', 'Ann Lee')
  voices.remember(job.id, 'S2', 'Bob')
  store.close()
})
afterEach(() => removeDir(dataDir))

test('voices list shows the saved voices; --json gives names and models, no embedding', () => {
  const listed = cli(['voices', 'list'])
  expect(listed.code).toBe(0)
  expect(listed.stdout).toMatch(/^Ann Lee {2}test-embedding {2}\d{4}-/m)
  expect(listed.stdout).toMatch(/^Bob {6}test-embedding/m)
  const json = JSON.parse(cli(['voices', 'list', '--json']).stdout) as Record<string, unknown>[]
  expect(json.map((v) => v.name)).toEqual(['Ann Lee', 'Bob'])
  expect(Object.keys(json[0]).sort()).toEqual(['createdAt', 'id', 'model', 'name'])
})

test('voices rm NAME deletes the voice and its embedding; an unknown name is one line', () => {
  const removed = cli(['voices', 'rm', 'ann lee'])
  expect(removed.stderr).toBe('')
  expect(removed.stdout).toBe('Ann Lee: removed\n')
  expect(cli(['voices', 'list', '--json']).stdout).not.toContain('Ann Lee')
  const store = openStore(dataDir)
  const left = store.db.prepare('SELECT name FROM voices').all()
  store.close()
  expect(left).toEqual([{ name: 'Bob' }])

  const missing = cli(['voices', 'rm', 'Nobody'])
  expect(missing.code).not.toBe(0)
  expect(missing.stderr.trimEnd().split('\n')).toEqual([
    'transcriptor: no saved voice is named “Nobody”'
  ])
})
