// The accessibility gate: axe-core runs on every page (Transcribe, a finished Job, History,
// Settings, and the leave dialog), in the light and the dark theme, with zero serious or critical
// violations; and screenshots of each page at 1280×800 and 800×600 in both themes, for review.
// At 800×600 nothing scrolls sideways. One browser and one short job for the whole file.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import {
  CLIP_MARRIED,
  openUi,
  pickFiles,
  screenshot,
  waitForQueueStatus,
  type UiSession
} from './uiHarness'

const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')
const THEMES = ['light', 'dark'] as const
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 }
] as const

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

let ui: UiSession
let jobId: number

beforeAll(async () => {
  ui = await openUi()
  await pickFiles(ui.page, [CLIP_MARRIED])
  jobId = await (async () => {
    const row = ui.page.locator('[data-testid^="queue-row-"]').first()
    await row.waitFor()
    return Number((await row.getAttribute('data-testid'))?.replace('queue-row-', ''))
  })()
  await waitForQueueStatus(ui.page, jobId, 'completed')
}, 240_000)

afterAll(async () => {
  await ui.close()
})

async function seriousViolations(): Promise<AxeViolation[]> {
  const { page } = ui
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
    await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(`window.axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

const describeViolations = (vs: AxeViolation[]): string =>
  vs
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    )
    .join('\n')

/** Inside the window and inside every box around it that clips (a table scrolling in its box). */
function fullyShown(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    const view = el.ownerDocument.defaultView
    const right = el.getBoundingClientRect().right
    if (!view || right > view.innerWidth) return false
    for (let box = el.parentElement; box; box = box.parentElement) {
      const clips = view.getComputedStyle(box).overflowX !== 'visible'
      if (clips && right > box.getBoundingClientRect().right) return false
    }
    return true
  })
}

/** A page, and the controls that must be in view without scrolling sideways (by test id). */
const PAGES: { name: string; open: () => Promise<void>; inView?: () => string[] }[] = [
  {
    name: 'transcribe',
    open: async () => {
      await ui.page.getByTestId('nav-transcribe').click()
      await ui.page.getByTestId('drop-zone').waitFor()
    }
  },
  {
    name: 'job',
    open: async () => {
      await ui.page.getByTestId('nav-transcribe').click()
      await ui.page.locator(`[data-testid="queue-row-${jobId}"] a`).click()
      await ui.page.getByTestId('transcript').waitFor()
    }
  },
  {
    name: 'history',
    open: async () => {
      await ui.page.getByTestId('nav-history').click()
      await ui.page.getByTestId(`history-row-${jobId}`).waitFor()
    },
    // A row's last action, not only the page: the table may scroll inside its box, but a row's
    // actions stay on screen at 800 px.
    inView: () => [`delete-${jobId}`]
  },
  {
    name: 'settings',
    open: async () => {
      await ui.page.getByTestId('nav-settings').click()
      await ui.page.getByTestId('settings-save').waitFor()
    }
  }
]

describe('accessibility and layout', () => {
  for (const theme of THEMES) {
    it(`every page passes axe (no serious or critical violations) in the ${theme} theme`, async () => {
      const { page } = ui
      await page.emulateMedia({ colorScheme: theme })
      const found: string[] = []
      for (const p of PAGES) {
        await p.open()
        const vs = await seriousViolations()
        if (vs.length > 0) found.push(`${p.name} (${theme}):\n${describeViolations(vs)}`)
      }
      expect(found.join('\n\n')).toBe('')
    })
  }

  it('screenshots every page at 1280×800 and 800×600, light and dark; no sideways scroll', async () => {
    const { page } = ui
    const sideways: string[] = []
    for (const size of SIZES) {
      await page.setViewportSize(size)
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme })
        for (const p of PAGES) {
          await p.open()
          const overflow = (await page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth'
          )) as number
          if (overflow > 0) sideways.push(`${p.name} ${size.width}×${size.height}: ${overflow}px`)
          for (const id of p.inView?.() ?? []) {
            if (!(await fullyShown(page.getByTestId(id))))
              sideways.push(`${p.name} ${size.width}×${size.height}: ${id} out of view`)
          }
          await screenshot(page, `a11y-${p.name}-${size.width}x${size.height}-${theme}`)
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    expect(sideways).toEqual([])
  })
})
