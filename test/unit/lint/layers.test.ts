import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })
const IMPORT_RULES: ReadonlyArray<string> = ['no-restricted-imports', 'no-restricted-syntax']

/** A module that imports `source` and uses what it imported, so only the layer rules can object. */
function importing(source: string, what = '{ a }'): string {
  return `import ${what} from '${source}'\nexport const b = ${what.replace(/[{}]|type /g, '').trim()}`
}

/** The messages the given layer rules report for `code` placed at `filePath`. */
async function violations(
  filePath: string,
  code: string,
  rules: ReadonlyArray<string> = IMPORT_RULES,
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && rules.includes(m.ruleId))
    .map((m) => m.message)
}

describe('layer rules', () => {
  it('keep electron, SQLite and Node-only modules out of src/shared', async () => {
    expect(
      await violations('src/shared/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations('src/shared/x.ts', `import Database from 'better-sqlite3'\nexport const d = Database`),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/shared/x.ts',
        `import { readFileSync } from 'node:fs'\nexport const r = readFileSync`,
      ),
    ).toHaveLength(1)
    expect(
      await violations('src/shared/x.ts', `import { z } from 'zod'\nexport const s = z.string()`),
    ).toEqual([])
  })

  it('keep electron and SQLite out of the main-process core', async () => {
    expect(
      await violations('src/main/core/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/main/core/x.ts',
        `import Database from 'better-sqlite3'\nexport const d = Database`,
      ),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/main/core/x.ts',
        `import { EventEmitter } from 'node:events'\nexport const e = EventEmitter`,
      ),
    ).toEqual([])
  })

  it('keep the renderer away from the main process, the server and Node', async () => {
    expect(
      await violations('src/renderer/x.tsx', `import { a } from '../main/index'\nexport const b = a`),
    ).toHaveLength(1)
    expect(
      await violations('src/renderer/x.tsx', `import { a } from '../../server/src/cli'\nexport const b = a`),
    ).toHaveLength(1)
    expect(
      await violations('src/renderer/x.tsx', `import { join } from 'node:path'\nexport const j = join`),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/renderer/x.tsx',
        `import { jitteredBackoff } from '../shared/backoff'\nexport const j = jitteredBackoff`,
      ),
    ).toEqual([])
  })

  it('allow raw ipcMain and ipcRenderer only in the two IPC wrapper files', async () => {
    const raw = `import { ipcMain } from 'electron'\nexport const i = ipcMain`
    expect(await violations('src/main/window.ts', raw)).toHaveLength(1)
    expect(
      await violations(
        'src/preload/index.ts',
        `import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer`,
      ),
    ).toHaveLength(1)
    expect(await violations('src/main/electron/ipc/ipc-main.ts', raw)).toEqual([])
    expect(
      await violations(
        'src/preload/ipc-renderer.ts',
        `import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer`,
      ),
    ).toEqual([])
  })

  it('keep src/main/node, src/main/db and the browser shell free of Electron', async () => {
    expect(
      await violations('src/main/node/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations('src/main/db/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations('src/browser-shell/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/main/node/adapters/x.ts',
        `import { a } from '../../electron/adapters/notifier'\nexport const b = a`,
      ),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/browser-shell/x.ts',
        `import { a } from '../main/node/adapters'\nexport const b = a`,
      ),
    ).toEqual([])
  })

  it('keep the reference server free of electron and the app', async () => {
    expect(
      await violations('server/src/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations('server/src/x.ts', `import { a } from '../../src/main/index'\nexport const b = a`),
    ).toHaveLength(1)
  })

  it('keep the main-process core away from the adapters, the runtime and the hosts', async () => {
    for (const source of [
      '../node/settings-file',
      '../../node/adapters',
      '../electron/adapters/notifier',
      '../../electron/adapters/notifier',
      '../node/runtime/start-runtime',
      '../../node/runtime/start-node-runtime',
      '../../electron',
      '../db/cache',
      '../../../browser-shell/browser-shell',
      '../../preload/index',
    ]) {
      expect(await violations('src/main/core/sync/x.ts', importing(source)), source).toHaveLength(1)
    }
    expect(await violations('src/main/core/sync/x.ts', importing('../ports/logger'))).toEqual([])
    expect(await violations('src/main/core/sync/x.ts', importing('../../../shared/clock'))).toEqual([])
  })

  it('keep the browser shell a host that nothing else imports', async () => {
    expect(await violations('src/shared/x.ts', importing('../browser-shell/browser-shell'))).toHaveLength(1)
    expect(
      await violations('src/shared/ipc/x.ts', importing('../../browser-shell/ipc-socket-server')),
    ).toHaveLength(1)
    expect(await violations('src/renderer/store/x.ts', importing('../../browser-shell'))).toHaveLength(1)
    expect(await violations('src/main/x.ts', importing('../browser-shell/browser-shell'))).toHaveLength(1)
    expect(await violations('server/src/x.ts', importing('../../src/browser-shell/x'))).toHaveLength(1)
  })

  it('keep src/shared-node to plain Node and src/shared, and out of every layer without Node', async () => {
    for (const source of ['electron', 'better-sqlite3', '../main/node/log', '../browser-shell/raw-answer']) {
      expect(await violations('src/shared-node/x.ts', importing(source))).toHaveLength(1)
    }
    expect(await violations('src/shared-node/x.ts', importing('../shared/clock'))).toEqual([])
    expect(await violations('src/shared-node/x.ts', importing('node:http'))).toEqual([])
    for (const file of ['src/shared/x.ts', 'src/renderer/x.ts', 'src/preload/x.ts', 'src/main/core/x.ts']) {
      const source = file.startsWith('src/main/core') ? '../../shared-node/x' : '../shared-node/x'
      expect(await violations(file, importing(source))).toHaveLength(1)
    }
    for (const [file, source] of [
      ['src/browser-shell/x.ts', '../shared-node/x'],
      ['src/main/node/x.ts', '../../shared-node/x'],
      ['server/src/http/x.ts', '../../../src/shared-node/x'],
    ] as const) {
      expect(await violations(file, importing(source))).toEqual([])
    }
  })

  it('catch an import of a layer by its folder alone, without a file name', async () => {
    expect(await violations('src/shared/x.ts', importing('../main'))).toHaveLength(1)
    expect(await violations('src/renderer/x.tsx', importing('../preload'))).toHaveLength(1)
    expect(await violations('server/src/x.ts', importing('../../src/main'))).toHaveLength(1)
  })

  it('keep zod and the schemas out of the renderer and preload bundles, types excepted', async () => {
    const contract = '../../shared/ipc/contract'
    for (const file of ['src/renderer/store/x.ts', 'src/preload/ipc/x.ts', 'src/preload/ipc-renderer.ts']) {
      expect(await violations(file, importing('zod', '{ z }')), file).toHaveLength(1)
      expect(await violations(file, importing(contract, '{ invokeContract }')), file).toHaveLength(1)
      expect(await violations(file, importing(contract, 'type { InvokeChannel }')), file).toEqual([])
      expect(
        await violations(file, importing(contract, '{ type PushEvent, type PushPayload }')),
        file,
      ).toEqual([])
    }
    // Any shared module that imports zod counts, not just the contract.
    expect(
      await violations('src/renderer/x.tsx', importing('../shared/protocol/entities', '{ Expert }')),
    ).toHaveLength(1)
    expect(
      await violations('src/renderer/x.tsx', importing('../shared/protocol', '{ Expert }')),
    ).toHaveLength(1)
    expect(
      await violations('src/renderer/x.tsx', importing('../shared/clock-skew', '{ clockSkewNotice }')),
    ).toEqual([])
  })

  it('keep src/main/node and the browser shell off src/main/electron by any relative path', async () => {
    expect(
      await violations('src/main/node/adapters/x.ts', importing('../../electron/adapters/notifier')),
    ).toHaveLength(1)
    expect(
      await violations('src/browser-shell/x.ts', importing('../main/electron/adapters/settings-store')),
    ).toHaveLength(1)
    expect(
      await violations('src/browser-shell/x.ts', importing('../main/core/../electron/tray')),
    ).toHaveLength(1)
    expect(await violations('src/main/node/adapters/x.ts', importing('./settings-store'))).toEqual([])
    expect(await violations('src/main/node/x.ts', importing('../browser-shell/browser-shell'))).toHaveLength(
      1,
    )
  })

  it('keep socket.io in its one adapter file, out of the core and src/shared by any entry point', async () => {
    const sources = [
      'socket.io-client',
      'socket.io-client/build/esm/index.js',
      'socket.io-parser',
      'engine.io-client',
      'engine.io-parser',
      'socket.io',
      '@socket.io/component-emitter',
    ]
    for (const file of ['src/main/core/connection/x.ts', 'src/main/core/x.ts', 'src/shared/x.ts']) {
      for (const source of sources) {
        expect(await violations(file, importing(source)), `${file} ${source}`).toHaveLength(1)
      }
      expect(await violations(file, importing('socket.io-client', 'type { Socket }')), file).toHaveLength(1)
      expect(await violations(file, `export const m = import('socket.io-client')`), file).toHaveLength(1)
      expect(await violations(file, `export * from 'engine.io-client'`), file).toHaveLength(1)
    }
    // Anywhere else in the app but the adapter, which keeps every other plain-Node rule.
    for (const file of ['src/main/node/x.ts', 'src/main/electron/x.ts', 'src/browser-shell/x.ts']) {
      expect(await violations(file, importing('socket.io-client', '{ io }')), file).toHaveLength(1)
    }
    const adapter = 'src/main/node/socket-io-transport.ts'
    expect(await violations(adapter, importing('socket.io-client', '{ io }'))).toEqual([])
    expect(await violations(adapter, importing('electron', '{ app }'))).toHaveLength(1)
    expect(await violations(adapter, importing('../electron/tray'))).toHaveLength(1)
    // Names that merely start alike are not socket.io.
    expect(await violations('src/main/core/x.ts', importing('./socket.io-like'))).toEqual([])
  })

  it('keep the IPC wrapper files under every other rule of their layer', async () => {
    expect(
      await violations('src/main/electron/ipc/ipc-main.ts', importing('../../../renderer/start')),
    ).toHaveLength(1)
    expect(await violations('src/preload/ipc-renderer.ts', importing('../main/index'))).toHaveLength(1)
  })

  it('apply the same rules to import()', async () => {
    const load = (source: string): string => `export const m = import('${source}')`
    expect(await violations('src/main/core/x.ts', load('../node/settings-file'))).toHaveLength(1)
    expect(await violations('src/main/core/x.ts', load('electron'))).toHaveLength(1)
    expect(await violations('src/renderer/x.tsx', load('zod'))).toHaveLength(1)
    expect(await violations('src/renderer/x.tsx', load('../shared/ipc/contract'))).toHaveLength(1)
    expect(await violations('src/shared/x.ts', load('node:fs/promises'))).toHaveLength(1)
    expect(await violations('src/renderer/x.tsx', load('./start'))).toEqual([])
    expect(await violations('src/main/x.ts', load('electron'))).toEqual([])
  })

  it('keep code that runs without Electron off every file that loads it, by any path', async () => {
    const electronFree = (file: string, code: string): Promise<string[]> =>
      violations(file, code, ['layers/electron-free'])
    const reaches: ReadonlyArray<readonly [string, string]> = [
      ['src/browser-shell/x.ts', '../main/electron/tray'],
      ['src/browser-shell/x.ts', '../main/index'],
      ['src/main/node/adapters/x.ts', '../../electron/app-window'],
      ['src/main/db/x.ts', '../electron/quit-state'],
      ['src/main/core/sync/x.ts', '../../electron/quit-state'],
      ['src/shared/x.ts', '../main/electron/ipc/ipc-main'],
      ['server/src/x.ts', '../../src/main/electron/main-window'],
    ]
    for (const [file, source] of reaches) {
      expect(await electronFree(file, importing(source)), source).not.toEqual([])
    }
    expect(await electronFree('src/browser-shell/x.ts', `export * from '../main/electron/tray'`)).not.toEqual(
      [],
    )
    expect(
      await electronFree('src/browser-shell/x.ts', `export const t = import('../main/electron/tray')`),
    ).not.toEqual([])
    expect(
      await electronFree('src/browser-shell/x.ts', importing('../main/electron/tray', 'type { Tray }')),
    ).toEqual([])
    expect(
      await electronFree('src/browser-shell/x.ts', importing('../main/node/renderer-pages/renderer-pages')),
    ).toEqual([])
  })
})
