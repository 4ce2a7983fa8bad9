// History with 10,000 jobs (real rows and transcripts in the host's own database): it opens and
// searches transcript text within the budgets, the query itself well inside 20 ms, and
// only one page of rows is in the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { makeTempDir, removeDir } from '../../support/db'
import { connectClient } from '../../support/host'
import { budgetNote, budgetStretch, median } from '../../support/loadBudget'
import { needleFor, seedHistory } from '../../support/historySeed'
import { openUi, screenshot, type UiSession } from './uiHarness'

let ui: UiSession
let ids: number[]

/** The budgets, for a laptop (see tests/support/loadBudget.ts for a loaded machine). */
const OPEN_BUDGET_MS = 300
const SEARCH_BUDGET_MS = 100
const QUERY_BUDGET_MS = 20

let dataDir: string

// A user with 10,000 jobs starts the app: the rows are there before the host opens its database.
beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-history-')
  const store = openStore(dataDir)
  const started = Date.now()
  ids = seedHistory(store.db, 10_000)
  store.close()
  console.log(`[ui e2e] seeded 10,000 jobs in ${Date.now() - started} ms`)
  ui = await openUi({ dataDir })
}, 180_000)

afterAll(async () => {
  await ui.close()
  removeDir(dataDir)
})

/**
 * Milliseconds from the user's input reaching the page (the click or the typed text) until a row
 * matching `selector` is in the document, both taken in the page, so the test's own round trips
 * are not counted. The row is looked for after every DOM change.
 */
async function timeUntilShown(act: () => Promise<void>, selector: string): Promise<number> {
  await ui.page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)}
    window.__t0 = undefined
    const start = () => { if (window.__t0 === undefined) window.__t0 = performance.now() }
    document.addEventListener('click', start, { capture: true, once: true })
    document.addEventListener('input', start, { capture: true, once: true })
    window.__shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (window.__t0 !== undefined && document.querySelector(sel)) {
          observer.disconnect()
          resolve(performance.now() - window.__t0)
        }
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  })()`)
  await act()
  return (await ui.page.evaluate('window.__shown')) as number
}

describe('History at 10,000 jobs', () => {
  it('opens within budget, one page in the DOM', async () => {
    const { page } = ui
    const newest = ids[ids.length - 1]
    const tries: number[] = []
    for (let i = 0; i < 3; i++) {
      // Away, then a reload: the page's memory of History is empty, each try opens it cold.
      if (i > 0) {
        await page.getByTestId('nav-settings').click()
        await page.reload()
      }
      await page.getByTestId('nav-history').waitFor()
      tries.push(
        await timeUntilShown(
          () => page.getByTestId('nav-history').click(),
          `[data-testid="history-row-${newest}"]`
        )
      )
    }
    console.log(
      `[ui e2e] History with 10,000 jobs: rows on screen ${tries.map(Math.round).join(', ')} ms after the click${budgetNote()}`
    )
    expect(await page.getByTestId('history-count').innerText()).toBe('1–50 of 10,000')
    expect(await page.locator('[data-testid^="history-row-"]').count()).toBe(50)
    expect(median(tries)).toBeLessThanOrEqual(OPEN_BUDGET_MS * budgetStretch())
    await screenshot(page, '40-history-10000')
  })

  it('finds a job by a word of its transcript within budget, with the matching line', async () => {
    const { page } = ui
    const tries: number[] = []
    for (const i of [1234, 8765, 555, 9876, 4321]) {
      tries.push(
        await timeUntilShown(
          () => page.getByTestId('history-search').fill(needleFor(i)),
          `[data-testid="history-snippet-${ids[i]}"]`
        )
      )
    }
    console.log(
      `[ui e2e] History search of 10,000 transcripts: rows on screen after ${tries.map(Math.round).join(', ')} ms${budgetNote()}`
    )
    const target = ids[4321]
    expect(await page.getByTestId(`history-snippet-${target}`).innerText()).toContain(
      needleFor(4321)
    )
    expect(await page.locator(`[data-testid="history-snippet-${target}"] mark`).innerText()).toBe(
      needleFor(4321)
    )
    const inPage = (await page.evaluate(`(async () => {
      const out = []
      for (let i = 0; i < 5; i++) {
        const t = performance.now()
        await window.transcriptor.history.query({ search: ${JSON.stringify(needleFor(4321))}, limit: 50 })
        out.push(Math.round(performance.now() - t))
      }
      return out
    })()`)) as number[]
    console.log(`[ui e2e] the same search from the page, round trips: ${inPage.join(', ')} ms`)
    expect(median(tries)).toBeLessThanOrEqual(SEARCH_BUDGET_MS * budgetStretch())
    await screenshot(page, '41-history-search')
  })

  it('answers the query itself within 20 ms (host round trip included)', async () => {
    const client = await connectClient(ui.host)
    const timings: number[] = []
    for (const search of [needleFor(99), 'cafe', 'recording-05', 'morning', needleFor(8000)]) {
      const t = performance.now()
      const page = await client.call('history.query', { search, limit: 50 })
      timings.push(performance.now() - t)
      expect(page.total).toBeGreaterThan(0)
    }
    await client.close()
    console.log(
      `[ui e2e] history.query round trips: ${timings.map((t) => t.toFixed(1)).join(', ')} ms${budgetNote()}`
    )
    expect(median(timings)).toBeLessThanOrEqual(QUERY_BUDGET_MS * budgetStretch())
  })
})
