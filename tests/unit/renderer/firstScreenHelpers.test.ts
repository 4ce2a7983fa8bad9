// Issue 24 #1, #2, #8: the pure rules behind the first screen (the model box's choices, the
// Advanced summary, what a job with an English-only model is sent) and the endpoint URL rule.
import { describe, expect, it } from 'vitest'
import type { EngineInfo } from '@shared/domain'
import { DEFAULT_SETTINGS } from '@shared/domain'
import type { ModelListing } from '@shared/models'
import { endpointUrlProblem, withEndpointScheme } from '@shared/endpoints'
import {
  defaultModelName,
  forChosenModel,
  modelChoices
} from '../../../src/renderer/src/lib/modelChoices'
import { advancedSummary } from '../../../src/renderer/src/lib/optionsSummary'
import { pickJobOptions } from '../../../src/renderer/src/components/OptionFields'

const whisper = (models: string[]): EngineInfo => ({
  name: 'whisper',
  available: models.length > 0,
  detail: '',
  models
})
const listing = {
  catalog: [{ name: 'base.en', sizeLabel: '142 MiB', recommended: true }],
  others: []
} as unknown as ModelListing

describe('the Model box', () => {
  it('offers the installed models and the recommended download, never free text', () => {
    expect(modelChoices(whisper(['tiny']), '', listing)).toEqual({
      shown: 'tiny',
      options: [{ value: 'tiny', label: 'tiny' }],
      download: { name: 'base.en', label: 'Download base.en (142 MiB)' }
    })
    const withDefault = modelChoices(whisper(['base.en', 'tiny']), '', listing)
    expect(withDefault.shown).toBe('base.en')
    expect(withDefault.download).toBeNull()
    // A remembered model deleted since: shown as not installed, not silently replaced.
    expect(modelChoices(whisper(['tiny']), 'small', listing).options[0]).toEqual({
      value: 'small',
      label: 'small (not installed)'
    })
    expect(defaultModelName(whisper([]))).toBe('')
  })

  it('an English-only model transcribes English, without translation', () => {
    const options = { ...pickJobOptions(DEFAULT_SETTINGS), engine: 'whisper' as const }
    const sent = forChosenModel(
      { ...options, language: 'fr', translate: true },
      whisper(['tiny.en'])
    )
    expect(sent).toMatchObject({ language: 'en', translate: false })
    expect(forChosenModel({ ...options, language: 'fr' }, whisper(['tiny'])).language).toBe('fr')
  })
})

describe('the Advanced summary', () => {
  it('says the folded values in one line', () => {
    const options = pickJobOptions(DEFAULT_SETTINGS)
    expect(advancedSummary(options)).toBe(
      '2 processes × 1 worker · chunks 30 s, overlap 2 s · txt, srt, vtt, json · into the data folder'
    )
    expect(
      advancedSummary({ ...options, engine: 'openai', formats: ['srt'], outputDir: '/home/me/t' })
    ).toBe("each endpoint's concurrency · chunks 30 s, overlap 2 s · srt · into /home/me/t")
    expect(advancedSummary({ ...options, vad: 'off' })).toContain(
      'overlap 2 s · no speech detection · txt'
    )
  })

  it('carries the speakers and speech detection choices with the other options', () => {
    expect(pickJobOptions(DEFAULT_SETTINGS)).toMatchObject({ speakers: 'off', vad: 'silero' })
    expect(pickJobOptions({ ...DEFAULT_SETTINGS, speakers: 2, vad: 'energy' })).toMatchObject({
      speakers: 2,
      vad: 'energy'
    })
  })
})

describe('an endpoint URL without a scheme', () => {
  it('is read as http://, and other schemes are still refused in plain words', () => {
    expect(withEndpointScheme(' gpu-box:8000 ')).toBe('http://gpu-box:8000')
    expect(withEndpointScheme('https://api.example/v1')).toBe('https://api.example/v1')
    expect(endpointUrlProblem('gpu-box:8000')).toBeNull()
    expect(endpointUrlProblem('ftp://gpu-box')).toBe(
      'only http:// and https:// endpoints are supported, not ftp://'
    )
  })
})
