// The original recording, played beside its transcript: play/pause, ±5 s, speed 0.5–2×, a
// position slider. While it plays, the segment and word being spoken are tracked every frame
// (only the rows whose highlight changes re-render).
import { useEffect, useRef } from 'react'
import { getApi } from '../../transport/getApi'
import {
  PLAYBACK_RATES,
  SKIP_SECONDS,
  attachMedia,
  seekTo,
  setRate,
  skip,
  togglePlay,
  usePlaybackStore
} from '../../store/playbackStore'
import { useTranscriptStore } from '../../store/transcriptStore'
import { clockText, segmentAt, wordAt } from '../../lib/transcriptTiming'

const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm|mkv|avi)$/i

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

export function MediaPlayer({
  jobId,
  filename
}: {
  jobId: number
  filename: string
}): React.JSX.Element {
  const src = getApi().mediaUrl?.(jobId)
  const isVideo = VIDEO_EXTENSIONS.test(filename)
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null)
  const { time, duration, playing, rate, error } = usePlaybackStore()

  useEffect(() => {
    const media = ref.current
    if (!media) return
    attachMedia(media)
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
      media.pause()
      for (const [event, listener] of listeners) media.removeEventListener(event, listener)
      attachMedia(null)
    }
  }, [src])

  if (!src) return <p className="muted">Playback is not available in this window.</p>
  // Until the media says how long it is (or when it cannot load at all) the length is unknown,
  // not zero: "2:59:55 / 0:00" after a click on a late segment would read as a contradiction.
  const length = duration > 0 ? clockText(duration) : null
  const unplayable = error !== null
  return (
    <div className={`player${isVideo ? ' has-video' : ''}`} data-testid="player">
      {isVideo ? (
        <video ref={ref} src={src} preload="metadata" className="player-video" playsInline />
      ) : (
        <audio ref={ref} src={src} preload="metadata" />
      )}
      <div className="player-controls" role="group" aria-label="Player">
        <button
          onClick={togglePlay}
          disabled={unplayable}
          data-testid="player-toggle"
          aria-label={playing ? 'Pause' : 'Play'}
          className="player-play"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button onClick={() => skip(-SKIP_SECONDS)} disabled={unplayable}>
          −{SKIP_SECONDS} s<span className="visually-hidden"> (back {SKIP_SECONDS} seconds)</span>
        </button>
        <button onClick={() => skip(SKIP_SECONDS)} disabled={unplayable}>
          +{SKIP_SECONDS} s
          <span className="visually-hidden"> (forward {SKIP_SECONDS} seconds)</span>
        </button>
        <input
          type="range"
          className="player-position"
          min={0}
          max={duration || 0}
          step={0.1}
          value={Math.min(time, duration || 0)}
          onChange={(e) => seekTo(Number(e.target.value))}
          disabled={unplayable}
          aria-label="Position"
          aria-valuetext={`${clockText(time)} of ${length ?? 'unknown length'}`}
        />
        <span className="player-clock" data-testid="player-clock">
          {clockText(time)} / {length ?? '–:––'}
        </span>
        <label className="player-rate">
          <span>Speed</span>
          <select
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
            data-testid="player-rate"
          >
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="reason" role="status">
          Playback: {error}
        </p>
      )}
    </div>
  )
}
