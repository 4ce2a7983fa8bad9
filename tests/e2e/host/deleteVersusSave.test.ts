// Two browser hosts on one data dir: one deletes a job while the other is saving an edit of its
// transcript (which rewrites the job's four files). The delete waits for the save to finish, so
// the job ends deleted with no file of it left on disk (before, the saving host wrote files back
// after the delete removed them). Real hosts, real database, real files.
import { existsSync, mkdirSync, watch, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Segment, Transcript } from '@shared/transcript'
import { openStore } from '../../../src/main/core/openDataDir'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { renderFormat } from '../../../src/main/pipeline/formats'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'

const ROUNDS = 4
/** Two hours of speech: a save that rewrites four files takes long enough to be caught midway. */
const SEGMENTS = 1440
const FORMATS = ['txt', 'srt', 'vtt', 'json'] as const

let dataDir: string
let hosts: RunningHost[] = []
let clients: HostClient[] = []
const jobs: { id: number; files: Record<string, string> }[] = []

function transcript(word: string): Transcript {
  const segments: Segment[] = Array.from({ length: SEGMENTS }, (_, k) => {
    const words = `${word} number ${k} of the meeting about the market`
      .split(' ')
      .map((w, i) => ({ word: w, start: k * 5 + i * 0.4, end: k * 5 + i * 0.4 + 0.3 }))
    return {
      start: k * 5,
      end: words[words.length - 1].end,
      text: words.map((w) => w.word).join(' '),
      words
    }
  })
  return { durationSeconds: SEGMENTS * 5, segments }
}

beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-delete-save-')
  const store = openStore(dataDir)
  const repo = new JobRepository(store.db)
  const transcripts = new TranscriptRepository(store.db)
  for (let round = 0; round < ROUNDS; round++) {
    const { id } = repo.createJob(sampleJob({ formats: FORMATS.join(',') }))
    const folder = join(dataDir, 'outputs', String(id))
    mkdirSync(folder, { recursive: true })
    const files = Object.fromEntries(FORMATS.map((f) => [f, join(folder, `talk.${f}`)]))
    for (const f of FORMATS) writeFileSync(files[f], renderFormat(f, transcript('sentence')))
    repo.startJob(id)
    repo.completeJob(id, files)
    transcripts.storeOriginal(id, transcript('sentence'))
    jobs.push({ id, files })
  }
  store.close()
  hosts = await Promise.all([startHost({ dataDir }), startHost({ dataDir })])
  clients = await Promise.all(hosts.map((h) => connectClient(h)))
}, 120_000)

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await Promise.all(hosts.map((h) => h.stop()))
  removeDir(dataDir)
})

/** Resolves when a host starts writing a new version of one of the job's files into `folder`. */
function firstRewrite(folder: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(folder, (_event, name) => {
      if (!name?.endsWith('.edit.tmp')) return
      watcher.close()
      resolve()
    })
  })
}

it('a delete sent while another host rewrites the files for a save: the job and all its files are gone', async () => {
  const [saver, deleter] = clients
  const edited = transcript('edited')
  for (const job of jobs) {
    const rewriting = firstRewrite(dirname(job.files.txt))
    const saved = saver.request('transcripts.save', {
      id: job.id,
      change: { from: 0, deleteCount: SEGMENTS, segments: edited.segments },
      baseEditedAt: null
    })
    // The delete arrives while the saving host is writing the first of the four files.
    await rewriting
    expect((await deleter.call('jobs.delete', { id: job.id })).deleted).toBe(true)
    const answer = await saved
    expect(answer.ok ? 'saved, then deleted' : answer.error).toBe('saved, then deleted')
    expect(await saver.call('jobs.get', { id: job.id })).toBeNull()
    expect(FORMATS.map((f) => job.files[f]).filter((path) => existsSync(path))).toEqual([])
    // Nor the job's own folder of outputs, once empty.
    expect(existsSync(dirname(job.files.txt))).toBe(false)
  }
}, 120_000)
