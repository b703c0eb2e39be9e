import { describe, expect, it, vi } from 'vitest'
import { chooseHost } from '../../../scripts/start-host'

/** What `npm start` printed, and the host it chose. */
async function start(options: {
  readonly browserRequested?: boolean
  readonly electron?: string | null
  readonly sqlite?: () => Promise<unknown>
}): Promise<{ readonly host: unknown; readonly lines: ReadonlyArray<string>; readonly built: boolean }> {
  const lines: string[] = []
  const prepareSqlite = vi.fn(options.sqlite ?? (() => Promise.resolve()))
  const host = await chooseHost({
    browserRequested: options.browserRequested ?? false,
    findElectron: () => (options.electron === undefined ? '/electron/electron' : options.electron),
    prepareSqlite,
    say: (line) => lines.push(line),
  })
  return { host, lines, built: prepareSqlite.mock.calls.length > 0 }
}

describe('npm start', () => {
  it('runs Electron when its binary and its SQLite build are there, and says nothing about it', async () => {
    expect(await start({})).toEqual({
      host: { kind: 'electron', binary: '/electron/electron' },
      lines: [],
      built: true,
    })
  })

  it('falls back to the browser shell when better-sqlite3 cannot be built for Electron, in one line', async () => {
    const failure = new Error('gyp ERR! connect ETIMEDOUT electronjs.org\ngyp ERR! stack ...\nmore noise')
    const { host, lines } = await start({ sqlite: () => Promise.reject(failure) })
    expect(host).toEqual({ kind: 'browser' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(
      'better-sqlite3 for Electron could not be built (gyp ERR! connect ETIMEDOUT electronjs.org)',
    )
    expect(lines[0]).toContain('runs in your browser instead')
    expect(lines[0]).not.toContain('\n')
  })

  it('falls back to the browser shell when Electron cannot be downloaded, without building for it', async () => {
    const { host, lines, built } = await start({ electron: null })
    expect(host).toEqual({ kind: 'browser' })
    expect(lines).toEqual([expect.stringContaining('runs in your browser instead')])
    expect(built).toBe(false)
  })

  it('goes straight to the browser shell when asked, building nothing and saying nothing', async () => {
    expect(await start({ browserRequested: true })).toEqual({
      host: { kind: 'browser' },
      lines: [],
      built: false,
    })
  })
})
