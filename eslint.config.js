// Lint enforces the layers described in README.md ("How the pieces fit"): each zone below lists
// what its files may not import, so a wrong import fails `npm test`, not a code review.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import { relative, resolve } from 'node:path'
import { carriersOf, noCarrierImportRule } from './scripts/lint-import-carriers.js'

/** The most lines a source file may have (tests and test support aside). */
const MAX_FILE_LINES = 300

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

const electronAndSqlite = [
  {
    name: 'electron',
    message:
      'Only src/main/electron, the composition root src/main/index.ts and src/preload may import electron.',
  },
  { name: 'better-sqlite3', message: 'Only src/main/db and server/ may use the SQLite driver.' },
]
/** A pattern matching a relative import that names the folder `folder` anywhere in its path. */
function layer(folder, message) {
  return { regex: `^\\.\\.?/(.*/)?${folder}(/|$)`, message }
}
const mainProcess = layer('main', 'This layer may not import the main process.')
const serverCode = layer('server', 'Only tests and benches may import the reference server.')
const rendererCode = layer('renderer', 'Only the renderer imports the renderer.')
const preloadCode = layer('preload', 'Only the preload imports the preload.')
const browserShell = layer('browser-shell', 'Only the browser shell imports the browser shell: it is a host.')
const sharedNode = layer(
  'shared-node',
  "src/shared-node is plain Node, for the platform and the app's Node hosts: not for a layer without Node.",
)
// socket.io and the engine under it, by any entry point: the platform's transport is one adapter.
const socketIo = {
  regex: '^(@socket\\.io/|(socket\\.io|engine\\.io)(-client|-parser)?(/|$))',
  message:
    'socket.io lives in one adapter, src/main/node/socket-io-transport.ts: the core reaches the platform through its LinkTransport port (src/main/core/ports/link-transport.ts).',
}
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers (src/main/electron/ipc/ipc-main.ts, src/preload/ipc-renderer.ts).',
}

// Paths from this file, not the working directory, so lint started from a subfolder works too.
const src = resolve(import.meta.dirname, 'src')
const zodCarriers = [...carriersOf('zod', [resolve(src, 'shared')])].map((file) =>
  relative(src, file)
    .replace(/\.tsx?$/, '')
    .replace(/\/index$/, '(/index)?'),
)
const electronFree = {
  plugins: {
    layers: { rules: { 'electron-free': noCarrierImportRule('electron', carriersOf('electron', [src])) } },
  },
}

// The renderer and preload bundles stay free of zod and the schemas: they may import a
// schema-carrying module for its types only.
const zodFree = {
  paths: {
    name: 'zod',
    message: 'The renderer and preload bundles stay free of zod: validation happens in the main process.',
  },
  pattern: {
    regex: `^\\.\\.?/(.*/)?(${zodCarriers.join('|')})(\\.[jt]sx?)?$`,
    allowTypeImports: true,
    message:
      'This module carries zod schemas: import its types only (`import type`), or move the value to a zod-free module.',
  },
}

const mainPatterns = [serverCode, rendererCode, preloadCode, browserShell, socketIo]
const preloadPaths = [{ name: 'better-sqlite3', message: 'The preload is sandboxed.' }, zodFree.paths]
const preloadPatterns = [
  mainProcess,
  serverCode,
  rendererCode,
  browserShell,
  zodFree.pattern,
  socketIo,
  sharedNode,
]

const plainNodePaths = [
  {
    name: 'electron',
    message: 'src/main/node, src/main/db and the browser shell run in plain Node, without Electron.',
  },
  rawIpc,
]
const plainNodePatterns = [
  serverCode,
  rendererCode,
  preloadCode,
  browserShell,
  layer('electron', 'src/main/electron is for the Electron host only.'),
]

