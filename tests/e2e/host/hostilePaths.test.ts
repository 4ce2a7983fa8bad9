// Paths a user (or a hostile client) names, against the BUILT browser host: a named pipe, a folder,
// a private file. Each is refused with one line, nothing of a file's content is echoed, and the
// host keeps answering other requests at once (its event loop never waits on such a path).
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/db'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'
import { waitFor } from '../../support/waitFor'
import { JOB_OPTIONS } from './helpers'

let host: RunningHost
let client: HostClient
let dir: string

beforeAll(async () => {
  dir = makeTempDir('transcriptor-hostile-paths-')
  host = await startHost()
  client = await connectClient(host)
})

afterAll(async () => {
  // Host first, SIGKILL soon: a host stuck in a blocking open (the bug this file guards) would
  // answer neither SIGTERM nor the socket's closing handshake.
  await host?.stop('SIGTERM', 5_000)
  await client?.close()
  removeDir(dir)
})

/** Resolves with how long the host took to answer a cheap request, or rejects after `ms`. */
async function answersWithin(ms: number): Promise<number> {
  const started = performance.now()
  const answer = client.call('settings.get', {})
  const late = new Promise<never>((_, fail) =>
    setTimeout(() => fail(new Error(`the host did not answer within ${ms} ms`)), ms).unref()
  )
  await Promise.race([answer, late])
  return performance.now() - started
}

describe('models.import of paths that are not model files', () => {
  it('a named pipe is refused with one line and the host keeps answering', async () => {
    const fifo = join(dir, 'ggml-pipe.bin')
    execFileSync('mkfifo', [fifo])
    const refused = client.request('models.import', { path: fifo })
    // Sent after the import: answered only if the import did not stop the event loop.
    expect(await answersWithin(5_000)).toBeLessThan(5_000)
    const result = await refused
    expect(result).toEqual({ ok: false, error: `${fifo} is a named pipe (FIFO), not a file` })
    expect(await client.call('models.list', {})).toMatchObject({ others: [] })
  }, 20_000)

  it('a folder says so, not EISDIR', async () => {
    const folder = join(dir, 'ggml-folder.bin')
    mkdirSync(folder)
    expect(await client.request('models.import', { path: folder })).toEqual({
      ok: false,
      error: `${folder} is a folder, not a file`
    })
  }, 20_000)

  it("never echoes a file's bytes (a private file named as a model)", async () => {
    const secret = join(dir, 'shadow')
    writeFileSync(secret, 'root:*:20000:0:99999:7:::\n')
    const result = await client.request('models.import', { path: secret })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toBe(
      'shadow: not a whisper ggml model: it does not start with the ggml magic'
    )
    expect(result.error).not.toMatch(/root|72 6f 6f 74/)
    // A known kind is still named, by what it is and not by its bytes.
    const page = join(dir, 'page.bin')
    writeFileSync(page, '<!DOCTYPE html><title>404</title>')
    expect(await client.request('models.import', { path: page })).toEqual({
      ok: false,
      error: 'page.bin: not a whisper ggml model: an HTML page (a download error page?)'
    })
  }, 20_000)
})

describe('jobs.create of paths that are not files', () => {
  it('a named pipe or a folder becomes a failed job saying what it is; the host answers on', async () => {
    const fifo = join(dir, 'radio.wav')
    execFileSync('mkfifo', [fifo])
    const folder = join(dir, 'album.wav')
    mkdirSync(folder)
    const { created } = await client.call('jobs.create', {
      paths: [fifo, folder],
      options: { ...JOB_OPTIONS, formats: [...JOB_OPTIONS.formats] }
    })
    expect(created.map((j) => [j.status, j.error_message])).toEqual([
      ['failed', 'is a named pipe (FIFO), not a file'],
      ['failed', 'is a folder, not a file (drop the files inside it)']
    ])
    expect(await answersWithin(5_000)).toBeLessThan(5_000)
  }, 20_000)
})

describe('the media route plays only what was transcribed', () => {
  it('an input replaced by a link to a private file is refused; an input given as a link plays', async () => {
    const input = join(dir, 'talk.wav')
    writeFileSync(input, 'the recording that was transcribed')
    const target = join(dir, 'library.wav')
    writeFileSync(target, 'a recording the user linked')
    const linked = join(dir, 'latest.wav')
    symlinkSync(target, linked)
    const { created } = await client.call('jobs.create', {
      paths: [input, linked],
      options: { ...JOB_OPTIONS, formats: [...JOB_OPTIONS.formats] }
    })
    const [replaced, givenAsLink] = created
    const media = (id: number) => fetch(`${host.origin}/media/${id}?token=${host.token}`)
    expect(await (await media(replaced.id)).text()).toBe('the recording that was transcribed')

    // The replacement must come after the job in time: wait for the clock, not for the host.
    await waitFor(() => Date.now() > replaced.created_at + 50, 'the clock to pass the job')
    const secret = join(dir, 'id_ed25519')
    writeFileSync(secret, '-----BEGIN OPENSSH PRIVATE KEY-----', { mode: 0o600 })
    rmSync(input)
    symlinkSync(secret, input)
    expect(lstatSync(input).ctimeMs).toBeGreaterThan(replaced.created_at)
    const refused = await media(replaced.id)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toBe(`${input} became a link after the job was created\n`)

    const played = await media(givenAsLink.id)
    expect(played.status).toBe(200)
    expect(await played.text()).toBe('a recording the user linked')
    // A named pipe in place of the input is not opened (it would hold a read forever).
    rmSync(linked)
    execFileSync('mkfifo', [linked])
    const pipe = await media(givenAsLink.id)
    expect(pipe.status).toBe(404)
    expect(await pipe.text()).toBe(`${linked} is a named pipe (FIFO), not a file\n`)
  }, 30_000)
})
