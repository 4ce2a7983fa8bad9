// The job page's player: where playback is, and which segment and word are being spoken. The
// media element registers itself here so any component (a segment's click, a shortcut) can seek.
import { create } from 'zustand'

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const
export const SKIP_SECONDS = 5

export interface PlaybackState {
  time: number
  duration: number
  playing: boolean
  rate: number
  segment: number
  word: number
  /** The media could not be loaded (file moved, unsupported codec): said in words. */
  error: string | null
}

export const initialPlaybackState: PlaybackState = {
  time: 0,
  duration: 0,
  playing: false,
  rate: 1,
  segment: -1,
  word: -1,
  error: null
}

export const usePlaybackStore = create<PlaybackState>()(() => initialPlaybackState)

let media: HTMLMediaElement | null = null

export function attachMedia(element: HTMLMediaElement | null): void {
  media = element
  if (!element) usePlaybackStore.setState(initialPlaybackState)
}

export function seekTo(seconds: number, play = false): void {
  if (!media) return
  const end = Number.isFinite(media.duration) ? media.duration : seconds
  media.currentTime = Math.min(Math.max(0, seconds), end)
  usePlaybackStore.setState({ time: media.currentTime })
  if (play) void media.play().catch(() => undefined)
}

export function skip(seconds: number): void {
  if (media) seekTo(media.currentTime + seconds)
}

export function togglePlay(): void {
  if (!media) return
  if (media.paused) void media.play().catch(() => undefined)
  else media.pause()
}

export function setRate(rate: number): void {
  if (media) media.playbackRate = rate
  usePlaybackStore.setState({ rate })
}

export function stepRate(direction: 1 | -1): void {
  const rates: readonly number[] = PLAYBACK_RATES
  const at = rates.indexOf(usePlaybackStore.getState().rate)
  const next = rates[Math.min(rates.length - 1, Math.max(0, (at < 0 ? 2 : at) + direction))]
  setRate(next)
}
