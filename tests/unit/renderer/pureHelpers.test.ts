import { describe, expect, it } from 'vitest'
import { LogRing } from '../../../src/renderer/src/lib/logRing'
import { formatDuration } from '../../../src/renderer/src/lib/eta'
import { sparklinePath } from '../../../src/renderer/src/lib/sparkline'
import { fieldErrors, parseNumberInput } from '../../../src/renderer/src/lib/formErrors'
import { unsupportedReason } from '../../../src/renderer/src/lib/fileIntake'
import {
  offersLoopback,
  systemAudioOptions
} from '../../../src/renderer/src/lib/systemAudioOptions'
import { endpointNames, engineSummary } from '../../../src/renderer/src/lib/engineSummary'
import { SettingsSchema, DEFAULT_SETTINGS } from '@shared/domain'

describe('LogRing', () => {
  it('keeps the newest lines in order once full', () => {
    const ring = new LogRing(3)
    ring.push(['a', 'b'])
    ring.push(['c', 'd', 'e'])
    expect(ring.toArray()).toEqual(['c', 'd', 'e'])
    expect(ring.get(0)).toBe('c')
    expect(ring.size).toBe(3)
    expect(ring.totalPushed).toBe(5)
    expect(ring.dropped).toBe(2)
  })

  it('takes only the tail of a batch larger than the ring', () => {
    const ring = new LogRing(4)
    ring.push(Array.from({ length: 10 }, (_, i) => `line ${i}`))
    expect(ring.toArray()).toEqual(['line 6', 'line 7', 'line 8', 'line 9'])
    expect(ring.totalPushed).toBe(10)
  })

  it('stays bounded at 100,000 lines after 250,000', () => {
    const ring = new LogRing(100_000)
    for (let b = 0; b < 250; b++) ring.push(Array.from({ length: 1000 }, (_, i) => `${b}:${i}`))
    expect(ring.size).toBe(100_000)
    expect(ring.get(0)).toBe('150:0')
    expect(ring.get(99_999)).toBe('249:999')
  })

  it('refuses an index outside the kept lines and a bad capacity', () => {
    const ring = new LogRing(2)
    ring.push(['x'])
    expect(() => ring.get(1)).toThrow(RangeError)
    expect(() => new LogRing(0)).toThrow()
  })
})

describe('ETA', () => {
  it('formats durations', () => {
    expect(formatDuration(65)).toBe('1:05')
    expect(formatDuration(3 * 3600 + 3)).toBe('3:00:03')
    expect(formatDuration(null)).toBe('—')
  })
})

describe('sparklinePath', () => {
  it('spans the width and scales to the max (or the floor)', () => {
    expect(sparklinePath([0, 50, 100], 100, 10, { floor: 100 })).toBe('M0,10 L50,5 L100,0')
    expect(sparklinePath([0, 5], 100, 10, { floor: 100 })).toBe('M0,10 L100,9.5')
    expect(sparklinePath([0, 400], 100, 10, { floor: 100 })).toBe('M0,10 L100,0')
  })

  it('draws only the newest points and treats bad values as zero', () => {
    expect(sparklinePath([99, 1, Number.NaN], 10, 10, { maxPoints: 2, floor: 1 })).toBe(
      'M0,0 L10,10'
    )
    expect(sparklinePath([], 10, 10)).toBe('')
    expect(sparklinePath([1], 10, 10)).toBe('M10,0')
  })

  it('changes when a new sample arrives (the chart moves)', () => {
    expect(sparklinePath([10, 20], 100, 10)).not.toBe(sparklinePath([10, 20, 30], 100, 10))
  })
})

describe('form helpers', () => {
  it('maps schema issues to one message per field', () => {
    const parsed = SettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      processes: 0,
      overlapSeconds: 20,
      chunkSeconds: 30
    })
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    const errors = fieldErrors(parsed.error.issues)
    expect(Object.keys(errors)).toContain('processes')
    expect(errors.overlapSeconds).toBe('overlap must be less than half the chunk length')
  })

  it('turns an empty number input into NaN so it is reported, not saved as 0', () => {
    expect(Number.isNaN(parseNumberInput(''))).toBe(true)
    expect(parseNumberInput('12')).toBe(12)
    expect(
      SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, workers: parseNumberInput('') }).success
    ).toBe(false)
  })
})

describe('unsupportedReason', () => {
  it('accepts audio and video by extension or MIME type', () => {
    expect(unsupportedReason('clip.WAV', '')).toBeNull()
    expect(unsupportedReason('movie.mkv', '')).toBeNull()
    expect(unsupportedReason('voice.note', 'audio/x-custom')).toBeNull()
  })

  it('explains what is wrong with anything else', () => {
    expect(unsupportedReason('notes.txt', 'text/plain')).toMatch(/unsupported file type \.txt/)
    expect(unsupportedReason('README', '')).toMatch(/no file extension/)
  })
})

describe('engineSummary', () => {
  const endpoint = { baseUrl: 'http://gpu:8000', model: 'small', concurrency: 2 }
  const row = {
    engine: 'pocketsphinx' as const,
    model: '',
    processes: 2,
    workers: 1,
    endpoints: null
  }
  it('local, remote, or both: what served the job', () => {
    expect(engineSummary(row)).toBe('pocketsphinx · 2 processes × 1 worker')
    expect(
      engineSummary({ ...row, engine: 'openai', endpoints: JSON.stringify([endpoint, endpoint]) })
    ).toBe('openai · 2 endpoints')
    expect(engineSummary({ ...row, endpoints: JSON.stringify([endpoint]) })).toBe(
      'pocketsphinx · 2 processes × 1 worker + 1 endpoint'
    )
    expect(engineSummary({ ...row, endpoints: '{not json' })).toBe(
      'pocketsphinx · 2 processes × 1 worker'
    )
  })
  it('names the endpoints a job was sent to (issue 24 #8)', () => {
    const other = { baseUrl: 'https://api.example/v1', model: 'whisper-1', concurrency: 1 }
    expect(endpointNames({ endpoints: JSON.stringify([endpoint, other]) })).toBe(
      'gpu:8000 (small), api.example/v1 (whisper-1)'
    )
    expect(endpointNames({ endpoints: null })).toBe('')
  })
})

describe('systemAudioOptions', () => {
  it('offers each output monitor the system lists by name, then the loopback of a screen share', () => {
    const inputs = [
      { id: 'default', label: 'Default' },
      { id: 'mic', label: 'Built-in Audio Analog Stereo' },
      { id: 'mon', label: 'Monitor of Built-in Audio Analog Stereo' },
      { id: '', label: 'Monitor of a device not yet allowed' }
    ]
    const monitor = {
      value: 'monitor:mon',
      label: 'Monitor of Built-in Audio Analog Stereo',
      choice: { kind: 'monitor', deviceId: 'mon' }
    }
    expect(systemAudioOptions(inputs, true)).toEqual([
      monitor,
      { value: 'loopback', label: 'What this computer plays', choice: { kind: 'loopback' } }
    ])
    expect(systemAudioOptions(inputs, false)).toEqual([monitor])
  })

  it('offers the loopback of a screen share except in the app on Linux', () => {
    const linux = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0'
    const windows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/150.0'
    expect(offersLoopback(true, linux)).toBe(false)
    expect(offersLoopback(true, windows)).toBe(true)
    expect(offersLoopback(false, linux)).toBe(true)
  })
})
