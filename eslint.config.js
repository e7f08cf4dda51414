import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Import directions from docs/architecture.md, enforced here and by test/unit/core-purity.test.ts.
const hostLibraries = [
  'react',
  'react-dom',
  'react/*',
  '@xyflow/*',
  'electron',
  'chart.js',
  'zustand',
  'zustand/*',
  'zundo',
  'i18next',
  'react-i18next',
  'node:*',
  '**/node/**',
]
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }]
const rendererRule = {
  paths: [
    { name: 'electron', message: 'The renderer must not import Electron; go through src/renderer/src/platform.' },
  ],
  patterns: [
    {
      group: ['node:*', '**/main/**', '**/node/**'],
      message: 'The renderer must not import Node or the main process.',
    },
  ],
}
const corePure = { group: hostLibraries, message: 'src/core is pure: pass host objects in instead.' }
const coreTfjs = {
  name: '@tensorflow/tfjs',
  allowTypeImports: true,
  message: 'src/core receives tfjs as a parameter; use `import type`.',
}

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist-web', 'dist', 'coverage', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererRule],
    },
  },
  {
    // Tensor code runs in the training worker only; the UI thread talks to it through worker/protocol.ts.
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/worker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...rendererRule,
          patterns: [
            ...rendererRule.patterns,
            { group: ['@tensorflow/*'], message: 'Only the training worker (src/renderer/src/worker) imports tfjs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [corePure],
          paths: [coreTfjs],
        },
      ],
    },
  },
  {
    // Layering inside core: kinds describe themselves and exporters read them, never the other way round.
    files: ['src/core/layers/**/*.ts', 'src/core/codegen/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            corePure,
            {
              group: ['**/export/*', '**/export/**'],
              message:
                'Layer kinds and code helpers must not import the exporters (src/core/codegen holds shared helpers).',
            },
          ],
          paths: [coreTfjs],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['react', 'react-dom', 'electron', '**/renderer/**', '**/main/**'],
        'The CLI runs in plain Node; shared Node helpers live in src/node.',
      ),
    },
  },
  {
    // Node-only helpers the Electron main process and the CLI share (atomic writes).
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['react', 'react-dom', 'electron', '**/renderer/**', '**/main/**', '**/cli/**'],
        'src/node is plain Node, shared by main and the CLI.',
      ),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['react', 'react-dom', '**/renderer/**'],
        'The main process must not import renderer code.',
      ),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'node:*', 'react', '**/node/**'],
        'src/shared holds types and plain data only.',
      ),
    },
  },
)
