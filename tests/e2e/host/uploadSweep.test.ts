// A file the browser host received as an upload belongs to a job, or goes: a refused jobs.create
// removes the uploads it carried, and a host starting on the data dir sweeps the uploads a closed
// page or a crash left behind (older than an hour, read by no job). What a job reads stays.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'
import { connectClient, startHost, type RunningHost } from '../../support/host'
import { testJobOptions } from '../../support/jobOptions'

let dataDir: string
let host: RunningHost

beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-uploads-')
  host = await startHost({ dataDir })
}, 60_000)

afterAll(async () => {
  await host.stop()
  removeDir(dataDir)
})

async function upload(name: string, body: string): Promise<string> {
  const res = await fetch(`${host.origin}/upload?token=${host.token}&name=${name}`, {
    method: 'POST',
    body
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { path: string }).path
}

const uploads = (): string[] => readdirSync(join(dataDir, 'uploads')).sort()

it('a refused request takes its uploads with it; a job keeps its own; a restart sweeps the rest', async () => {
  const client = await connectClient(host)
  const refused = await upload('talk.wav', 'not audio')
  const kept = await upload('notes.wav', 'not audio either')
  expect(uploads()).toHaveLength(2)

  await expect(
    client.call('jobs.create', {
      paths: [refused],
      options: testJobOptions({ engine: 'whisper', model: 'large-v9' })
    })
  ).rejects.toThrow("whisper model 'large-v9' is not installed")
  // The refused request's upload is gone; the other, not yet sent with a request, waits.
  const keptFolder = kept.split('/').slice(-2)[0]
  expect(uploads()).toEqual([keptFolder])

  // A bad file still becomes a job (failed, with its reason): its upload is that job's.
  const { created } = await client.call('jobs.create', { paths: [kept], options: testJobOptions() })
  expect(created).toHaveLength(1)
  await client.close()
  await host.stop()

  // Left behind by a page closed between upload and create: one two hours ago, one just now.
  const stale = join(dataDir, 'uploads', 'aaaaaaaaaaaaaaaa')
  const fresh = join(dataDir, 'uploads', 'bbbbbbbbbbbbbbbb')
  for (const dir of [stale, fresh]) {
    mkdirSync(dir)
    writeFileSync(join(dir, 'left.wav'), 'audio')
  }
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000)
  for (const path of [join(stale, 'left.wav'), stale, kept, join(kept, '..')]) {
    utimesSync(path, twoHoursAgo, twoHoursAgo)
  }

  host = await startHost({ dataDir })
  const after = await connectClient(host)
  // The sweep runs before the host answers its first request.
  expect((await after.call('jobs.list', {})).map((j) => j.original_path)).toEqual([kept])
  await after.close()
  expect(uploads()).toEqual([keptFolder, 'bbbbbbbbbbbbbbbb'].sort())
}, 120_000)
