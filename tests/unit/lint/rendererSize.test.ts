// The renderer is held to the core's size rule: a component of 81 lines (blank lines and comments
// not counted) fails lint with the repo's own config; one of 80 passes.
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
// Only the size rule runs (so no type information is needed for the made-up file).
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'max-lines-per-function'
})

/** A component whose function spans `lines` counted lines, with blank lines and comments besides. */
function component(lines: number): string {
  const body = Array.from({ length: lines - 3 }, (_, i) => `  const v${i} = ${i}\n\n  // why ${i}`)
  const sum = Array.from({ length: lines - 3 }, (_, i) => `v${i}`).join(' + ')
  return `export function Probe(): number {\n${body.join('\n')}\n  return ${sum}\n}\n`
}

async function sizeErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) })
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('function size in src/renderer', { timeout: 60_000 }, () => {
  it.each(['src/renderer/src/components/Probe.tsx', 'src/renderer/src/hooks/useProbe.ts'])(
    '%s: 81 lines fail, 80 pass',
    async (file) => {
      const over = await sizeErrors(file, component(81))
      expect(over).toHaveLength(1)
      expect(over[0]).toMatch(
        /max-lines-per-function: .*too many lines \(81\)\. Maximum allowed is 80/
      )
      expect(await sizeErrors(file, component(80))).toEqual([])
    }
  )
})
