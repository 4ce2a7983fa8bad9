// Lints made-up code as if it sat at a path in the repository, with the repo's own ESLint config
// minus type information (which would build a TypeScript program for each made-up file and is not
// what the layer, size and cycle rules need).
import { resolve } from 'node:path'
import { ESLint } from 'eslint'

export const ROOT = resolve(__dirname, '../../..')

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off'
    }
  }
})

/** The messages of `rules` that ESLint reports for `code` as if it were the file at `file`. */
export async function probeMessages(
  file: string,
  code: string,
  rules: string[]
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) })
  return result.messages.filter((m) => rules.includes(m.ruleId ?? '')).map((m) => m.message)
}
