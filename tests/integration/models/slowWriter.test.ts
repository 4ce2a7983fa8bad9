// A download whose writer lags behind the socket (a slow disk): the reply's reader pauses the
// socket while its read buffers wait to be written, and over TLS takes the records already
// decrypted after the pause in spares of their own. Whatever the transport and framing, the bytes
// handed over are the body, in order, none lost or doubled. The writer is played by a sink that
// gives each piece back 20 ms late.
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openReply } from '../../../src/main/core/models/replyConnection'
import { loopbackCertificate } from '../../support/loopbackCertificate'
import { startModelServer, type ModelServer } from '../../support/modelServer'
import { removeDir, tempDir } from '../pipeline/harness'

const body = randomBytes(12 * 1024 * 1024)
const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex')
const files = { '/plain.bin': { body }, '/chunked.bin': { body, chunked: true } }

let dir: string
let http: ModelServer
let https: ModelServer
let rejectBefore: string | undefined

beforeAll(async () => {
  dir = tempDir('transcriptor-slow-writer-')
  http = await startModelServer(files)
  https = await startModelServer(files, loopbackCertificate(dir))
  // This file's own worker trusts the test's certificate (https.test.ts checks that a real pull
  // refuses an untrusted one).
  rejectBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
})
afterAll(async () => {
  if (rejectBefore === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectBefore
  await http.close()
  await https.close()
  removeDir(dir)
})

describe('a writer slower than the socket', () => {
  it.each([
    ['http', 'plain'],
    ['http', 'chunked'],
    ['https', 'plain'],
    ['https', 'chunked']
  ])('%s, %s body: every byte once, in order', async (scheme, kind) => {
    const server = scheme === 'https' ? https : http
    const reply = await openReply(
      new URL(server.url(`/${kind}.bin`)),
      {},
      AbortSignal.timeout(60_000),
      {
        connectMs: 10_000,
        idleMs: 10_000
      }
    )
    const pieces: Buffer[] = []
    await reply.read((bytes, release) => {
      pieces.push(Buffer.from(bytes)) // a copy: the view is reused once released
      setTimeout(release, 20)
    })
    const got = Buffer.concat(pieces)
    expect(got.length).toBe(body.length)
    expect(sha1(got)).toBe(sha1(body))
  })
})
