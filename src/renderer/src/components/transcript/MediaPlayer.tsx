// The original recording, played beside its transcript: the audio (or video) element, kept in
// step with the playback store, and its controls.
import { useRef } from 'react'
import { getApi } from '../../transport/getApi'
import { usePlaybackStore } from '../../store/playbackStore'
import { usePlaybackSync } from '../../hooks/usePlaybackSync'
import { PlayerControls } from './PlayerControls'

const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm|mkv|avi)$/i

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
  const error = usePlaybackStore((s) => s.error)
  usePlaybackSync(ref, src)

  if (!src) return <p className="muted">Playback is not available in this window.</p>
  return (
    <div className={`player${isVideo ? ' has-video' : ''}`} data-testid="player">
      {isVideo ? (
        <video ref={ref} src={src} preload="metadata" className="player-video" playsInline />
      ) : (
        <audio ref={ref} src={src} preload="metadata" />
      )}
      <PlayerControls />
      {error && (
        <p className="reason" role="status">
          Playback: {error}
        </p>
      )}
    </div>
  )
}
