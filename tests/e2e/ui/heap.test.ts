// The spec's "no memory leaks after 10 jobs": ten jobs in a row through the UI; the host's live
// heap (after full GC) grows by less than 5 MB between the second and the tenth.
import { afterEach, describe, expect, it } from 'vitest'
import { CLIP_MARRIED, hostHeapBytes, openUi, pickFiles, type UiSession } from './uiHarness'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

const JOBS = 10
const MAX_GROWTH_BYTES = 5 * 1024 * 1024

describe('ten jobs in a row', () => {
  it('the host heap grows by less than 5 MB after the second job', async () => {
    ui = await openUi()
    const { page } = ui
    let afterSecond = 0
    for (let n = 1; n <= JOBS; n++) {
      await pickFiles(page, [CLIP_MARRIED])
      // Rows are newest first: the first row is the job just created.
      const row = page.locator('[data-testid^="queue-row-"]').first()
      await page
        .locator('[data-testid^="queue-row-"]')
        .nth(n - 1)
        .waitFor()
      await row.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 150_000 })
      if (n === 2) afterSecond = await hostHeapBytes(ui.host)
    }
    const afterTenth = await hostHeapBytes(ui.host)
    const growth = afterTenth - afterSecond
    console.log(
      `[ui e2e] host heap after job 2: ${(afterSecond / 1048576).toFixed(2)} MB, after job ${JOBS}: ${(afterTenth / 1048576).toFixed(2)} MB, growth ${(growth / 1048576).toFixed(2)} MB`
    )
    expect(growth).toBeLessThan(MAX_GROWTH_BYTES)
  }, 900_000)
})
