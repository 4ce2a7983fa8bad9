// Table of contract inputs for the adapter tests: one valid input per channel, and for each
// channel every malformed variant we can derive from it (wrong top-level type, unknown field,
// each field — nested ones too — replaced by a value of the wrong type).
import { DEFAULT_SETTINGS, jobOptionsIn, type JobOptions } from '@shared/domain'
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import type { RequestChannel, RequestInput } from '@shared/ipc/contract'

const options: JobOptions = { ...jobOptionsIn(DEFAULT_SETTINGS), processes: 1, formats: ['txt'] }

export const VALID_INPUTS: { [C in RequestChannel]: RequestInput<C> } = {
  'jobs.create': { paths: ['/tmp/a.wav'], options },
  'files.expandFolder': { path: '/tmp/recordings' },
  'jobs.list': { status: 'processing', search: 'a' },
  'history.query': { search: 'leisure', status: 'completed', sort: 'name', offset: 0, limit: 50 },
  'jobs.queue': { rows: 60 },
  'jobs.batch': {},
  'jobs.get': { id: 1 },
  'jobs.getMany': { ids: [3, 1, 2] },
  'recording.start': { options },
  'recording.append': { id: 1, pcm: 'AAAA' },
  'recording.stop': { id: 1 },
  'jobs.delete': { id: 1 },
  'jobs.stop': { id: 1 },
  'jobs.retry': { id: 1 },
  'jobs.setKeepInBackground': { id: 1, keep: true },
  'jobs.logs': { id: 1, lines: 10 },
  'jobs.processStatus': { id: 1 },
  'jobs.metricsHistory': { id: 1 },
  'jobs.transcript': { id: 1 },
  'jobs.liveWords': { id: 1 },
  'jobs.resume': { id: 1 },
  'jobs.redo': { id: 1, from: 2, to: 5, options: { engine: 'openai', language: 'en' } },
  'jobs.resumeOffer': { id: 1 },
  'transcripts.get': { id: 1 },
  'transcripts.save': {
    id: 1,
    change: {
      from: 0,
      deleteCount: 1,
      segments: [{ start: 0, end: 1, text: 'a', words: [{ word: 'a', start: 0, end: 1 }] }]
    },
    baseEditedAt: 1
  },
  'transcripts.revert': { id: 1 },
  'jobs.openOutput': { id: 1, format: 'txt' },
  'jobs.revealOutput': { id: 1, format: 'srt' },
  'client.leavingPage': { page: 'job', nextPage: 'history' },
  'settings.get': {},
  'settings.set': { settings: { ...DEFAULT_SETTINGS } },
  'engines.list': {},
  'endpoints.list': {},
  'endpoints.add': {
    baseUrl: 'http://127.0.0.1:9000',
    model: 'whisper-1',
    concurrency: 2,
    apiKey: 'k'
  },
  'endpoints.update': { id: 1, apiKey: null, enabled: false },
  'endpoints.remove': { id: 1 },
  'endpoints.test': { id: 1 },
  'models.list': {},
  'models.pull': { name: 'base.en' },
  'models.cancel': { name: 'base.en' },
  'models.delete': { name: 'base.en' },
  'models.import': { path: '/tmp/ggml-x.bin', name: 'x' },
  'voices.list': {},
  'voices.heard': { id: 1 },
  'voices.remember': { jobId: 1, speakerId: 'S1', name: 'Alice' },
  'voices.rename': { id: 1, name: 'Alice' },
  'voices.delete': { id: 1 },
  'watch.list': {},
  'watch.add': {
    path: '/tmp/in',
    recursive: true,
    outputDir: '/tmp/out',
    nameTemplate: '{name}',
    options
  },
  'watch.remove': { id: 1 },
  'watch.setPaused': { id: 1, paused: true }
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42
  if (typeof value === 'number') return 'not a number'
  if (typeof value === 'boolean') return 'yes'
  if (Array.isArray(value)) return 'not a list'
  return 7
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every malformed variant of `valid`, each with a label saying what is wrong. */
function variantsOf(
  valid: Record<string, unknown>,
  where = ''
): { label: string; input: unknown }[] {
  const out: { label: string; input: unknown }[] = [
    { label: `${where}unknown field`, input: { ...valid, injected: true } }
  ]
  for (const [key, value] of Object.entries(valid)) {
    out.push({
      label: `${where}${key} of the wrong type`,
      input: { ...valid, [key]: wrongTypeFor(value) }
    })
    if (isPlainObject(value)) {
      for (const nested of variantsOf(value, `${where}${key}.`)) {
        out.push({ label: nested.label, input: { ...valid, [key]: nested.input } })
      }
    }
  }
  return out
}

export interface BadCase {
  channel: RequestChannel
  label: string
  input: unknown
}

export function badCases(): BadCase[] {
  const cases: BadCase[] = []
  for (const channel of REQUEST_CHANNELS) {
    const valid = VALID_INPUTS[channel] as Record<string, unknown>
    const topLevel: { label: string; input: unknown }[] = [
      { label: 'undefined', input: undefined },
      { label: 'null', input: null },
      { label: 'a number', input: 42 },
      { label: 'a string', input: 'jobs' },
      { label: 'a boolean', input: true },
      { label: 'an array', input: [valid] }
    ]
    for (const { label, input } of [...topLevel, ...variantsOf(valid)])
      cases.push({ channel, label, input })
  }
  return [...cases, ...impossibleTranscripts()]
}

/** Well typed but impossible: what a hostile client saves to rewrite a job's SRT/VTT as NaN. */
function impossibleTranscripts(): BadCase[] {
  const segment = (start: number, end: number, word = 'a') => ({
    start,
    end,
    text: word,
    words: [{ word, start, end }]
  })
  const changes: [string, unknown[]][] = [
    ['a time of 1e308', [segment(0, 1e308)]],
    ['a segment ending before it starts', [segment(50, 10)]],
    ['a negative time', [segment(-1, 1)]],
    ['segments out of order', [segment(5, 6), segment(1, 2)]],
    ['a word longer than a word may be', [segment(0, 1, 'x'.repeat(1001))]]
  ]
  return changes.map(([label, segments]) => ({
    channel: 'transcripts.save',
    label,
    input: { id: 1, change: { from: 0, deleteCount: 0, segments }, baseEditedAt: null }
  }))
}
