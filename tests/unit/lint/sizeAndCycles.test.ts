// Function size and import cycles are enforced by lint, on the repository's own config
// (eslint.config.mjs + eslint.cycles.mjs): probe texts linted as if they sat at a path in src/.
import { describe, expect, it } from 'vitest'
import { probeMessages as messages } from './probeLint'

/** A function exactly `lines` lines long, from its first line to its closing brace. */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i}`)
  return [
    'export function probe(): number {',
    '  let total = 0',
    ...body,
    '  return total',
    '}\n'
  ].join('\n')
}

describe('function size', { timeout: 60_000 }, () => {
  it.each([
    'src/main/cli/probe.ts',
    'src/main/core/probe.ts',
    'src/main/engines/probe.ts',
    'src/shared/probe.ts',
    'src/preload/probe.ts',
    'src/renderer/src/components/Probe.tsx',
    'src/renderer/src/hooks/useProbe.ts'
  ])('%s: 81 lines are refused, 80 pass', async (file) => {
    expect(functionOf(81).trimEnd().split('\n')).toHaveLength(81)
    const long = await messages(file, functionOf(81), ['max-lines-per-function'])
    expect(long).toHaveLength(1)
    expect(long[0]).toMatch(/has too many lines \(81\)\. Maximum allowed is 80/)
    expect(await messages(file, functionOf(80), ['max-lines-per-function'])).toEqual([])
  })
})

describe('import cycles', { timeout: 60_000 }, () => {
  it('refuses an import that closes a loop of modules, naming the loop', async () => {
    // killTree imports stopTimings; stopTimings importing killTree back closes the loop.
    const file = 'src/main/os/stopTimings.ts'
    const code = "import { killTree } from './killTree'\nexport const probe = killTree\n"
    expect(await messages(file, code, ['cycles/no-import-cycle'])).toEqual([
      'Import cycle: src/main/os/stopTimings.ts → src/main/os/killTree.ts → src/main/os/stopTimings.ts.'
    ])
    // A type-only import counts too: the two files still cannot be read apart.
    const typeOnly =
      "import type { KillTarget } from './killTree'\nexport type Probe = KillTarget\n"
    expect(await messages(file, typeOnly, ['cycles/no-import-cycle'])).toHaveLength(1)
    const fine =
      "import { STOP_GRACE_MS } from './stopTimings'\nexport const probe = STOP_GRACE_MS\n"
    expect(await messages('src/main/os/probe.ts', fine, ['cycles/no-import-cycle'])).toEqual([])
  })

  it('refuses a folder that imports from a sibling folder that imports from it', async () => {
    // core/service imports core/db (serviceCore opens the store); db importing service closes it.
    const code =
      "import { outputBaseName } from '../service/jobOutputs'\nexport const probe = outputBaseName\n"
    const found = await messages('src/main/core/db/probe.ts', code, ['cycles/no-folder-cycle'])
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(
      /^Folder cycle in src\/main\/core: src\/main\/core\/db → src\/main\/core\/service → src\/main\/core\/db /
    )
    // The other way round is the layering as it is: no cycle.
    const down =
      "import { JobRepository } from '../db/jobRepository'\nexport const probe = JobRepository\n"
    expect(
      await messages('src/main/core/service/probe.ts', down, ['cycles/no-folder-cycle'])
    ).toEqual([])
  })
})
