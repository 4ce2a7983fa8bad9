// The player's controls: play/pause, ±5 s, a position slider, the clock, speed 0.5–2×.
import {
  PLAYBACK_RATES,
  SKIP_SECONDS,
  seekTo,
  setRate,
  skip,
  togglePlay,
  usePlaybackStore
} from '../../store/playbackStore'
import { clockText } from '@shared/clockText'

export function PlayerControls(): React.JSX.Element {
  const { time, duration, playing, rate, error } = usePlaybackStore()
  // Until the media says how long it is (or when it cannot load at all) the length is unknown,
  // not zero: "2:59:55 / 0:00" after a click on a late segment would read as a contradiction.
  const length = duration > 0 ? clockText(duration) : null
  const unplayable = error !== null
  return (
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
        +{SKIP_SECONDS} s<span className="visually-hidden"> (forward {SKIP_SECONDS} seconds)</span>
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
  )
}
