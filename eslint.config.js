// Lint enforces the layers described in README.md ("How the pieces fit"): each zone below lists
// what its files may not import, so a wrong import fails `npm test`, not a code review.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

const electronAndSqlite = [
  {
    name: 'electron',
    message: 'Only the Electron shell (src/main adapters, src/preload) may import electron.',
  },
  { name: 'better-sqlite3', message: 'Only src/main/db and server/ may use the SQLite driver.' },
]
const mainProcess = { regex: '(^|/)main/', message: 'This layer may not import the main process.' }
const serverCode = {
  regex: '(^|/)server/',
  message: 'Only tests and benches may import the reference server.',
}
const rendererCode = { regex: '(^|/)renderer/', message: 'Only the renderer imports the renderer.' }
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers (src/main/ipc/ipc-main.ts, src/preload/ipc-renderer.ts).',
}

/** no-restricted-imports with the given names and patterns. */
function forbid(paths, patterns = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-exports': [
        'error',
        { restrictDefaultExports: { direct: true, named: true, defaultFrom: true } },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  // Everywhere by default: raw ipcMain/ipcRenderer are banned outside the two wrapper files.
  { files: ['**/*.{ts,tsx}'], rules: forbid([rawIpc]) },
  {
    files: ['src/shared/**'],
    rules: forbid(
      [
        ...electronAndSqlite,
        ...nodeBuiltins.map((name) => ({
          name,
          message: 'src/shared runs in the renderer too: no Node-only modules.',
        })),
      ],
      [
        mainProcess,
        serverCode,
        rendererCode,
        { regex: '(^|/)preload/', message: 'src/shared imports nothing above it.' },
      ],
    ),
  },
  // Order matters: a later block's rule replaces an earlier one's, so the narrower zone comes last.
  {
    files: ['src/main/**'],
    rules: forbid([rawIpc], [serverCode, rendererCode]),
  },
  {
    files: ['src/main/core/**'],
    rules: forbid(
      [...electronAndSqlite, rawIpc],
      [
        serverCode,
        rendererCode,
        { regex: '(^|/)db/', message: 'core talks to the cache through its repository ports.' },
      ],
    ),
  },
  {
    files: ['src/main/node-adapters/**', 'src/browser-shell/**'],
    rules: forbid(
      [
        {
          name: 'electron',
          message: 'Node adapters and the browser shell run in plain Node, without Electron.',
        },
        rawIpc,
      ],
      [
        serverCode,
        rendererCode,
        {
          regex: '(^|/)main/adapters/|^\\.\\./adapters/|^\\./adapters/',
          message: 'Electron adapters are for the Electron host only.',
        },
      ],
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        [
          ...electronAndSqlite,
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node modules.' })),
        ],
        [
          mainProcess,
          serverCode,
          {
            regex: '(^|/)preload/',
            message: 'The renderer reaches the main process only through window.standby.',
          },
        ],
      ),
    },
  },
  {
    files: ['src/preload/**'],
    rules: forbid(
      [{ name: 'better-sqlite3', message: 'The preload is sandboxed.' }, rawIpc],
      [mainProcess, serverCode, rendererCode],
    ),
  },
  {
    files: ['server/**'],
    rules: forbid(
      [{ name: 'electron', message: 'The reference server runs in plain Node.' }],
      [mainProcess, rendererCode],
    ),
  },
  // The two wrapper files own the raw IPC objects; everything else goes through them.
  {
    files: ['src/main/ipc/ipc-main.ts', 'src/preload/ipc-renderer.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Tool config files must default-export their config.
  { files: ['*.config.{js,ts,mjs}'], rules: { 'no-restricted-exports': 'off' } },
)
