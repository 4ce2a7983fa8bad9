// Keeps the playback store in step with the player's media element: its events (play, pause,
// length, errors, speed) become store state, and while it plays the segment and word being spoken
// are tracked every frame (only the rows whose highlight changes re-render).
import { useEffect } from 'react'
import { attachMedia, usePlaybackStore } from '../store/playbackStore'
import { useTranscriptStore } from '../store/transcriptStore'
import { segmentAt, wordAt } from '../lib/transcriptTiming'

function trackPosition(media: HTMLMediaElement): void {
  const segments = useTranscriptStore.getState().transcript?.segments ?? []
  const t = media.currentTime
  const segment = segmentAt(segments, t)
  const word = wordAt(segments[segment], t)
  const now = usePlaybackStore.getState()
  const patch: Partial<typeof now> = {}
  if (now.segment !== segment) patch.segment = segment
  if (now.word !== word) patch.word = word
  // The clock shows whole seconds: update the time only when that changes (or on a seek).
  if (Math.floor(now.time * 4) !== Math.floor(t * 4)) patch.time = t
  if (Object.keys(patch).length > 0) usePlaybackStore.setState(patch)
}

function mediaErrorText(media: HTMLMediaElement): string {
  const code = media.error?.code
  if (code === 4) return 'this file cannot be played here (format not supported, or it is gone)'
  if (code === 2) return 'the recording could not be loaded (network)'
  return 'the recording could not be played'
}

/** The store's listeners on `media`, and the per-frame tracking loop they start and stop. */
function listen(media: HTMLMediaElement): () => void {
  let frame = 0
  const loop = (): void => {
    trackPosition(media)
    if (!media.paused) frame = requestAnimationFrame(loop)
  }
  const onPlay = (): void => {
    usePlaybackStore.setState({ playing: true })
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(loop)
  }
  const onPause = (): void => {
    usePlaybackStore.setState({ playing: false })
    trackPosition(media)
  }
  const onMeta = (): void =>
    usePlaybackStore.setState({
      duration: Number.isFinite(media.duration) ? media.duration : 0,
      error: null
    })
  const onSeeked = (): void => trackPosition(media)
  const onError = (): void => usePlaybackStore.setState({ error: mediaErrorText(media) })
  const onRate = (): void => usePlaybackStore.setState({ rate: media.playbackRate })
  const listeners: [keyof HTMLMediaElementEventMap, () => void][] = [
    ['play', onPlay],
    ['pause', onPause],
    ['ended', onPause],
    ['loadedmetadata', onMeta],
    ['durationchange', onMeta],
    ['seeked', onSeeked],
    ['timeupdate', onSeeked],
    ['error', onError],
    ['ratechange', onRate]
  ]
  for (const [event, listener] of listeners) media.addEventListener(event, listener)
  return () => {
    cancelAnimationFrame(frame)
    for (const [event, listener] of listeners) media.removeEventListener(event, listener)
  }
}

/** Attaches the element the ref points at (for a given source) to the playback store. */
export function usePlaybackSync(
  ref: React.RefObject<HTMLMediaElement | null>,
  src: string | undefined
): void {
  useEffect(() => {
    const media = ref.current
    if (!media) return
    attachMedia(media)
    const unlisten = listen(media)
    return () => {
      media.pause()
      unlisten()
      attachMedia(null)
    }
  }, [ref, src])
}
