// A page as issue 24 asks to look at it: at 1280×800 and 800×600, light and dark, each saved as
// `<name>-<width>-<scheme>.png` in test-results/ui.
import type { Page } from 'playwright-core'
import { screenshot } from './uiHarness'

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 }
] as const

export async function screenshotsOf(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await screenshot(page, `${name}-${size.width}-${colorScheme}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 800 })
}
