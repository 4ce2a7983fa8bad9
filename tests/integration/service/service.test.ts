// The service every front-end uses, end to end on real files: jobs run the real pipeline with
// pocketsphinx under the real ProcessManager, and stop leaves nothing alive.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { isRunning } from '../../support/processes'
import { clipReference, joinedSpeech, librivoxClips } from '../../support/speech'
import { waitFor } from '../../support/waitFor'
import { distinctCopy } from '../../support/distinctCopy'
import { wordErrorRate } from '../../support/wer'
import {
  DEFAULT_SETTINGS,
  jobOptionsIn,
  parseOutputFiles,
  type JobOptions,
  type JobRow
} from '@shared/domain'

let dir: string
let service: TranscriptionService

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-service-'))
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
})

afterEach(async () => {
  await service.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

const alice = { clientId: 'client-alice' }
const bob = { clientId: 'client-bob' }

const alive = isRunning

const oneProcess: JobOptions = {
  ...jobOptionsIn(DEFAULT_SETTINGS),
  processes: 1,
  formats: ['txt', 'json']
}

async function runningJob(path: string, ctx = alice): Promise<JobRow> {
  const { created } = await service.handlers['jobs.create'](
    { paths: [path], options: oneProcess },
    ctx
  )
  return runningRow(created[0].id)
}

function runningRow(id: number): Promise<JobRow> {
  return waitFor(
    () => {
      const row = serviceRow(id)
      return row?.status === 'processing' && row.process_id ? row : null
    },
    'a registered pipeline',
    30_000
  )
}

let rows = new Map<number, JobRow>()
function serviceRow(id: number): JobRow | undefined {
  return rows.get(id)
}

beforeEach(() => {
  rows = new Map()
  service.on('job.updated', (row) => rows.set(row.id, row))
})

describe('transcription service', () => {
  it('transcribes two files and a bad one fails alone with its reason', async () => {
    const [a, b] = librivoxClips()
    const bad = join(dir, 'notes.mp3')
    writeFileSync(bad, 'this is a text file, not audio\n'.repeat(20))
    const { created } = await service.handlers['jobs.create']({ paths: [a, bad, b] }, alice)
    const done = await service.waitForJobs(created.map((j) => j.id))
    const byPath = new Map(done.map((j) => [j.original_path, j]))
    expect(byPath.get(a)?.status).toBe('completed')
    expect(byPath.get(b)?.status).toBe('completed')
    expect(byPath.get(bad)?.status).toBe('failed')
    expect(byPath.get(bad)?.error_message).toMatch(/\S/)
    expect(byPath.get(bad)?.error_message).not.toContain('\n')
    const transcript = await service.handlers['jobs.transcript']({ id: byPath.get(a)!.id }, alice)
    const text = transcript!.segments.map((s) => s.text).join(' ')
    // pocketsphinx's word error rate on this clip is 0.36; an empty or unrelated text is near 1.
    expect(wordErrorRate(clipReference(a), text)).toBeLessThanOrEqual(0.5)
  })

  it('the same bytes under another name: linked to the earlier transcript and exported again, not re-run; another choice or Transcribe again runs it', async () => {
    const [clip] = librivoxClips()
    const out = join(dir, 'out')
    const options = { ...oneProcess, outputDir: out }
    const create = async (path: string): Promise<JobRow> => {
      const { created } = await service.handlers['jobs.create']({ paths: [path], options }, alice)
      return (await service.waitForJobs([created[0].id]))[0]
    }
    const first = await create(clip)
    expect(first).toMatchObject({ status: 'completed', linked_job_id: null })
    expect(first.process_id).not.toBeNull()
    const copy = join(dir, 'elsewhere', 'copy of the clip.wav')
    mkdirSync(dirname(copy))
    copyFileSync(clip, copy)

    const linked = await create(copy)
    expect(linked).toMatchObject({
      status: 'completed',
      linked_job_id: first.id,
      content_hash: first.content_hash,
      process_id: null // no pipeline ran
    })
    const words = async (id: number): Promise<string | undefined> =>
      (await service.handlers['jobs.transcript']({ id }, alice))?.segments
        .map((s) => s.text)
        .join(' ')
    expect(await words(linked.id)).toBe(await words(first.id))
    // Exported again beside the first job's files, under its own name.
    const files = parseOutputFiles(linked.output_files)
    expect(Object.keys(files).sort()).toEqual(['json', 'txt'])
    expect(files.txt).toBe(join(out, 'copy of the clip.txt'))
    expect(readFileSync(files.txt as string, 'utf8')).toBe(
      readFileSync(parseOutputFiles(first.output_files).txt as string, 'utf8')
    )
    expect(await service.handlers['jobs.logs']({ id: linked.id, lines: 10 }, alice)).toEqual([
      `linked: same content as job ${first.id} (${basename(clip)}): its transcript is reused, not re-run ("Transcribe again" runs it)`,
      `exported again: ${Object.values(files).join(', ')}`
    ])

    // The same bytes asked for with another choice are another transcript: that job runs.
    const { created } = await service.handlers['jobs.create'](
      { paths: [copy], options: { ...options, vad: options.vad === 'energy' ? 'off' : 'energy' } },
      alice
    )
    const otherChoice = await waitFor(
      () => (serviceRow(created[0].id)?.process_id ? serviceRow(created[0].id) : null),
      'the pipeline of the same bytes with another speech detection',
      30_000
    )
    expect(otherChoice.linked_job_id).toBeNull()
    await service.handlers['jobs.stop']({ id: otherChoice.id }, alice)

    // "Transcribe again" runs the pipeline whatever the content (stopped once it does).
    const again = await service.handlers['jobs.retry']({ id: linked.id }, alice)
    const running = await waitFor(
      () => (serviceRow(again.id)?.process_id ? serviceRow(again.id) : null),
      'the pipeline of the job transcribed again',
      30_000
    )
    expect(running).toMatchObject({ status: 'processing', linked_job_id: null })
    await service.handlers['jobs.stop']({ id: again.id }, alice)
  })

  it('two copies of one file at once: the second waits for the first and reuses its transcript; a page leaving stops the one waiting', async () => {
    await service.handlers['settings.set'](
      { settings: { ...(await service.handlers['settings.get']({}, alice)), concurrentJobs: 2 } },
      alice
    )
    const [clip] = librivoxClips()
    const copy = join(dir, 'copy of the clip.wav')
    copyFileSync(clip, copy)
    const { created } = await service.handlers['jobs.create'](
      { paths: [clip, copy], options: oneProcess },
      alice
    )
    const [first, second] = await service.waitForJobs(created.map((j) => j.id))
    expect(first).toMatchObject({ status: 'completed', linked_job_id: null })
    expect(second).toMatchObject({ status: 'completed', linked_job_id: first.id, process_id: null })
    expect(await service.handlers['jobs.logs']({ id: second.id, lines: 10 }, alice)).toContain(
      `waiting for job ${first.id} (${basename(clip)}): same content, its transcript will be reused`
    )

    // Waiting for a twin is waiting in the queue: the page that asked leaving stops it.
    const long = joinedSpeech(dir, 2)
    const running = await runningJob(long, bob)
    // Two slots: the copy's turn comes, it is read, then gives its slot to the next job.
    const { created: twins } = await service.handlers['jobs.create'](
      { paths: [long, distinctCopy(long, join(dir, 'other.wav'), 1)], options: oneProcess },
      bob
    )
    const waiting = await waitFor(
      async () => {
        const log = await service.handlers['jobs.logs']({ id: twins[0].id, lines: 10 }, bob)
        return log.some((l) => l.startsWith(`waiting for job ${running.id} `)) ? log : null
      },
      'the copy to wait for its twin',
      30_000
    )
    expect(waiting).toHaveLength(1)
    await runningRow(twins[1].id)
    const notice = await service.releaseClient(bob.clientId, 'page closed')
    expect(notice.jobs.map((j) => j.id).sort()).toEqual(
      [running.id, ...twins.map((j) => j.id)].sort()
    )
    expect(serviceRow(twins[0].id)).toMatchObject({ status: 'cancelled', process_id: null })
  })

  it('stop kills the whole tree, marks the job cancelled with the reason', async () => {
    const job = await runningJob(joinedSpeech(dir, 4))
    const status = await service.handlers['jobs.processStatus']({ id: job.id }, alice)
    const pids = status.processes.map((p) => p.pid)
    expect(pids).toContain(job.process_id)
    const result = await service.handlers['jobs.stop']({ id: job.id }, alice)
    expect(result.survivors).toEqual([])
    expect(pids.filter(alive)).toEqual([])
    const row = await service.handlers['jobs.get']({ id: job.id }, alice)
    expect(row?.status).toBe('cancelled')
    expect(row?.cancel_reason).toBe('stopped by user')
    // Idempotent: stopping again changes nothing.
    expect((await service.handlers['jobs.stop']({ id: job.id }, alice)).alreadyStopped).toBe(true)
  })

  it('a client going away stops only its own jobs, and keep-in-background survives until shutdown', async () => {
    const speech = joinedSpeech(dir, 4)
    await service.handlers['settings.set'](
      { settings: { ...(await service.handlers['settings.get']({}, alice)), concurrentJobs: 3 } },
      alice
    )
    // Three contents: copies of one would be twins, the later ones waiting for the first.
    const mine = await runningJob(speech, alice)
    const kept = await runningJob(distinctCopy(speech, join(dir, 'kept.wav'), 1), alice)
    const theirs = await runningJob(distinctCopy(speech, join(dir, 'theirs.wav'), 2), bob)
    await service.handlers['jobs.setKeepInBackground']({ id: kept.id, keep: true }, alice)

    const notice = await service.releaseClient(alice.clientId, 'window closed')
    expect(notice.jobs.map((j) => j.id)).toEqual([mine.id])
    expect((await service.handlers['jobs.get']({ id: mine.id }, alice))?.cancel_reason).toBe(
      'window closed'
    )
    expect(alive(mine.process_id!)).toBe(false)
    expect(alive(kept.process_id!)).toBe(true)
    expect(alive(theirs.process_id!)).toBe(true)

    await service.shutdown('app quit')
    expect(alive(kept.process_id!)).toBe(false)
    expect(alive(theirs.process_id!)).toBe(false)
  })

  it('a client going away while its input is still being read: the job is cancelled and no pipeline starts', async () => {
    // Fifty minutes of silence (~96 MB): reading it for its content hash outlasts the request.
    const big = join(dir, 'long-silence.wav')
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', big, 'trim', '0', '3000'])
    const { created } = await service.handlers['jobs.create'](
      { paths: [big], options: oneProcess },
      alice
    )
    const id = created[0].id

    const notice = await service.releaseClient(alice.clientId, 'page closed')
    expect(notice.jobs.map((j) => j.id)).toEqual([id])
    // Its hash is stored once the input was read, and the start is decided in that same turn.
    const read = await waitFor(
      async () => {
        const row = await service.handlers['jobs.get']({ id }, alice)
        return row?.content_hash ? row : null
      },
      'the input read to its end',
      30_000
    )
    expect(read).toMatchObject({ status: 'cancelled', cancel_reason: 'page closed' })
    expect(read.process_id).toBeNull()

    // "Keep them running" while it is read: it runs after its page is gone.
    const again = await service.handlers['jobs.create']({ paths: [big], options: oneProcess }, bob)
    expect(service.keepClientJobs(bob.clientId)).toEqual([again.created[0].id])
    expect((await service.releaseClient(bob.clientId, 'page closed')).jobs).toEqual([])
    await runningRow(again.created[0].id)
  })
})
