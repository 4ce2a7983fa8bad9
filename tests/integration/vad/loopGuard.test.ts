// Issue 22's loop guard against an OpenAI-compatible loopback server that answers some chunks
// with a repetition loop ("thank you for watching" ×8 after the real words), as whisper does at
// temperature 0. Through the CLI: every looping chunk is re-run once at a higher temperature, the
// log names each; the chunks the re-run fixed have no loop in the final transcript; the one
// whose re-run loops too is kept, its passage marked doubtful with the reason.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { spawnSttServer, type RunningSttServer } from '../../support/sttServers'
import { LOOP_PHRASE } from '../../support/sttServer'
import { noisySpeech } from '../../support/noisySpeech'
import { removeDir, tempDir } from '../pipeline/harness'
import { waitFor } from '../../support/waitFor'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const TIMEOUT = 400_000
let dir: string
let server: RunningSttServer | null = null

beforeAll(() => {
  dir = tempDir('transcriptor-loop-guard-')
})
afterAll(async () => {
  await server?.stop()
  removeDir(dir)
})

describe('loop guard on a server that loops', () => {
  it(
    'each looping chunk is re-run and named in the log; fixed chunks have no loop, the stubborn one is doubtful',
    async () => {
      server = await spawnSttServer({ loopChunks: [1, 3], stubbornChunks: [2] })
      // Three sentences with short pauses between them: three chunks of about 5 s.
      const input = noisySpeech(dir, { clips: 3, fillers: [0.5, 1, 1, 0.5], name: 'three.wav' })
      const dataDir = join(dir, 'data')
      const out = join(dir, 'out')
      const r = spawnSync(
        process.execPath,
        [
          ...[BIN, '--data-dir', dataDir, 'transcribe', input.path, '--engine', 'openai'],
          ...['--endpoint', `${server.url},model=pocketsphinx`, '--vad', 'off', '--chunk', '5'],
          ...['--overlap', '1', '--format', 'txt,json', '--out', out]
        ],
        { encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, TRANSCRIPTOR_HOME: '' } }
      )
      expect(r.status, r.stderr).toBe(0)
      const log = readdirSync(join(dataDir, 'logs'))
        .map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'))
        .join('\n')
      const chunks = Number(/chunk \d+\/(\d+) done/.exec(log)?.[1])
      expect(chunks).toBeGreaterThanOrEqual(3)
      for (const n of [1, 2, 3])
        expect(log).toMatch(
          new RegExp(`loop guard: chunk ${n}/${chunks} repeats itself .*re-running it once`)
        )
      expect(log).toMatch(new RegExp(`loop guard: chunk 1/${chunks} re-run is clean`))
      expect(log).toMatch(new RegExp(`loop guard: chunk 3/${chunks} re-run is clean`))
      expect(log).toMatch(new RegExp(`loop guard: chunk 2/${chunks} still repeats itself`))
      // The re-runs asked for a higher temperature: three of them, one per looping chunk. (The
      // server's lines are read once spawnSync gives the event loop back.)
      const reruns = (): string[] =>
        server!.lines.filter((l) => /chunk-\d+\.flac .*temperature=0\.4/.test(l))
      await waitFor(() => reruns().length >= 3, 'the server logged three re-runs')
      expect(reruns()).toHaveLength(3)
      const transcript = JSON.parse(readFileSync(join(out, 'three.json'), 'utf8')) as Transcript
      const clean = transcript.segments.filter((s) => !s.doubtful)
      const doubtful = transcript.segments.filter((s) => s.doubtful)
      expect(clean.map((s) => s.text).join(' ')).not.toContain(LOOP_PHRASE)
      expect(clean.map((s) => s.text).join(' ')).toMatch(/leisure to consider/)
      expect(doubtful.length).toBeGreaterThan(0)
      expect(doubtful.map((s) => s.text).join(' ')).toContain(LOOP_PHRASE)
      expect(doubtful[0].doubtful).toMatch(/repeats itself/)
    },
    TIMEOUT
  )
})
