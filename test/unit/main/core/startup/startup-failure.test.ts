import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { describeStartupFailure } from '../../../../../src/main/core/startup/startup-failure'
import { storageFaultMessage } from '../../../../../src/main/core/storage-remedy'
import { FileHeldError } from '../../../../../src/main/node/atomic-file'
import { CacheUnavailableError, openCache } from '../../../../../src/main/db/open-cache'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const LOG = '/home/ada/.config/Standby/logs/standby.log'
const installed = { logPath: LOG, packaged: true }
const checkout = { logPath: LOG, packaged: false }

/** What `run` threw. */
function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('a failed start, in words', () => {
  it('says when the SQLite addon was built for another ABI: reinstall when installed, rebuild in a checkout', () => {
    const dlopen = Object.assign(
      new Error(
        "The module '/app/better_sqlite3.node' was compiled against a different Node.js version using " +
          'NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.',
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    )
    const error = new CacheUnavailableError("SQLite's native addon could not be loaded", { cause: dlopen })
    const shown = describeStartupFailure(error, installed)
    expect(shown).toMatchObject({
      kind: 'native_module',
      title: 'Standby could not load its database module',
    })
    expect(shown.message).toContain('Install Standby again')
    expect(describeStartupFailure(error, checkout).message).toContain('npm run rebuild:electron-sqlite')
  })

  it('says when the Electron build of the addon is missing altogether', () => {
    const cachePath = join(tempDir(), 'cache.db')
    const error = thrown(() => openCache({ path: cachePath, nativeBinding: join(tempDir(), 'missing.node') }))
    expect(describeStartupFailure(error, checkout).kind).toBe('native_module')
  })

  it("says when a file is where the cache's folder should be, and when the folder is not writable", () => {
    const dir = tempDir()
    // A file where the cache's folder should be: named as such, not as a folder to make writable.
    writeFileSync(join(dir, 'profile'), '')
    const error = thrown(() => openCache({ path: join(dir, 'profile', 'cache.db') }))
    const shown = describeStartupFailure(error, installed)
    expect(shown.kind).toBe('cache_unavailable')
    expect(shown.message).toContain(`${join(dir, 'profile')} is a file, where a folder should be`)
    const denied = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      path: '/home/ada/.config/Standby',
    })
    expect(describeStartupFailure(denied, installed).message).toContain(
      'Standby cannot write to /home/ada/.config/Standby.',
    )
  })

  it('says when another program holds the profile (the database is locked)', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const holder = new Database(path)
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)')
    try {
      const error = thrown(() => {
        const other = new Database(path, { timeout: 0 })
        try {
          other.exec('BEGIN EXCLUSIVE')
        } finally {
          other.close()
        }
      })
      const shown = describeStartupFailure(
        new CacheUnavailableError('cannot open', { cause: error }),
        installed,
      )
      expect(shown).toMatchObject({ kind: 'locked', title: "Standby's profile is in use by another program" })
      expect(shown.message).toContain('Quit it')
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
  })

  it('says another program holds a file that could not be replaced, naming it, not that the folder is unwritable', () => {
    const settings = '/home/ada/.config/Standby/settings.json'
    const shown = describeStartupFailure(new FileHeldError(settings, 'EPERM'), installed)
    expect(shown).toMatchObject({ kind: 'locked', title: "Standby's profile is in use by another program" })
    expect(shown.message).toContain(`holds the lock on ${settings}`)
  })

  it('says when the port is taken, as the browser shell meets it', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as { port: number }).port
    const error = await new Promise<unknown>((resolve) => {
      const second = createServer()
      second.once('error', resolve)
      second.listen(port, '127.0.0.1')
    })
    taken.close()
    const wrapped = new Error(`The browser shell could not listen on 127.0.0.1:${port}`, { cause: error })
    const shown = describeStartupFailure(wrapped, checkout)
    expect(shown.kind).toBe('port_in_use')
    // Which port, and the command that picks another: `npm start --port` would be npm's own option.
    expect(shown.message).toMatch(
      new RegExp(
        `^Another program is listening on 127\\.0\\.0\\.1:${port}\\. .*\`npm run shell -- --port N\``,
      ),
    )
  })

  it('says when the disk is full', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    expect(describeStartupFailure(full, installed)).toMatchObject({
      kind: 'disk_full',
      title: 'The disk is full',
    })
  })

  // A home folder with a quota (a university's, a company's network home) is full for this user
  // though the disk is not: freeing space in their own files is what helps, as the updater says.
  it('says the disk is full when the quota of its profile folder is used up, at start and at a save', () => {
    const overQuota = Object.assign(new Error('EDQUOT: disk quota exceeded, write'), { code: 'EDQUOT' })
    expect(describeStartupFailure(overQuota, installed)).toMatchObject({
      kind: 'disk_full',
      title: 'The disk is full',
      message: expect.stringMatching(/^Free some space on the disk that holds your profile/),
    })
    expect(storageFaultMessage(overQuota)).toBe(
      'Standby could not save this on your computer (EDQUOT: disk quota exceeded, write). Free some space on the disk that holds your profile, then try again.',
    )
  })

  it('says something useful about anything else, and always where the log is', () => {
    const shown = describeStartupFailure(new TypeError('settings is undefined'), installed)
    expect(shown).toMatchObject({ kind: 'unknown', title: 'Standby could not start' })
    expect(shown.message).toBe(
      `settings is undefined. Start Standby again; if this keeps happening, send the log file with a bug report. The log has the details: ${LOG}`,
    )
    expect(describeStartupFailure('a string', { logPath: null, packaged: true }).message).not.toContain(
      'log has',
    )
  })

  it('survives a cause chain that loops, and values that are not errors', () => {
    const looped: Error & { cause?: unknown } = new Error('outer')
    looped.cause = looped
    expect(describeStartupFailure(looped, installed).kind).toBe('unknown')
    expect(describeStartupFailure(null, installed).kind).toBe('unknown')
    expect(describeStartupFailure(undefined, installed).kind).toBe('unknown')
  })

  it('says something, never throwing, of a value that cannot be read or turned into text', () => {
    const unreadable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no reading')
        },
      },
    )
    const unprintable = {
      toString: () => {
        throw new Error('no text')
      },
    }
    for (const value of [Object.create(null), unreadable, unprintable, { cause: Object.create(null) }]) {
      const shown = describeStartupFailure(value, installed)
      expect(shown.kind).toBe('unknown')
      expect(shown.message).toMatch(/^\S.*Start Standby again; .*The log has the details: /)
    }
  })

  it.each([
    [
      'a cause that is a plain object',
      new Error('Could not open the cache', { cause: { code: 'EPROTO' } }),
      'Could not open the cache: code EPROTO.',
    ],
    ['a plain object thrown, its cause an error', { cause: new Error('disk I/O error') }, 'disk I/O error.'],
    [
      'an error with no message, its cause with one',
      new Error('', { cause: new Error('disk I/O error') }),
      'disk I/O error.',
    ],
    [
      'a cause after a sentence',
      new Error('The cache is damaged.', { cause: new Error('disk I/O error') }),
      'The cache is damaged. disk I/O error.',
    ],
    [
      'a cause that repeats its wrapper',
      new Error('open failed: EIO', { cause: new Error('EIO') }),
      'open failed: EIO.',
    ],
  ])('tells %s in sentences, never as "[object Object]"', (_name, error, said) => {
    const shown = describeStartupFailure(error, installed)
    expect(shown.message).toBe(
      `${said} Start Standby again; if this keeps happening, send the log file with a bug report. The log has the details: ${LOG}`,
    )
  })

  it('says no reason was given, not a lone stop, for an error thrown without a message', () => {
    for (const error of [new Error(), new Error('.')]) {
      const shown = describeStartupFailure(error, installed)
      expect(shown.message).toMatch(/^No reason was given\. Start Standby again; /)
    }
  })
})
