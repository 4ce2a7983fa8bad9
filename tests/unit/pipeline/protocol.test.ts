// The shapes that cross a process boundary are checked on arrival, from one schema each.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  JobOptionsFields,
  SettingsSchema,
  jobOptionsIn,
  parseOutputFiles
} from '@shared/domain'
import { PipelineSpecSchema, parsePipelineEventLine } from '@shared/pipelineProtocol'
import { parsePipelineArgs } from '../../../src/main/pipeline/spec'
import { makeSpec } from '../../support/pipelineSpec'

const spec = makeSpec('/', '/in/a.wav', { jobId: 3, outputDir: '/out', formats: ['txt'] })

describe('pipeline events', () => {
  it('parses a well-formed event line', () => {
    const line = JSON.stringify({
      type: 'progress',
      chunksDone: 1,
      chunksTotal: 4,
      fraction: 0.25,
      etaSeconds: 3,
      phase: 'transcribing',
      phaseFraction: null
    })
    expect(parsePipelineEventLine(line)).toEqual(JSON.parse(line))
  })

  it.each([
    ['not JSON', 'progress 50%'],
    ['no type', JSON.stringify({ fraction: 0.5 })],
    ['an unknown type', JSON.stringify({ type: 'explode' })],
    ['a field of the wrong type', JSON.stringify({ type: 'probe', durationSeconds: 'long' })],
    ['a done event with a non-path output', JSON.stringify({ type: 'done', outputs: { txt: 1 } })]
  ])('refuses %s', (_what, line) => {
    expect(parsePipelineEventLine(line)).toBeNull()
  })
})

describe('pipeline spec', () => {
  it('is the job options plus where things go', () => {
    expect(parsePipelineArgs(['--spec', JSON.stringify(spec)]).spec).toEqual(spec)
    for (const key of Object.keys(JobOptionsFields.shape).filter((k) => k !== 'outputDir')) {
      expect(PipelineSpecSchema.shape).toHaveProperty(key)
    }
  })

  it('refuses what the job options refuse', () => {
    expect(() =>
      parsePipelineArgs(['--spec', JSON.stringify({ ...spec, overlapSeconds: 20 })])
    ).toThrow(/overlapSeconds: overlap must be less than half the chunk length/)
    expect(() => parsePipelineArgs(['--spec', JSON.stringify({ ...spec, engine: 'x' })])).toThrow(
      /invalid --spec: engine/
    )
  })
})

describe('settings and job options', () => {
  it('settings extend the job options, and a new job takes its defaults from them', () => {
    for (const key of Object.keys(JobOptionsFields.shape)) {
      expect(SettingsSchema.shape).toHaveProperty(key)
    }
    const defaults = jobOptionsIn(DEFAULT_SETTINGS)
    expect(Object.keys(defaults).sort()).toEqual(Object.keys(JobOptionsFields.shape).sort())
    expect(defaults.chunkSeconds).toBe(DEFAULT_SETTINGS.chunkSeconds)
  })
})

describe('output_files', () => {
  it('reads what the app writes and nothing else', () => {
    expect(parseOutputFiles(JSON.stringify({ txt: '/o/a.txt' }))).toEqual({ txt: '/o/a.txt' })
    expect(parseOutputFiles(null)).toEqual({})
    expect(parseOutputFiles('{broken')).toEqual({})
    expect(parseOutputFiles(JSON.stringify({ txt: 5 }))).toEqual({})
  })
})
