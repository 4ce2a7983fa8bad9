// Speaker colours are text colours: each must keep WCAG AA contrast (4.5:1) on every background a
// speaker label sits on (panel, page, highlighted segment, accent tint), in the light and dark themes.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const THEME = readFileSync(resolve(__dirname, '../../../src/renderer/src/styles/theme.css'), 'utf8')

function themeColour(name: string): [string, string] {
  const m = new RegExp(`--${name}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\)`).exec(THEME)
  if (!m) throw new Error(`--${name} is not a light-dark pair in theme.css`)
  return [m[1], m[2]]
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const speakers = [...THEME.matchAll(/--(speaker-\d+):/g)].map((m) => m[1])
const backgrounds = ['panel', 'bg', 'highlight', 'accent-bg']

describe('the speaker palette', () => {
  it('has eight colours', () => expect(speakers).toHaveLength(8))
  for (const [theme, side] of [
    ['light', 0],
    ['dark', 1]
  ] as const) {
    it(`keeps 4.5:1 on every background in the ${theme} theme`, () => {
      for (const speaker of speakers)
        for (const bg of backgrounds) {
          const ratio = contrast(themeColour(speaker)[side], themeColour(bg)[side])
          expect(ratio, `${speaker} on ${bg}`).toBeGreaterThanOrEqual(4.5)
        }
    })
  }
})
