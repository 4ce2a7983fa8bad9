// The layer order is enforced by lint, not by good intentions: a wrong-way import fails at the
// line that makes it, with the repo's own ESLint config (eslint.config.mjs + eslint.layers.mjs).
import { describe, expect, it } from 'vitest'
import { probeMessages } from './probeLint'

/** The layer rules' messages ESLint reports for `code` as if it were at `file`. */
function layerErrors(file: string, code: string): Promise<string[]> {
  return probeMessages(file, code, ['no-restricted-imports', 'no-restricted-syntax'])
}

describe('layer rules', { timeout: 60_000 }, () => {
  // [file the import is written in, the import, the error it must give (null: it must pass)]
  it.each([
    [
      'src/main/os/x.ts',
      "import { dataPaths } from '../core/paths'",
      /src\/main\/os may import only/
    ],
    [
      'src/main/media/x.ts',
      "import { runChunkPool } from '../pipeline/chunkPool'",
      /src\/main\/media may/
    ],
    [
      'src/main/engines/x.ts',
      "import { PIPELINE_JS } from '../pipeline/main'",
      /engines may import/
    ],
    ['src/main/pipeline/x.ts', "import { openStore } from '../core/openDataDir'", /pipeline may/],
    [
      'src/main/core/x.ts',
      "import { runCli } from '../cli/dispatch'",
      /src\/main\/core may import only/
    ],
    [
      'src/main/webHost/x.ts',
      "import { app } from 'electron'",
      /Only src\/main\/electron may import/
    ],
    ['src/main/cli/x.ts', "import { startServer } from '../webHost/server'", /cli is one host/],
    ['src/renderer/src/x.ts', "import { readFileSync } from 'node:fs'", /never touches Node/],
    [
      'src/shared/x.ts',
      "import { openStore } from '../main/core/openDataDir'",
      /never import from/
    ],
    ['src/main/core/x.ts', "import { DEFAULT_SETTINGS } from '../../shared/domain'", /the alias/],
    ['src/main/core/x.ts', "import { killTree } from '../os/killTree'", null],
    ['src/main/pipeline/x.ts', "import { probeMedia } from '../media/mediaProbe'", null],
    ['src/main/electron/x.ts', "import { app } from 'electron'", null],
    [
      'src/main/webHost/x.ts',
      "import { dispatchRequest } from '../core/hosting/dispatchRequest'",
      null
    ],
    ['src/renderer/src/x.ts', "import { DEFAULT_SETTINGS } from '@shared/domain'", null]
  ])('%s: %s', async (file, code, expected) => {
    const errors = await layerErrors(file, `${code}\nexport const used = [${importedName(code)}]\n`)
    if (expected === null) expect(errors).toEqual([])
    else {
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(expected)
    }
  })
})

function importedName(code: string): string {
  return /\{ (\w+) \}/.exec(code)?.[1] ?? ''
}
