// The layer order is enforced by lint, not by good intentions: a wrong-way import fails at the
// line that makes it, with the repo's own ESLint config (eslint.config.mjs + eslint.layers.mjs).
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const eslint = new ESLint({ cwd: ROOT })

/** The no-restricted-imports messages ESLint reports for `code` as if it were at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) })
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message)
}

describe('layer rules', () => {
  it.each([
    [
      'src/main/os/probe.ts',
      "import { dataPaths } from '../core/paths'",
      /src\/main\/os may import only/
    ],
    [
      'src/main/media/probe.ts',
      "import { runPool } from '../pipeline/workerPool'",
      /src\/main\/media may import only/
    ],
    [
      'src/main/engines/probe.ts',
      "import { PIPELINE_JS } from '../pipeline/main'",
      /src\/main\/engines may import only/
    ],
    [
      'src/main/pipeline/probe.ts',
      "import { openStore } from '../core/db/openDataDir'",
      /src\/main\/pipeline may import only/
    ],
    [
      'src/main/core/probe.ts',
      "import { runCli } from '../cli/dispatch'",
      /src\/main\/core may import only/
    ],
    [
      'src/main/webHost/probe.ts',
      "import { app } from 'electron'",
      /Only src\/main\/electron may import electron/
    ],
    [
      'src/main/cli/probe.ts',
      "import { startServer } from '../webHost/server'",
      /src\/main\/cli is one host/
    ],
    ['src/renderer/src/probe.ts', "import { readFileSync } from 'node:fs'", /never touches Node/],
    [
      'src/shared/probe.ts',
      "import { openStore } from '../main/core/db/openDataDir'",
      /never import from src\/main/
    ],
    [
      'src/main/core/probe.ts',
      "import { DEFAULT_SETTINGS } from '../../shared/domain'",
      /through the alias/
    ]
  ])('%s: %s fails', async (file, code, message) => {
    const errors = await layerErrors(file, `${code}\nexport const used = [${importedName(code)}]\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
  })

  it.each([
    ['src/main/core/probe.ts', "import { killTree } from '../os/killTree'"],
    ['src/main/pipeline/probe.ts', "import { probeMedia } from '../media/probe'"],
    ['src/main/electron/probe.ts', "import { app } from 'electron'"],
    [
      'src/main/webHost/probe.ts',
      "import { dispatchRequest } from '../core/hosting/dispatchRequest'"
    ],
    ['src/renderer/src/probe.ts', "import { DEFAULT_SETTINGS } from '@shared/domain'"]
  ])('%s: %s passes', async (file, code) => {
    expect(
      await layerErrors(file, `${code}\nexport const used = [${importedName(code)}]\n`)
    ).toEqual([])
  })
})

function importedName(code: string): string {
  return /\{ (\w+) \}/.exec(code)?.[1] ?? ''
}
