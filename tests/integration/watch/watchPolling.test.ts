// `transcriptor watch` when the system gives no change events: another process of the same user
// holds every inotify instance the user may have (fs.inotify.max_user_instances; editors, sync
// clients and file managers each hold some). The watch says it polls, a recording copied in is
// still transcribed; once the other process ends, the watch says change events work again and a
// new recording is taken. Settings → Watch folders (the browser host, as that user) says the same
// in the folder's status line. Before, the watch's subscription never returned: the command hung
// before "watching 1 folder" and nothing was ever taken. The limit is per user, so the watch and
// the process holding the instances run as a user of their own (spawn's uid), which needs root
// (CI here runs as root); elsewhere the test reports itself skipped with the reason.
import { spawn, type ChildProcess } from 'node:child_process'
import { chownSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import type { WatchFolderStatus } from '@shared/watch'
import { makeTempDir, removeDir } from '../../support/db'
import { connectClient, startHost, type RunningHost } from '../../support/host'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
/** A python3 every user may run (a shim under root's home is not one). */
const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p))
const notRunBecause =
  process.platform !== 'linux'
    ? 'needs Linux (inotify)'
    : process.getuid?.() !== 0
      ? 'needs root to run the watch as a user of its own'
      : PYTHON === undefined
        ? 'needs /usr/bin/python3 to hold the inotify instances'
        : ''
/** A user no one else runs as here, so holding its instances takes them from no one else. */
const UID = 40_000 + (process.pid % 20_000)

/** Opens inotify instances until the kernel refuses, says how many, holds them until stdin ends. */
const HOLD_INSTANCES = `
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
held = []
while True:
    fd = libc.inotify_init1(0)
    if fd < 0:
        break
    held.append(fd)
print("held %d, then errno %d" % (len(held), ctypes.get_errno()), flush=True)
sys.stdin.read()
`

let dir = ''
let host: RunningHost | null = null
let engine: FixedWordsServer | null = null
const children: ChildProcess[] = []
afterEach(async () => {
  await host?.stop()
  host = null
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await engine?.close()
  engine = null
  removeDir(dir)
})

interface UserProcess {
  proc: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  log: () => string
}

function asTheUser(command: string, args: string[], home: string): UserProcess {
  let log = ''
  const proc = spawn(command, args, {
    uid: UID,
    gid: UID,
    cwd: home,
    env: { ...process.env, HOME: home, TRANSCRIPTOR_HOME: '' },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  proc.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  children.push(proc)
  return { proc, log: () => log }
}

async function holdInstances(home: string): Promise<UserProcess> {
  const holder = asTheUser(PYTHON as string, ['-c', HOLD_INSTANCES], home)
  await waitFor(() => /held \d+, then errno 24/.test(holder.log()), 'the instances held', 10_000)
  return holder
}

/** A directory the watch's user owns. */
function owned(path: string): string {
  mkdirSync(path, { recursive: true })
  chownSync(path, UID, UID)
  return path
}

test.skipIf(notRunBecause !== '')(
  `no inotify instance left for the user: the watch polls, takes a new recording, and goes back to change events once one is free${notRunBecause ? ` (not run: ${notRunBecause})` : ''}`,
  async () => {
    dir = makeTempDir('transcriptor-watch-polling-')
    chownSync(dir, UID, UID)
    const home = owned(join(dir, 'home'))
    const inbox = owned(join(dir, 'inbox'))
    const out = join(dir, 'transcripts')
    const clip = espeakSpeech(dir, 'hello world', 'clip.wav')
    engine = await startFixedWordsServer(['hello', 'world'])

    const holder = await holdInstances(home)
    const watch = asTheUser(
      process.execPath,
      [
        BIN,
        '--data-dir',
        join(home, 'data'),
        'watch',
        inbox,
        '--out',
        owned(out),
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
        '0.3'
      ],
      home
    )
    /** waitFor, with what the watch said in the error. */
    const until = (probe: () => boolean, what: string, timeoutMs = 30_000): Promise<unknown> =>
      waitFor(probe, what, timeoutMs, 100).catch((error: unknown) => {
        throw new Error(`${String(error)}\n--- the watch said ---\n${watch.log()}`)
      })
    const said = (line: RegExp | string, timeoutMs = 10_000): Promise<unknown> =>
      until(
        () => (typeof line === 'string' ? watch.log().includes(line) : line.test(watch.log())),
        `the watch to say ${String(line)}`,
        timeoutMs
      )
    const written = (name: string): Promise<unknown> =>
      until(() => existsSync(join(out, name)), `${name} to be written`)
    await said(
      `polling   ${inbox}: no change events from the system, looking for new files every few seconds: ` +
        'EMFILE: every inotify instance this user may open is in use (fs.inotify.max_user_instances)',
      30_000
    )
    await said('watching 1 folder')

    copyFileSync(clip, join(inbox, 'first.wav'))
    await written('first.txt')
    expect(readFileSync(join(out, 'first.txt'), 'utf8').trim()).toBe('hello world')

    // The other process ends: its instances are free, the watch subscribes again.
    holder.proc.stdin?.end()
    await said(`watching  ${inbox}: change events work again`)
    copyFileSync(clip, join(inbox, 'second.wav'))
    await written('second.txt')
    expect(readFileSync(join(out, 'second.txt'), 'utf8').trim()).toBe('hello world')

    watch.proc.kill('SIGINT')
    const code = await new Promise((r) => watch.proc.once('exit', (c) => r(c)))
    expect(code).toBe(130)
    expect(watch.log()).toContain(
      'watch: 1 transcribed, 1 linked to an earlier transcript, 0 not media, 0 skipped, 0 failed'
    )
  },
  90_000
)

test.skipIf(notRunBecause !== '')(
  `Settings → Watch folders says a folder without change events is polled, and stops saying it once they work${notRunBecause ? ` (not run: ${notRunBecause})` : ''}`,
  async () => {
    dir = makeTempDir('transcriptor-watch-polling-')
    chownSync(dir, UID, UID)
    const home = owned(join(dir, 'home'))
    const inbox = owned(join(dir, 'inbox'))
    const holder = await holdInstances(home)
    host = await startHost({ dataDir: owned(join(home, 'data')), uid: UID, env: { HOME: home } })
    const client = await connectClient(host)
    await client.call('watch.add', {
      path: inbox,
      recursive: false,
      outputDir: owned(join(dir, 'transcripts')),
      nameTemplate: '{name}',
      options: {
        ...jobOptionsIn(DEFAULT_SETTINGS),
        formats: ['txt']
      }
    })
    const status = async (): Promise<WatchFolderStatus> =>
      (await client.call('watch.list', {}))[0].status
    expect(await status()).toMatchObject({
      state: 'watching',
      message:
        'no change events from the system, looking for new files every few seconds: ' +
        'EMFILE: every inotify instance this user may open is in use (fs.inotify.max_user_instances)'
    })

    holder.proc.stdin?.end()
    await waitFor(async () => (await status()).message === '', 'the polling line to go', 10_000)
    await client.close()
  },
  90_000
)
