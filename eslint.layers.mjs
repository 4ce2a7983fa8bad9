// The layer order docs/ARCHITECTURE.md draws, as lint rules: each layer imports only from the
// layers before it.
//   src/shared → src/main/os → src/main/media → src/main/engines → src/main/pipeline →
//   src/main/core → the hosts (src/main/electron, src/main/webHost, src/main/cli)
// The renderer and the preload sit beside the hosts and see only src/shared.
// A wrong-way import fails at the line that makes it (tests/unit/lint/layers.test.ts proves it).

const MAIN_LAYERS = ['os', 'media', 'engines', 'pipeline', 'core']
const HOSTS = ['electron', 'webHost', 'cli']
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'child_process', 'os', 'electron', 'better-sqlite3']

/** Matches a relative import that enters one of the given folders of src/main. */
const into = (folders) => `^\\.{1,2}/(?:\\.\\./)*(?:main/)?(?:${folders.join('|')})(?:/|$)`

function forbid(files, folders, why, extra = {}) {
  const patterns = folders.length > 0 ? [{ regex: into(folders), message: why }] : []
  if (extra.patterns) patterns.push(...extra.patterns)
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: extra.paths ?? [], patterns }]
    }
  }
}

const noElectron = [
  {
    name: 'electron',
    message: 'Only src/main/electron may import electron: the core runs under plain Node.'
  }
]

export const layerRules = [
  // Each main layer: nothing from the layers after it, and no electron.
  ...MAIN_LAYERS.map((layer, i) =>
    forbid(
      [`src/main/${layer}/**`],
      [...MAIN_LAYERS.slice(i + 1), ...HOSTS],
      `src/main/${layer} may import only from the layers before it: ${['src/shared', ...MAIN_LAYERS.slice(0, i).map((l) => `src/main/${l}`)].join(', ')} (docs/ARCHITECTURE.md).`,
      { paths: noElectron }
    )
  ),
  // The hosts are adapters over the core; they never reach into each other.
  ...HOSTS.map((host) =>
    forbid(
      [`src/main/${host}/**`],
      HOSTS.filter((h) => h !== host),
      `src/main/${host} is one host; code shared by the hosts lives in src/main/core/hosting.`,
      host === 'electron' ? {} : { paths: noElectron }
    )
  ),
  // Shared code runs in the renderer too: no Node, no Electron, nothing from src/main.
  forbid(['src/shared/**', 'src/renderer/**'], [], '', {
    patterns: [
      {
        group: NODE_BUILTINS,
        message:
          'The renderer (and shared code it imports) never touches Node or Electron; use window.transcriptor.'
      },
      {
        regex: '(?:^|/)main/',
        message:
          'The renderer and src/shared never import from src/main: go through the IPC contract in src/shared.'
      }
    ]
  }),
  // Relative paths into src/shared are spelled one way: the alias.
  {
    files: ['src/**', 'tests/**', 'bench/**'],
    ignores: ['tests/fixtures/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/(^|\\/)shared\\//][source.value=/^\\./]',
          message: "Import src/shared through the alias: '@shared/…'."
        }
      ]
    }
  }
]
