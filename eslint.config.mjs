import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import { layerRules } from './eslint.layers.mjs'
import { cyclesPlugin } from './eslint.cycles.mjs'

// The process a file runs in, and the layer it belongs to, are obvious from where it lives; these
// rules keep both true (docs/ARCHITECTURE.md draws the layers).
export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'bench/results/**',
      '.run/**',
      '.native/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/no-explicit-any': 'error'
    }
  },
  {
    // Type-aware rules: a promise nobody awaits or catches, a promise where a callback's return
    // is ignored, a condition the types say is always (or never) true. The project service
    // finds each file's tsconfig (node or web) through tsconfig.json's references. On src only:
    // tests and bench too made lint ~20 % slower (98 s → 119 s under load) and found nothing.
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-condition': 'error'
    }
  },
  {
    // On Node 20 a timeout signal inside AbortSignal.any is held only weakly: a GC during the wait
    // loses it and the timeout never fires (a hung server kept a chunk forever).
    // engines/requestDeadline does the same with a timer that holds its controller.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'AbortSignal',
          property: 'timeout',
          message: 'A GC can lose it inside AbortSignal.any on Node 20; use requestDeadline.'
        }
      ]
    }
  },
  ...layerRules,
  {
    // Readable in small pieces: one role per file, no function (component, hook) over ~80 lines;
    // no two modules (nor two sibling folders) that import each other, directly or round a loop.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { cycles: cyclesPlugin },
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'cycles/no-import-cycle': 'error',
      'cycles/no-folder-cycle': 'error'
    }
  },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  {
    files: ['**/*.mjs', 'bin/**/*.js', 'scripts/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        URL: 'readonly'
      }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
)
