// A PulseAudio server of a test's own: a user daemon on a socket in a temp dir with null sinks
// (outputs that play nowhere; each has a monitor source, which is what "system audio" records on
// Linux), so a test plays real audio into an output and records what the computer plays. No
// shared daemon, no config from the machine (-n): the modules are the ones the test names.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { waitFor } from './waitFor'

export interface PulseServer {
  /** What a client needs in its environment to use this server. */
  env: { PULSE_SERVER: string }
  pactl(args: string[]): string
  /** Plays a file into `sink` in real time; resolves once it has played. */
  play(sink: string, file: string): Promise<void>
  stop(): Promise<void>
}

const TOOLS = ['pulseaudio', 'pactl', 'paplay']

/** Why no PulseAudio server can be started here, or null when one can. */
export function pulseAudioMissing(): string | null {
  const missing = TOOLS.filter((tool) => spawnSync(tool, ['--version']).error !== undefined)
  return missing.length ? `${missing.join(', ')} not installed` : null
}

/** A null sink per name (its description is the name too), then `modules` as `pactl load-module` takes them. */
export async function startPulseAudio(
  dir: string,
  sinks: string[],
  modules: string[][] = []
): Promise<PulseServer> {
  const home = join(dir, 'pulse-home')
  mkdirSync(home, { recursive: true })
  const socket = join(home, 'native')
  // Its own runtime dir and home: the daemon finds no other server, cookie or config of the user.
  const { PULSE_SERVER: _theirs, ...inherited } = process.env
  const daemonEnv = { ...inherited, XDG_RUNTIME_DIR: home, HOME: home }
  const daemon = spawn(
    'pulseaudio',
    [
      ...['--daemonize=no', '--system=false', '--use-pid-file=no', '--exit-idle-time=-1', '-n'],
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '--log-target=stderr'
    ],
    { env: daemonEnv, stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let log = ''
  daemon.stderr.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)))
  const exited = new Promise<void>((done) => daemon.on('exit', () => done()))
  const env = { PULSE_SERVER: `unix:${socket}` }
  const clientEnv = { ...process.env, ...env }
  const pactl = (args: string[]): string =>
    execFileSync('pactl', args, { env: clientEnv, encoding: 'utf8' })
  const stop = async (): Promise<void> => {
    if (daemon.exitCode === null) daemon.kill('SIGTERM')
    await exited
  }
  try {
    await waitFor(() => daemon.exitCode === null && existsSync(socket), 'the PulseAudio socket')
    for (const sink of sinks)
      pactl([
        'load-module',
        'module-null-sink',
        `sink_name=${sink}`,
        `sink_properties=device.description=${sink}`
      ])
    for (const module of modules) pactl(['load-module', ...module])
  } catch (error) {
    await stop()
    throw new Error(`PulseAudio did not start: ${String(error)}\n${log}`)
  }
  const play = (sink: string, file: string): Promise<void> =>
    new Promise((done, fail) => {
      const player = spawn('paplay', [`--device=${sink}`, file], { env: clientEnv })
      player.on('error', fail)
      player.on('exit', (code) => (code === 0 ? done() : fail(new Error(`paplay exit ${code}`))))
    })
  return { env, pactl, play, stop }
}
