// Electron-level specs of jobs and their window (tests/support/electronApp.ts says how they run).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ElectronApplication, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRow } from '@shared/domain'
import { waitFor } from '../support/host'
import { launch, notRunBecause } from '../support/electronApp'
import { JOB_OPTIONS, liveProcesses, makeLongSpeech, type AppGlobal } from '../e2e/host/helpers'

function getJob(window: Page, id: number): Promise<JobRow | null> {
  return window.evaluate((id) => (globalThis as AppGlobal).transcriptor!.jobs.get({ id }), id)
}

async function startLongJob(window: Page, speech: string): Promise<JobRow> {
  const created = await window.evaluate(
    ({ path, options }) =>
      (globalThis as AppGlobal).transcriptor!.jobs.create({
        paths: [path],
        options: { ...options, formats: [...options.formats] }
      }),
    { path: speech, options: JOB_OPTIONS }
  )
  const id = created.created[0]!.id
  return waitFor(
    async () => {
      const job = await getJob(window, id)
      return job?.status === 'processing' && job.process_id && job.process_group_id
        ? job
        : undefined
    },
    `job ${id} to run`,
    60_000
  )
}

function exited(app: ElectronApplication): Promise<void> {
  const child = app.process()
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

/** Reads a job back through a fresh instance of the app on the same data dir. */
async function readBack(dataDir: string, id: number): Promise<JobRow | null> {
  const { app, window } = await launch(dataDir)
  try {
    return await getJob(window, id)
  } finally {
    await app.close()
  }
}

// The specs are registered only where they can run: elsewhere the one skipped entry's name says
// why they did not run (three skipped specs would look like a choice).
if (notRunBecause === '')
  describe('Electron app: jobs stop with their window and on quit', () => {
    let scratch: string
    let speech: string

    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'transcriptor-electron-'))
      speech = makeLongSpeech(scratch)
    })
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true })
    })

    it('closing the window stops its jobs (cancelled, reason recorded, no process left)', async () => {
      const dataDir = await mkdtemp(join(scratch, 'close-'))
      const { app, window } = await launch(dataDir)
      const job = await startLongJob(window, speech)
      const gone = exited(app)
      await window.close()
      await gone
      expect(liveProcesses(job.process_id!, job.process_group_id!)).toEqual([])
      const row = await readBack(dataDir, job.id)
      expect(row?.status).toBe('cancelled')
      expect(row?.cancel_reason).toMatch(/window was closed|app quit/)
    })

    it('reloading the window stops its jobs', async () => {
      const dataDir = await mkdtemp(join(scratch, 'reload-'))
      const { app, window } = await launch(dataDir)
      try {
        const job = await startLongJob(window, speech)
        await window.reload()
        await window.waitForFunction(() => (globalThis as AppGlobal).transcriptor !== undefined)
        const row = await waitFor(async () => {
          const r = await getJob(window, job.id)
          return r?.status === 'cancelled' &&
            liveProcesses(job.process_id!, job.process_group_id!).length === 0
            ? r
            : undefined
        }, 'the reloaded window to stop its job')
        expect(row.cancel_reason).toMatch(/reloaded or navigated/)
      } finally {
        await app.close()
      }
    })

    it('quit waits until every job, kept ones included, is stopped', async () => {
      const dataDir = await mkdtemp(join(scratch, 'quit-'))
      const { app, window } = await launch(dataDir)
      const job = await startLongJob(window, speech)
      await window.evaluate(
        (id) =>
          (globalThis as AppGlobal).transcriptor!.jobs.setKeepInBackground({ id, keep: true }),
        job.id
      )
      const gone = exited(app)
      await app.evaluate(({ app }) => app.quit()).catch(() => undefined)
      await gone
      // Checked at the moment the app exited: quit did not return before the tree was gone.
      expect(liveProcesses(job.process_id!, job.process_group_id!)).toEqual([])
      const row = await readBack(dataDir, job.id)
      expect(row?.status).toBe('cancelled')
      expect(row?.cancel_reason).toMatch(/app quit/)
    })
  })
else
  describe('Electron app specs', () => {
    it.skip(`not run: ${notRunBecause}`, () => undefined)
  })
