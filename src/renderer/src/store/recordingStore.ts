// The recording being made from this window's microphone. It lives here, not in a component, so
// it keeps going while the user is on another page ("Keep recording in the background"). Frames
// go to the host one request at a time: while one is in flight the next ones wait and go
// together (the host's answer is the backpressure); nothing is dropped. What the computer plays
// joins the microphone when asked; its failing or ending says so and the microphone goes on.
import { create } from 'zustand'
import { oneLineError } from '@shared/errors'
import type { JobOptions } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { addOwnJobs } from './jobsStore'
import { micErrorLine, openMic, pcmBase64, type MicCapture } from '../lib/micCapture'
import { SYSTEM_AUDIO_ENDED, openSystemAudio, systemAudioErrorLine } from '../lib/systemAudio'
import type { SystemAudioChoice } from '../lib/systemAudioOptions'

export type RecordingPhase = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping'

export interface RecordingState {
  phase: RecordingPhase
  jobId: number | null
  /** Seconds sent to the host (what the recording holds). */
  seconds: number
  /** The last frame's level, 0…1 (RMS). */
  level: number
  /** One line: why recording could not start or stopped by itself. */
  problem: string | null
  /** What the computer plays: mixed in ('on'), waited for, or not (with `systemAudioLine`). */
  systemAudio: 'off' | 'joining' | 'on' | 'failed'
  /** One line: why system audio could not join or stopped; the microphone went on. */
  systemAudioLine: string | null
}

const initial: RecordingState = {
  phase: 'idle',
  jobId: null,
  seconds: 0,
  level: 0,
  problem: null,
  systemAudio: 'off',
  systemAudioLine: null
}
export const useRecordingStore = create<RecordingState>()(() => initial)

let mic: MicCapture | null = null
let waiting: Int16Array[] = []
let inFlight: Promise<void> | null = null

function set(partial: Partial<RecordingState>): void {
  useRecordingStore.setState(partial)
}

/** Sends what waits, one request at a time, until nothing waits. */
function pump(jobId: number): void {
  if (inFlight || waiting.length === 0) return
  const total = waiting.reduce((n, f) => n + f.length, 0)
  const joined = new Int16Array(total)
  let at = 0
  for (const frame of waiting) {
    joined.set(frame, at)
    at += frame.length
  }
  waiting = []
  inFlight = getApi()
    .recording.append({ id: jobId, pcm: pcmBase64(joined) })
    .then(
      (answer) => {
        set({ seconds: answer.seconds })
        if (answer.stopped) void endRecording(answer.stopped)
      },
      (error: unknown) => void endRecording(oneLineError(error))
    )
    .finally(() => {
      inFlight = null
      if (useRecordingStore.getState().jobId === jobId) pump(jobId)
    })
}

/** Resolves once no append is in flight. */
async function drain(): Promise<void> {
  while (inFlight) await inFlight
}

/**
 * Mixes what the computer plays into `capture` once it opens (a screen-share picker may wait for
 * the user); a failure, or the sound ending, is one line while the microphone goes on.
 */
function joinSystemAudio(capture: MicCapture, opening: Promise<MediaStream>): void {
  set({ systemAudio: 'joining' })
  opening.then(
    (stream) => {
      if (mic !== capture) {
        // The recording ended (or never started) while the system was asked.
        for (const track of stream.getTracks()) track.stop()
        return
      }
      capture.mix(stream, () => set({ systemAudio: 'failed', systemAudioLine: SYSTEM_AUDIO_ENDED }))
      set({ systemAudio: 'on' })
    },
    (error: unknown) => {
      if (mic === capture)
        set({ systemAudio: 'failed', systemAudioLine: systemAudioErrorLine(error) })
    }
  )
}

export async function startRecording(
  options: JobOptions,
  deviceId: string,
  systemAudio: SystemAudioChoice | null = null
): Promise<void> {
  if (useRecordingStore.getState().phase !== 'idle') return
  set({ ...initial, phase: 'starting' })
  // Asked at once, with the microphone: a screen share is granted only while the click that
  // asked for it is recent.
  const system = systemAudio ? openSystemAudio(systemAudio) : null
  let jobId: number | null = null
  try {
    mic = await openMic(deviceId, {
      onFrame(pcm, rms) {
        // Frames heard while the job is being created wait for it: the recording starts when
        // the microphone does, not when the host has answered.
        const state = useRecordingStore.getState()
        if (state.phase !== 'recording' && state.phase !== 'starting') return
        set({ level: rms })
        waiting.push(pcm)
        if (state.jobId !== null) pump(state.jobId)
      },
      onEnded: () => void endRecording('The microphone was disconnected: recording stopped (kept).')
    })
    const job = await getApi().recording.start({ options })
    jobId = job.id
    // This window's job, like a dropped file's: leaving the page asks about it first.
    addOwnJobs([job])
    set({ phase: 'recording', jobId })
    pump(jobId)
    if (system) joinSystemAudio(mic, system)
  } catch (error) {
    await mic?.stop().catch(() => undefined)
    mic = null
    void system
      ?.then((stream) => stream.getTracks().forEach((t) => t.stop()))
      .catch(() => undefined)
    set({ ...initial, problem: jobId === null ? micErrorLine(error) : oneLineError(error) })
  }
}

export function pauseRecording(paused: boolean): void {
  const { phase } = useRecordingStore.getState()
  if (phase === 'recording' && paused) set({ phase: 'paused', level: 0 })
  if (phase === 'paused' && !paused) set({ phase: 'recording' })
}

/** Stop recording: what waits is sent, the recording ends and its job finishes transcribing. */
export async function endRecording(problem: string | null = null): Promise<void> {
  const { jobId, phase } = useRecordingStore.getState()
  if (phase === 'idle' || phase === 'stopping' || jobId === null) return
  set({ phase: 'stopping', problem })
  await mic?.stop().catch(() => undefined)
  mic = null
  await drain()
  pump(jobId)
  await drain()
  await getApi()
    .recording.stop({ id: jobId })
    .catch(() => undefined) // Already ended (its job stopped): the audio is kept either way.
  const { systemAudioLine } = useRecordingStore.getState()
  set({ ...initial, problem, jobId, systemAudioLine })
}

/** The app asks this window to stop recording `jobId` (it is closing or quitting). */
export function endRecordingAsked(jobId: number): void {
  if (useRecordingStore.getState().jobId === jobId) void endRecording()
}

export function isRecording(): boolean {
  return useRecordingStore.getState().phase !== 'idle'
}
