// Settings → Watch folders in the real renderer against the real browser host: a folder inside its
// own output folder is refused with the reason; a folder is added; a recording copied into it
// becomes a job (History) and its transcript lands in the output folder; Pause and Remove.
// Screenshots of the section at 1280×800 and 800×600, light and dark.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CLIP_LEISURE, SCREENSHOT_DIR, openUi, type UiSession } from './uiHarness'
import { waitFor } from '../../support/waitFor'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

describe('Settings → Watch folders', () => {
  it('adds a folder; a file copied into it becomes a job whose transcript lands in the output folder', async () => {
    ui = await openUi()
    const { page, scratch } = ui
    const inbox = join(scratch, 'recorder', 'VOICE')
    const out = join(scratch, 'transcripts')
    mkdirSync(inbox, { recursive: true })
    await page.getByTestId('nav-settings').click()

    // Its own output folder around it would loop: refused, with the reason on screen.
    await page.locator('#watch-path').fill(inbox)
    await page.locator('#watch-out').fill(join(scratch, 'recorder'))
    await page.getByTestId('watch-add').click()
    await expect
      .poll(() => page.getByTestId('watch-add-error').innerText())
      .toMatch(/is inside its output folder/)

    await page.locator('#watch-out').fill(out)
    await page.locator('#watch-name').fill('{name} {engine}')
    await page.getByTestId('watch-add').click()
    const row = page.getByTestId('watch-row').first()
    await expect.poll(() => row.innerText()).toMatch(/Watching/)
    expect(await row.innerText()).toContain(inbox)

    // A recording arrives (written under a temporary name, then renamed, as a copy tool does).
    copyFileSync(CLIP_LEISURE, join(inbox, 'meeting.wav.part'))
    renameSync(join(inbox, 'meeting.wav.part'), join(inbox, 'meeting.wav'))
    const { engine } = await ui.client.call('settings.get', {})
    const exported = join(out, `meeting ${engine}.txt`)
    await waitFor(() => existsSync(exported), `${exported} to be written`, 150_000, 250)
    expect(readFileSync(exported, 'utf8')).toMatch(/leisure/)
    await expect
      .poll(() => row.getByTestId('watch-progress').innerText())
      .toMatch(/^1 done · 0 queued · 0 failed/)

    // It is a job like any other: in History, completed.
    await page.getByTestId('nav-history').click()
    const job = page.locator('[data-testid^="history-row-"]', { hasText: 'meeting' }).first()
    await job.waitFor()
    expect(await job.getAttribute('data-status')).toBe('completed')

    await page.getByTestId('nav-settings').click()
    const section = page.locator('.watch-section')
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 600 }
    ]) {
      await page.setViewportSize(size)
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        await section.scrollIntoViewIfNeeded()
        await section.screenshot({
          path: join(SCREENSHOT_DIR, `watch-folders-${size.width}x${size.height}-${theme}.png`)
        })
      }
    }

    await page.getByTestId('watch-pause').click()
    await expect.poll(() => page.getByTestId('watch-row').first().innerText()).toMatch(/Paused/)
    await page.getByTestId('watch-remove').click()
    await expect.poll(() => page.getByTestId('watch-row').count()).toBe(0)
  })
})
