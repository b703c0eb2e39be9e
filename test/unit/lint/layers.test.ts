import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

/** The restricted-import messages ESLint reports for `code` placed at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
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
        `import { PROTOCOL_VERSION } from '../shared/protocol'\nexport const v = PROTOCOL_VERSION`,
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
    expect(await violations('src/main/ipc/ipc-main.ts', raw)).toEqual([])
    expect(
      await violations(
        'src/preload/ipc-renderer.ts',
        `import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer`,
      ),
    ).toEqual([])
  })

  it('keep Node adapters and the browser shell free of Electron', async () => {
    expect(
      await violations('src/main/node-adapters/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations('src/browser-shell/x.ts', `import { app } from 'electron'\nexport const a = app`),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/main/node-adapters/x.ts',
        `import { a } from '../adapters/notifier'\nexport const b = a`,
      ),
    ).toHaveLength(1)
    expect(
      await violations(
        'src/browser-shell/x.ts',
        `import { a } from '../main/node-adapters'\nexport const b = a`,
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
})
