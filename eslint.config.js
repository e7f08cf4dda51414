import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Import directions from docs/architecture.md, enforced here and by test/unit/core-purity.test.ts.
const hostLibraries = ['react', 'react-dom', 'react/*', '@xyflow/*', 'electron', 'chart.js', 'zustand', 'zustand/*', 'zundo', 'i18next', 'react-i18next', 'node:*', '**/node/**']
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }]

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist-web', 'dist', 'coverage', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer must not import Electron; go through src/renderer/src/platform.' }],
          patterns: [{ group: ['node:*', '**/main/**', '**/node/**'], message: 'The renderer must not import Node or the main process.' }],
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
          patterns: [{ group: hostLibraries, message: 'src/core is pure: pass host objects in instead.' }],
          paths: [{ name: '@tensorflow/tfjs', allowTypeImports: true, message: 'src/core receives tfjs as a parameter; use `import type`.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['react', 'react-dom', 'electron', '**/renderer/**', '**/main/**'], 'The CLI runs in plain Node; shared Node helpers live in src/node.'),
    },
  },
  {
    // Node-only helpers the Electron main process and the CLI share (atomic writes).
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['react', 'react-dom', 'electron', '**/renderer/**', '**/main/**', '**/cli/**'], 'src/node is plain Node, shared by main and the CLI.'),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['react', 'react-dom', '**/renderer/**'], 'The main process must not import renderer code.') },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', 'node:*', 'react', '**/node/**'], 'src/shared holds types and plain data only.') },
  },
)
