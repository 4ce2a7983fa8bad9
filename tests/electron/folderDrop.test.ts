// A folder dragged from the file manager onto the Electron window: the preload gives the page the
// folder's path (webUtils.getPathForFile), the host lists it by `transcribe DIR`'s rule
// (files.expandFolder), the user confirms the count, and each media file becomes a job that reads
// the file where it lies (no upload). The browser host's page, which gets no path, walks the
// drop's entries instead (tests/e2e/ui/transcribe.test.ts). How these specs run:
// tests/support/electronApp.ts.
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor, type AppGlobal } from '../support/host'
import { launch, notRunBecause } from '../support/electronApp'
import { dragPathsOntoDropZone, makeShortSpeech } from '../e2e/ui/uiHarness'

if (notRunBecause === '')
  describe('Electron app: a folder dropped on the window', () => {
    let scratch: string

    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'transcriptor-electron-drop-'))
    })
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true })
    })

    it('is listed by the host from its path, confirmed with the counts, and each media file queued in place', async () => {
      const folder = join(scratch, 'Interviews')
      mkdirSync(join(folder, 'day 2'), { recursive: true })
      const a = makeShortSpeech(join(folder, 'day 2'), 'interview-a.wav')
      const b = makeShortSpeech(folder, 'interview-b.wav', 1)
      writeFileSync(join(folder, 'questions.txt'), 'what did you hear?\n')
      const { app, window } = await launch(await mkdtemp(join(scratch, 'data-')))
      try {
        await window.getByTestId('drop-zone').waitFor()
        await dragPathsOntoDropZone(window, [folder])
        const dialog = window.getByTestId('folder-dialog')
        await dialog.waitFor()
        expect(await dialog.locator('h2').innerText()).toBe('Add 2 media files from Interviews?')
        expect(await dialog.locator('p').innerText()).toBe(
          '1 other file skipped. Each file becomes its own job.'
        )
        await window.getByTestId('folder-add').click()
        await dialog.waitFor({ state: 'hidden' })
        const paths = await waitFor(async () => {
          const jobs = await window.evaluate(() =>
            (globalThis as AppGlobal).transcriptor!.jobs.list({})
          )
          return jobs.length === 2 ? jobs.map((j) => j.original_path).sort() : undefined
        }, 'a job for each media file')
        expect(paths).toEqual([a, b].sort())
        expect(await window.getByTestId('rejected-item').count()).toBe(0)
      } finally {
        await app.close()
      }
    })
  })
else
  describe('Electron app: a folder dropped on the window', () => {
    it.skip(`not run: ${notRunBecause}`, () => undefined)
  })