/** The same ban for `import()`, which no-restricted-imports does not look at. */
function forbidDynamic(paths, patterns) {
  const names = paths.filter((p) => !p.importNames).map((p) => p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const alternatives = [
    ...(names.length > 0 ? [`^(${names.join('|')})$`] : []),
    ...patterns.map((p) => p.regex),
  ]
  if (alternatives.length === 0) return {}
  const selector = `ImportExpression[source.value=/${alternatives.join('|').replaceAll('/', '\\/')}/]`
  const message = 'This layer may not load that module, with import() either: see "Layer rules" in README.md.'
  return { 'no-restricted-syntax': ['error', { selector, message }] }
}

/** no-restricted-imports with the given names and patterns, for static and dynamic imports alike. */
function forbid(paths, patterns = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }], ...forbidDynamic(paths, patterns) }
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
      [mainProcess, serverCode, rendererCode, preloadCode, browserShell, socketIo, sharedNode],
    ),
  },
  // Plain Node shared by the reference platform and the app's Node hosts: src/shared and Node only.
  {
    files: ['src/shared-node/**'],
    rules: forbid(
      [...electronAndSqlite, rawIpc],
      [mainProcess, serverCode, rendererCode, preloadCode, browserShell, socketIo],
    ),
  },
  // Order matters: a later block's rule replaces an earlier one's, so the narrower zone comes last.
  { files: ['src/main/**'], rules: forbid([rawIpc], mainPatterns) },
  // The wrapper owns the raw IPC objects; every other main-process rule still holds there.
  { files: ['src/main/electron/ipc/ipc-main.ts'], rules: forbid([], mainPatterns) },
  {
    files: ['src/main/core/**'],
    rules: forbid(
      [...electronAndSqlite, rawIpc],
      [
        ...mainPatterns,
        layer('db', 'core talks to the cache through its repository ports.'),
        sharedNode,
        ...['node', 'electron'].map((folder) =>
          layer(folder, 'core reaches the outside through its ports; the hosts wire the adapters in.'),
        ),
      ],
    ),
  },
  {
    files: ['src/main/node/**', 'src/main/db/**', 'src/browser-shell/**'],
    rules: forbid(plainNodePaths, [...plainNodePatterns, socketIo]),
  },
  // The transport adapter owns socket.io; every other plain-Node rule still holds there.
  { files: ['src/main/node/socket-io-transport.ts'], rules: forbid(plainNodePaths, plainNodePatterns) },
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
          zodFree.paths,
        ],
        [
          mainProcess,
          serverCode,
          browserShell,
          layer('preload', 'The renderer reaches the main process only through window.standby.'),
          zodFree.pattern,
          socketIo,
          sharedNode,
        ],
      ),
    },
  },
  { files: ['src/preload/**'], rules: forbid([...preloadPaths, rawIpc], preloadPatterns) },
  // The wrapper owns the raw IPC objects; every other preload rule still holds there.
  { files: ['src/preload/ipc-renderer.ts'], rules: forbid(preloadPaths, preloadPatterns) },
  {
    files: ['server/**'],
    rules: forbid(
      [{ name: 'electron', message: 'The reference server runs in plain Node.' }],
      [mainProcess, rendererCode, preloadCode, browserShell],
    ),
  },
  // Code that runs without Electron may not reach it through an Electron file, by any path.
  {
    files: [
      'src/shared/**',
      'src/shared-node/**',
      'src/renderer/**',
      'src/main/core/**',
      'src/main/node/**',
      'src/main/db/**',
      'src/browser-shell/**',
      'server/**',
    ],
    ...electronFree,
    rules: { 'layers/electron-free': 'error' },
  },
  // Small files (README.md, "House style"): past 300 lines a module holds more than one thing, and
  // is split along its seams. Tests and test support may run longer: a table of cases reads whole.
  {
    files: ['src/**/*.{ts,tsx}', 'server/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: MAX_FILE_LINES }] },
  },
  // Tool config files must default-export their config.
  { files: ['*.config.{js,ts,mjs}'], rules: { 'no-restricted-exports': 'off' } },
)
