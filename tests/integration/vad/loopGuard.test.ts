// Issue 22's loop guard against an OpenAI-compatible loopback server that answers some chunks
// with a repetition loop ("thank you for watching" ×8 after the real words), as whisper does at
// temperature 0. Through the CLI: every looping chunk is re-run once at a higher temperature, the
// log names each; the chunks the re-run fixed have no loop in the final transcript; the one
// whose re-run loops too is kept, its passage marked doubtful with the reason. The server runs in
// the test process and answers a re-run (the same chunk's bytes) with the words it heard the first
// time: what is tested is the guard's handling of the replies, not the engine, so pocketsphinx
// decodes each chunk once.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { startSttServer, type SttServerHandle } from '../../support/sttServers'
import { LOOP_PHRASE } from '../../support/sttServer'
import { noisySpeech } from '../../support/noisySpeech'
import { removeDir, tempDir } from '../pipeline/harness'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const TIMEOUT = 400_000
let dir: string
let server: SttServerHandle | null = null

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
      server = await startSttServer({ loopChunks: [1, 3], stubbornChunks: [2], reuseWords: true })
      // Two sentences with a short pause between them and noise after: three chunks of about 5 s.
      const input = noisySpeech(dir, { clips: 2, fillers: [0.5, 1, 4], name: 'three.wav' })
      const dataDir = join(dir, 'data')
      const out = join(dir, 'out')
      // Asynchronously: the server answers from this process's event loop.
      const r = await new Promise<{ code: number | null; stderr: string }>((done) => {
        const args = [
          ...[BIN, '--data-dir', dataDir, 'transcribe', input.path, '--engine', 'openai'],
          ...['--endpoint', `${server!.url},model=pocketsphinx`, '--vad', 'off', '--chunk', '5'],
          ...['--overlap', '1', '--format', 'txt,json', '--out', out]
        ]
        const env = { ...process.env, TRANSCRIPTOR_HOME: '' }
        const child = execFile(process.execPath, args, { timeout: TIMEOUT, env }, (_, __, stderr) =>
          done({ code: child.exitCode, stderr })
        )
      })
      expect(r.code, r.stderr).toBe(0)
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
      // The re-runs asked for a higher temperature: three of them, one per looping chunk, each
      // the same chunk again (answered with the words heard the first time).
      const reruns = server.lines.filter((l) => /chunk-\d+\.flac .*temperature=0\.4/.test(l))
      expect(reruns).toHaveLength(3)
      expect(reruns.every((l) => l.endsWith('(heard before)'))).toBe(true)
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
