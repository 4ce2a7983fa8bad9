// `transcriptor watch` as a user runs it: a batch of 200 files arriving in every way a folder
// receives them, the watcher killed with -9 in the middle and restarted; and `watch --once` on a
// folder tree, with pocketsphinx on real (espeak-ng) speech. To keep the batch fast every recording
// is the same 1 s of speech with one sample changed per content (distinct bytes, so distinct
// content), four jobs run at once, and the batch's engine is a loopback endpoint that answers known
// words (what is tested is the watch, not the engine). The batch is 200 files but 14 contents: a
// job costs a pipeline process and three ffmpeg runs (about 1 s of CPU each, 185 of them took over
// 3 minutes), while a file the watch sees, settles, hashes, links and exports costs next to
// nothing; so the watch's scale stays at 200 files, and most of them are the same bytes under
// another name, arriving together with their original, before, during and after the kill (which
// so lands among copies waiting on jobs in flight, and among their exports).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync
} from 'node:fs'
import { open } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { makeTempDir, removeDir } from '../../support/db'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { withOneSampleChanged } from '../../support/distinctCopy'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

/**
 * 200 files: COPIED copied at once (cycling over FIRST contents), 10 written slowly and 10 arriving
 * as .part (the first wave's contents again), then LATE while nothing runs (cycling over the FIRST
 * contents and NEW ones), 10 more copies under new names, and 5 files that are not media.
 */
const COPIED = 100
const LATE = 65
const FIRST = 10
const NEW = 4
const DISTINCT = FIRST + NEW
const MEDIA = COPIED + 20 + LATE + 10

let dir: string
let dataDir: string
let watcher: ChildProcess | null = null
let engine: FixedWordsServer | null = null
beforeEach(() => {
  dir = makeTempDir('transcriptor-watch-')
  dataDir = join(dir, 'data')
  const store = openStore(dataDir)
  store.settings.set({ ...store.settings.get(), concurrentJobs: 4 })
  store.close()
})
afterEach(async () => {
  if (watcher?.exitCode === null) watcher.kill('SIGKILL')
  await engine?.close()
  engine = null
  removeDir(dir)
})

/** `count` distinct WAV files' bytes: the clip with one sample (past the header) changed. */
function variants(clip: Buffer, count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => withOneSampleChanged(clip, i + 1))
}

function startWatcher(args: string[]): { proc: ChildProcess; log: () => string } {
  let log = ''
  const proc = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'watch', ...args], {
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  proc.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  watcher = proc
  return { proc, log: () => log }
}

/** waitFor, and on a timeout the watcher's last lines in the error (what it was doing). */
async function waitLogged(
  run: { log: () => string },
  probe: () => boolean,
  what: string,
  timeoutMs: number,
  explain: () => string = () => ''
): Promise<void> {
  await waitFor(probe, what, timeoutMs, 250).catch((error: unknown) => {
    const tail = run.log().split('\n').slice(-40).join('\n')
    throw new Error(`${String(error)}\n${explain()}\n--- the watcher's last lines ---\n${tail}`)
  })
}

/** The media files without a transcript, with what the watch recorded for each. */
function missingExplained(dataDir: string, media: string[], out: string): string {
  const have = new Set(transcripts(out))
  const missing = media.filter(
    (m) =>
      !have.has(
        `${m
          .split('/')
          .pop()
          ?.replace(/\.wav$/, '')}.txt`
      )
  )
  const store = openStore(dataDir)
  try {
    const rows = missing.map((m) => {
      const row = store.db
        .prepare(
          `SELECT f.state, f.reason, f.job_id, j.status, j.error_message FROM watch_files f
           LEFT JOIN transcription_jobs j ON j.id = f.job_id WHERE f.path LIKE ?`
        )
        .get(`%/${m}`)
      return `${m}: ${JSON.stringify(row ?? 'no watch row')}`
    })
    return `missing ${missing.length}:\n${rows.join('\n')}`
  } finally {
    store.close()
  }
}

const exited = (proc: ChildProcess): Promise<number | null> =>
  proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve(proc.exitCode)
    : new Promise((r) => proc.once('exit', (code) => r(code)))

const transcripts = (out: string): string[] =>
  readdirSync(out)
    .filter((f) => f.endsWith('.txt'))
    .sort()

/** Writes `bytes` to `path` in eight pieces, a pause after each (a slow copy or a recorder). */
async function writeSlowly(path: string, bytes: Buffer, pauseMs: number): Promise<void> {
  const handle = await open(path, 'w')
  const piece = Math.ceil(bytes.length / 8)
  for (let at = 0; at < bytes.length; at += piece) {
    await handle.write(bytes.subarray(at, at + piece))
    // The pause is the scenario (a writer slower than the settle time, each pause shorter than
    // it), not a synchronisation.
    await new Promise((r) => setTimeout(r, pauseMs))
  }
  await handle.close()
}

