// `transcriptor record`: a live recording from the command line. ffmpeg captures the system's
// input device, what the computer plays (`--system-audio`, mixed with `--device` when both are
// given), or reads a file or stream URL (`--realtime` at its own speed) as 16 kHz mono;
// the service appends it to the recording, a job from its first second, whose pipeline
// transcribes it as it goes: words are printed as each chunk is transcribed. The source ending,
// Ctrl-C or a full disk ends the recording; what was recorded is kept and the job finishes.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { oneLineError } from '@shared/errors'
import { locateMediaTools } from '../../media/ffmpeg'
import { captureArgs, type CaptureSource } from '../../media/captureArgs'
import { systemAudioRefusal } from '../../media/systemAudioInput'
import type { ActiveRecording } from '../../core/service/liveRecordings'
import { CLI_CLIENT, UsageError, stringOption, type Command, type OptionValues } from '../command'
import { withStartedService } from '../startedService'
import { describeOutcome, jobOptionsFrom } from './transcribe'

function sourceOf(values: OptionValues): CaptureSource {
  const from = stringOption(values, 'from')
  const device = stringOption(values, 'device')
  const systemAudio = values['system-audio'] === true
  if (from !== undefined && (device !== undefined || systemAudio))
    throw new UsageError('give --device and/or --system-audio, or --from, not both')
  if (values.realtime === true && from === undefined)
    throw new UsageError('--realtime plays a --from FILE at its own speed: give --from')
  // Refused before the recording's job is made: nothing would be captured.
  const refusal = systemAudio ? systemAudioRefusal(process.platform) : null
  if (refusal) throw new UsageError(refusal)
  if (from === undefined) return { kind: 'device', device, systemAudio }
  // A URL is passed as it is; a file is resolved from where the command was typed.
  const input = /^[a-z][a-z0-9+.-]*:\/\//i.test(from) ? from : resolve(from)
  return { kind: 'input', input, realtime: values.realtime === true }
}

/** Feeds ffmpeg's audio to the recording; resolves with why the source ended (null: it finished). */
function capture(
  source: CaptureSource,
  recording: ActiveRecording,
  stopSignal: AbortSignal
): Promise<string | null> {
  const ffmpeg = spawn(locateMediaTools().ffmpeg, captureArgs(source), {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  ffmpeg.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
  ffmpeg.stdout.on('data', (pcm: Buffer) => {
    if (!recording.append(pcm)) ffmpeg.kill('SIGKILL')
  })
  const onStop = (): void => void ffmpeg.kill('SIGTERM')
  stopSignal.addEventListener('abort', onStop, { once: true })
  // A Ctrl-C while the service was starting came before this listener.
  if (stopSignal.aborted) onStop()
  return new Promise((done) => {
    ffmpeg.on('error', (error) => done(`ffmpeg could not start: ${oneLineError(error)}`))
    ffmpeg.on('close', (code, signal) => {
      stopSignal.removeEventListener('abort', onStop)
      if (stopSignal.aborted || recording.stoppedBecause) return done(recording.stoppedBecause)
      if (code === 0) return done(null)
      const last = stderr.trim().split('\n').at(-1)?.trim()
      done(`the source stopped (ffmpeg ${signal ?? `exit ${code}`}${last ? `: ${last}` : ''})`)
    })
  })
}

/** ffmpeg's words when the monitor cannot be opened ("No such process") do not say what is missing. */
function withSystemAudioHint(
  source: CaptureSource,
  recording: ActiveRecording,
  why: string | null
): string | null {
  const systemAudio = source.kind === 'device' && source.systemAudio === true
  if (!why || !systemAudio || recording.seconds > 0) return why
  return `${why}; system audio needs a running PulseAudio or PipeWire server`
}

const record: Command = {
  name: 'record',
  summary:
    'record and transcribe live (capture device, what the computer plays, or a file/stream URL); ' +
    'Ctrl-C ends it',
  usage:
    '[--device NAME] [--system-audio] [--from FILE|URL [--realtime]] ' +
    '[--engine pocketsphinx|whisper|openai] ' +
    '[--model NAME|PATH] [--format txt,srt,vtt,json] [--out DIR] [--language auto|en|…]',
  positionals: { min: 0, max: 0 },
  options: {
    device: { type: 'string' },
    'system-audio': { type: 'boolean' },
    from: { type: 'string' },
    realtime: { type: 'boolean' },
    engine: { type: 'string' },
    model: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    language: { type: 'string' }
  },
  run: async (ctx, { values }) => {
    const source = sourceOf(values)
    const say = (text: string): void => void process.stderr.write(`${text}\n`)
    // Ctrl-C ends the capture, not the job: what was recorded is transcribed before it returns.
    const stop = new AbortController()
    return withStartedService(ctx, {
      onStop: (signal) => {
        say(`${signal}: ending the recording (what was recorded is kept)…`)
        stop.abort()
      },
      work: async ({ service }) => {
        const settings = await service.handlers['settings.get']({}, CLI_CLIENT)
        const options = jobOptionsFrom(values, settings)
        const recording = service.startRecording({ ownerId: CLI_CLIENT.clientId, options })
        say(`recording job ${recording.jobId} → ${recording.path} (Ctrl-C ends it)`)
        const offWords = service.on('job.words', (chunk) => {
          const text = chunk.words.map((w) => w.word).join(' ')
          if (chunk.jobId === recording.jobId && text) process.stdout.write(`${text}\n`)
        })
        const captured = await capture(source, recording, stop.signal)
        const why = withSystemAudioHint(source, recording, captured)
        recording.stop(why ?? undefined)
        if (why) say(why)
        // A source that failed before its first second (a URL that does not answer, no device):
        // the command failed, though its empty job is kept like every recording.
        const nothing = why !== null && recording.seconds === 0
        say(`recorded ${recording.seconds.toFixed(1)} s; transcribing the rest…`)
        const finished = await service.waitForJobs([recording.jobId])
        offWords()
        for (const job of finished) say(`job ${job.id} ${describeOutcome(job)}`)
        if (ctx.json) ctx.write(`${JSON.stringify(finished[0] ?? null)}\n`)
        if (stop.signal.aborted) return 130
        return !nothing && finished.every((job) => job.status === 'completed') ? 0 : 1
      }
    })
  }
}
export default record
