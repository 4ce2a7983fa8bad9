// Record from a microphone on the Transcribe page: choose the input (and what the computer plays,
// mixed in: SystemAudioField.tsx), Record, a level meter, the time recorded, Pause/Resume and Stop recording; the words appear below as each chunk is
// transcribed. The recording itself lives in recordingStore (it goes on on another page when the
// user chose to keep it running).
import { useEffect, useMemo, useState } from 'react'
import type { JobOptions } from '@shared/domain'
import { clockText } from '@shared/clockText'
import { audioInputs } from '../lib/micCapture'
import {
  offersLoopback,
  systemAudioOptions,
  type SystemAudioOption
} from '../lib/systemAudioOptions'
import { hostOpensFiles } from '../lib/hostKind'
import { getApi } from '../transport/getApi'
import {
  endRecording,
  pauseRecording,
  startRecording,
  useRecordingStore
} from '../store/recordingStore'
import { LiveTranscript } from './LiveTranscript'
import { SystemAudioLine, SystemAudioState } from './SystemAudioField'
import { RecordInputSelect } from './RecordInputSelect'

export function RecordPanel({ options }: { options: JobOptions | null }): React.JSX.Element {
  const { phase, jobId, seconds, level, problem, systemAudio, systemAudioLine } =
    useRecordingStore()
  const [devices, setDevices] = useState<{ id: string; label: string }[]>([])
  const [deviceId, setDeviceId] = useState('')
  const [systemValue, setSystemValue] = useState('')
  const systemOptions = useMemo(
    () =>
      systemAudioOptions(devices, offersLoopback(hostOpensFiles(getApi()), navigator.userAgent)),
    [devices]
  )
  const systemChoice = systemOptions.find((o) => o.value === systemValue)?.choice ?? null
  useEffect(() => {
    let current = true
    void audioInputs().then((found) => current && setDevices(found))
    return () => {
      current = false
    }
  }, [phase])
  const active = phase !== 'idle'
  return (
    <section className="record-panel" aria-labelledby="record-heading" data-testid="record-panel">
      <h2 id="record-heading">Record</h2>
      <div className="record-controls">
        <RecordInputs
          devices={devices}
          deviceId={deviceId}
          onDevice={setDeviceId}
          systemOptions={systemOptions}
          systemValue={systemChoice ? systemValue : ''}
          onSystem={setSystemValue}
          disabled={active}
        />
        {!active && (
          <button
            className="primary"
            disabled={!options}
            title={options ? undefined : 'Fix the options marked in red first'}
            onClick={() => options && void startRecording(options, deviceId, systemChoice)}
            data-testid="record-start"
          >
            ● Record
          </button>
        )}
        {(phase === 'recording' || phase === 'paused') && (
          <>
            <button
              onClick={() => pauseRecording(phase === 'recording')}
              data-testid="record-pause"
            >
              {phase === 'recording' ? 'Pause' : 'Resume'}
            </button>
            <button
              className="danger"
              onClick={() => void endRecording()}
              data-testid="record-stop"
            >
              Stop recording
            </button>
          </>
        )}
        {active && (
          <>
            <LevelMeter level={level} />
            <span className="record-time" data-testid="record-elapsed">
              {phase === 'paused' ? 'Paused · ' : phase === 'starting' ? 'Starting… ' : ''}
              {clockText(seconds)}
            </span>
            <SystemAudioState state={systemAudio} />
          </>
        )}
      </div>
      <ProblemLine problem={problem} />
      <SystemAudioLine line={systemAudioLine} />
      {jobId !== null && <LiveTranscript jobId={jobId} running={active} />}
    </section>
  )
}

/** The microphone (the system's default, or one it lists by name) and what the computer plays. */
function RecordInputs(p: {
  devices: { id: string; label: string }[]
  deviceId: string
  onDevice: (id: string) => void
  systemOptions: SystemAudioOption[]
  systemValue: string
  onSystem: (value: string) => void
  disabled: boolean
}): React.JSX.Element {
  const microphones = p.devices
    .filter((d) => d.id && d.id !== 'default')
    .map((d) => ({ value: d.id, label: d.label }))
  return (
    <>
      <RecordInputSelect
        label="Input"
        testId="record-device"
        empty="System default"
        options={microphones}
        value={p.deviceId}
        onChange={p.onDevice}
        disabled={p.disabled}
      />
      <RecordInputSelect
        label="System audio"
        testId="record-system-audio"
        empty="Off"
        options={p.systemOptions}
        value={p.systemValue}
        onChange={p.onSystem}
        disabled={p.disabled}
      />
    </>
  )
}

/** The input's loudness: RMS ×4 (speech peaks near full), drawn in the theme's accent. */
function LevelMeter({ level }: { level: number }): React.JSX.Element {
  const shown = Math.min(1, level * 4)
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label="Input level"
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={shown}
      data-testid="record-level"
    >
      <div style={{ width: `${Math.round(shown * 100)}%` }} />
    </div>
  )
}

function ProblemLine({ problem }: { problem: string | null }): React.JSX.Element | null {
  if (!problem) return null
  return (
    <p className="record-problem" role="alert" data-testid="record-problem">
      {problem}
    </p>
  )
}