test('200 files into a watched folder, killed -9 mid-way and restarted: one job per content, one transcript per media file', async () => {
  const inbox = join(dir, 'inbox')
  const out = join(dir, 'out')
  mkdirSync(join(inbox, 'day2'), { recursive: true })
  const clip = readFileSync(espeakSpeech(dir, 'hello world', 'clip.wav'))
  const contents = variants(clip, DISTINCT)
  engine = await startFixedWordsServer(['hello', 'world'])
  const args = [
    inbox,
    '--recursive',
    '--out',
    out,
    '--engine',
    'openai',
    '--endpoint',
    `${engine.url},model=fixed`,
    '--vad',
    'off',
    '--processes',
    '1',
    '--format',
    'txt',
    '--settle',
    '1'
  ]
  const media: string[] = []
  const place = (name: string, bytes: Buffer): void => {
    const staging = join(dir, `staging-${name.replace('/', '-')}`)
    writeFileSync(staging, bytes)
    copyFileSync(staging, join(inbox, name))
    media.push(name)
  }

  let run = startWatcher(args)
  await waitFor(() => run.log().includes('watching 1 folder'), 'the watcher to start', 30_000)
  // First wave: 100 copied at once, 10 written slowly in pieces, 10 arriving as .part then renamed.
  // A slow file taken before its last piece would be a job of its own (its partial bytes are a
  // content of their own): the job count below would tell.
  for (let i = 0; i < COPIED; i++) place(`rec${i}.wav`, contents[i % FIRST])
  const slow = Array.from({ length: 10 }, (_, k) =>
    // 1.6 s of writing in 200 ms steps against a 1 s settle time. With 400 ms steps a loaded CI
    // machine once let a gap pass 1 s: slow0.wav was taken half-written, then again when whole.
    writeSlowly(join(inbox, `slow${k}.wav`), contents[k % FIRST], 200)
  )
  for (let k = 0; k < 10; k++) {
    writeFileSync(join(inbox, `dl${k}.wav.part`), contents[(k + 3) % FIRST])
    media.push(`dl${k}.wav`)
  }
  media.push(...Array.from({ length: 10 }, (_, k) => `slow${k}.wav`))
  await Promise.all(slow)
  await waitLogged(
    run,
    () => /(queued|linked) +rec5\.wav/.test(run.log()),
    'the first files to be taken',
    60_000
  )
  for (let k = 0; k < 10; k++) renameSync(join(inbox, `dl${k}.wav.part`), join(inbox, `dl${k}.wav`))
  // Mid-way: some transcripts exported, most not. The watcher dies without a word.
  await waitLogged(
    run,
    () => transcripts(out).length >= 20,
    '20 transcripts before the kill',
    120_000
  )
  run.proc.kill('SIGKILL')
  await exited(run.proc)

  // While nothing runs: the rest arrives, new contents and the first wave's under new names.
  for (let i = 0; i < LATE; i++)
    place(i % 2 ? `day2/late${i}.wav` : `late${i}.wav`, contents[i % DISTINCT])
  for (let k = 0; k < 10; k++) place(`day2/again${k}.wav`, contents[(k * 3) % DISTINCT])
  for (const name of ['notes.txt', 'cover.jpg', 'day2/readme.md', 'minutes.pdf', 'playlist.m3u'])
    writeFileSync(join(inbox, name), `not media: ${name}\n`)

  run = startWatcher(args)
  await waitLogged(
    run,
    () => transcripts(out).length >= MEDIA,
    'a transcript for every media file',
    600_000,
    () => missingExplained(dataDir, media, out)
  )
  run.proc.kill('SIGINT')
  expect(await exited(run.proc)).toBe(130)

  // Every media file has exactly its own transcript: none missing, none written twice.
  const expected = media
    .map(
      (m) =>
        `${m
          .split('/')
          .pop()
          ?.replace(/\.wav$/, '')}.txt`
    )
    .sort()
  expect(transcripts(out)).toEqual(expected)
  // Each is the endpoint's answer, and every distinct content was sent to it at least once.
  for (const name of transcripts(out))
    expect(readFileSync(join(out, name), 'utf8').trim()).toBe('hello world')
  expect(engine.requests).toBeGreaterThanOrEqual(DISTINCT)
  const store = openStore(dataDir)
  try {
    const rows = store.db
      .prepare(
        `SELECT content_hash, status, count(*) AS n FROM transcription_jobs GROUP BY content_hash, status`
      )
      .all() as { content_hash: string | null; status: string; n: number }[]
    // One job per distinct content, each completed once (an interrupted job resumed under its id).
    expect(
      rows.filter((r) => r.status !== 'completed' || r.n !== 1 || r.content_hash === null)
    ).toEqual([])
    expect(rows).toHaveLength(DISTINCT)
    const skipped = store.db
      .prepare(`SELECT path, reason FROM watch_files WHERE state = 'skipped'`)
      .all() as { path: string; reason: string }[]
    expect(skipped.map((s) => s.reason)).toEqual(Array(5).fill('not a media file'))
    // Every other media file was linked to its content's one job and exported from it.
    const linked = store.db
      .prepare(
        `SELECT count(*) AS n FROM watch_files WHERE state = 'exported' AND reason LIKE 'same content as job %'`
      )
      .get() as { n: number }
    expect(linked.n).toBe(MEDIA - DISTINCT)
  } finally {
    store.close()
  }
  expect(run.log()).toMatch(/skipped {3}notes\.txt: not a media file/)
  expect(run.log()).toMatch(/resumed {3}\S+\.wav \(job \d+, interrupted before\)/)
}, 900_000)

test('watch --once on a folder tree exits 0 with a summary line and one transcript per file', async () => {
  const tree = join(dir, 'tree')
  mkdirSync(join(tree, 'a/b'), { recursive: true })
  const clip = readFileSync(espeakSpeech(dir, 'good morning', 'clip.wav'))
  const [one, two, three] = variants(clip, 3)
  writeFileSync(join(tree, 'top.wav'), one)
  writeFileSync(join(tree, 'a/mid.wav'), two)
  writeFileSync(join(tree, 'a/b/deep.wav'), three)
  writeFileSync(join(tree, 'a/b/copy of top.wav'), one)
  writeFileSync(join(tree, 'a/notes.txt'), 'not media\n')
  const out = join(dir, 'exports')
  const run = spawnSync(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      'watch',
      tree,
      '--once',
      '--recursive',
      '--out',
      out,
      '--engine',
      'pocketsphinx',
      '--name',
      '{name} ({engine})',
      '--settle',
      '0.3',
      '--format',
      'txt,srt'
    ],
    { encoding: 'utf8', env: { ...process.env, TRANSCRIPTOR_HOME: '' }, timeout: 170_000 }
  )
  // Which of the two is found first depends on the listing; the other is linked to it.
  expect(run.stderr).toMatch(
    /linked {4}(copy of top|top)\.wav: same content as job \d+ \((top|copy of top)\.wav\)/
  )
  expect(run.stdout).toBe(
    'watch: 3 transcribed, 1 linked to an earlier transcript, 1 not media, 0 skipped, 0 failed\n'
  )
  expect(run.status).toBe(0)
  expect(readdirSync(out).sort()).toEqual(
    ['copy of top', 'deep', 'mid', 'top'].flatMap((n) => [
      `${n} (pocketsphinx).srt`,
      `${n} (pocketsphinx).txt`
    ])
  )
  // A second pass finds nothing new: nothing is transcribed or exported twice.
  const again = spawnSync(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      'watch',
      tree,
      '--once',
      '--recursive',
      '--out',
      out,
      '--settle',
      '0.3'
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, TRANSCRIPTOR_HOME: '' },
      timeout: 60_000
    }
  )
  expect(again.stdout).toBe(
    'watch: 0 transcribed, 0 linked to an earlier transcript, 0 not media, 0 skipped, 0 failed\n'
  )
  expect(readdirSync(out)).toHaveLength(8)
}, 180_000)

test('transcribe DIR adds every media file inside it, recursively; other files are counted, not errors', () => {
  const tree = join(dir, 'stack')
  mkdirSync(join(tree, 'sub'), { recursive: true })
  copyFileSync(espeakSpeech(dir, 'thank you', 'clip.wav'), join(tree, 'sub', 'thanks.wav'))
  writeFileSync(join(tree, 'agenda.txt'), 'not media\n')
  const out = join(dir, 'out')
  const run = spawnSync(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      'transcribe',
      tree,
      '--engine',
      'pocketsphinx',
      '--format',
      'txt',
      '--out',
      out
    ],
    { encoding: 'utf8', env: { ...process.env, TRANSCRIPTOR_HOME: '' }, timeout: 120_000 }
  )
  expect(run.stderr).toContain(`${tree}: 1 media file(s), 1 other file(s) skipped`)
  expect(run.status).toBe(0)
  expect(readdirSync(out)).toEqual(['thanks.txt'])
}, 150_000)
