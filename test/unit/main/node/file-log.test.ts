import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createFileLogger,
  LOG_FILE_NAME,
  LOG_RETRY_MS,
  PREVIOUS_LOG_FILE_NAME,
} from '../../../../src/main/node/file-log'
import type { Logger } from '../../../../src/main/node/log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

function echo(): Logger & { readonly calls: ReadonlyArray<string> } {
  const calls: string[] = []
  const record =
    (level: string) =>
    (message: string): void =>
      void calls.push(`${level} ${message}`)
  return { calls, info: record('info'), warn: record('warn'), error: record('error') }
}

describe('the log file', () => {
  it('gets every entry the console gets, in a folder it creates, readable by this user only', () => {
    const dir = join(tempDir(), 'logs')
    const console = echo()
    const log = createFileLogger({ dir, echo: console, now: () => 0 })
    log.info('Signed in as ada@example.test')
    log.error('Sync failed', new TypeError('cursor is undefined'))
    expect(log.path).toBe(join(dir, LOG_FILE_NAME))
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain('1970-01-01T00:00:00.000Z INFO  Signed in as ada@example.test\n')
    expect(text).toContain('ERROR Sync failed (TypeError: cursor is undefined)\n    at ')
    expect(console.calls).toEqual(['info Signed in as ada@example.test', 'error Sync failed'])
    if (process.platform !== 'win32') expect(statSync(log.path).mode & 0o777).toBe(0o600)
  })

  it.runIf(process.platform !== 'win32')(
    'narrows a log file an older version left readable by others, and its previous file after a rotation',
    () => {
      const dir = tempDir()
      writeFileSync(join(dir, LOG_FILE_NAME), 'an entry of an earlier run\n', { mode: 0o644 })
      chmodSync(join(dir, LOG_FILE_NAME), 0o644)
      const log = createFileLogger({ dir, echo: echo(), now: () => 0, maxBytes: 400 })
      log.info('Signed in as ada@example.test')
      expect(statSync(log.path).mode & 0o777).toBe(0o600)
      expect(readFileSync(log.path, 'utf8')).toMatch(/^an entry of an earlier run\n.*Signed in/s)
      for (let n = 0; n < 10; n++) log.info(`entry ${n} `.repeat(5))
      expect(statSync(join(dir, PREVIOUS_LOG_FILE_NAME)).mode & 0o777).toBe(0o600)
    },
  )

  it.runIf(process.platform !== 'win32')(
    'narrows a log folder made earlier open to others to this user only, keeping its files',
    () => {
      const dir = tempDir()
      writeFileSync(join(dir, PREVIOUS_LOG_FILE_NAME), 'an entry of an earlier run\n', { mode: 0o600 })
      chmodSync(dir, 0o777)
      const log = createFileLogger({ dir, echo: echo(), now: () => 0 })
      log.info('Signed in as ada@example.test')
      expect(statSync(dir).mode & 0o777).toBe(0o700)
      expect(readdirSync(dir).sort()).toEqual([PREVIOUS_LOG_FILE_NAME, LOG_FILE_NAME].sort())
    },
  )

  it('starts a new file past its size, keeping one previous file, so the folder stays bounded', () => {
    const dir = tempDir()
    const log = createFileLogger({ dir, echo: echo(), maxBytes: 1000, now: () => 0 })
    for (let n = 0; n < 200; n++) log.info(`entry ${n}`)
    expect(readdirSync(dir).sort()).toEqual([PREVIOUS_LOG_FILE_NAME, LOG_FILE_NAME].sort())
    expect(statSync(join(dir, LOG_FILE_NAME)).size).toBeLessThanOrEqual(1000)
    expect(statSync(join(dir, PREVIOUS_LOG_FILE_NAME)).size).toBeLessThanOrEqual(1000)
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('entry 199\n')
    expect(readFileSync(join(dir, PREVIOUS_LOG_FILE_NAME), 'utf8')).not.toContain('entry 0\n')
  })

  it('counts what an earlier run left in the file towards its size', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOG_FILE_NAME), 'x'.repeat(990))
    createFileLogger({ dir, echo: echo(), maxBytes: 1000, now: () => 0 }).info('one more entry')
    expect(readFileSync(join(dir, PREVIOUS_LOG_FILE_NAME), 'utf8')).toBe('x'.repeat(990))
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('one more entry')
  })

  it('starts the file afresh, saying why, when the previous file cannot be replaced (a folder by its name)', () => {
    const dir = tempDir()
    mkdirSync(join(dir, PREVIOUS_LOG_FILE_NAME))
    writeFileSync(join(dir, PREVIOUS_LOG_FILE_NAME, 'kept.txt'), 'not the log’s')
    const console = echo()
    const log = createFileLogger({ dir, echo: console, maxBytes: 1000, now: () => 0 })
    for (let n = 0; n < 200; n++) log.info(`entry ${n}`)
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain('entry 199\n')
    expect(text).toContain(`could not be kept as ${PREVIOUS_LOG_FILE_NAME}`)
    expect(statSync(log.path).size).toBeLessThanOrEqual(1000)
    // The folder is not the log's to remove.
    expect(readFileSync(join(dir, PREVIOUS_LOG_FILE_NAME, 'kept.txt'), 'utf8')).toBe('not the log’s')
  })

  it('cuts one huge entry rather than let it push out everything else', () => {
    const dir = tempDir()
    const log = createFileLogger({ dir, echo: echo(), maxBytes: 1000, now: () => 0 })
    log.info('before')
    log.warn(`odd reply ${'y'.repeat(5000)}`)
    expect(readFileSync(log.path, 'utf8')).toContain('before')
    expect(statSync(log.path).size).toBeLessThan(1000)
  })

  it('writes an entry whose detail holds itself, and goes on writing the file after it', () => {
    const dir = join(tempDir(), 'logs')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const log = createFileLogger({ dir, echo: echo(), now: () => 0 })
    expect(() => log.warn('Replay refused', cyclic)).not.toThrow()
    log.info('Caught up')
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain('WARN  Replay refused (an object that cannot be written out)\n')
    expect(text).toContain('INFO  Caught up\n')
  })

  it('writes the file and returns when the console throws (its stream closed)', () => {
    const dir = tempDir()
    const closed = (): void => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
    }
    const log = createFileLogger({ dir, echo: { info: closed, warn: closed, error: closed }, now: () => 0 })
    expect(() => log.error('the socket failed')).not.toThrow()
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('ERROR the socket failed')
  })

  it('goes on logging to the console when the file cannot be written, and says so once', () => {
    const parent = tempDir()
    const dir = join(parent, 'logs')
    // A file where the folder should be: mkdir fails, as on a full or read-only disk.
    writeFileSync(dir, '')
    const console = echo()
    const log = createFileLogger({ dir, echo: console, now: () => 0 })
    expect(() => log.info('first')).not.toThrow()
    log.info('second')
    expect(console.calls).toEqual([
      'info first',
      `warn The log file ${join(dir, LOG_FILE_NAME)} cannot be written; logging to the console only until it can`,
      'info second',
    ])
  })

  it.runIf(process.platform !== 'win32')(
    'logs to the console when a named pipe stands where the file should be, instead of waiting for a reader',
    () => {
      const dir = tempDir()
      execFileSync('mkfifo', [join(dir, LOG_FILE_NAME)])
      const console = echo()
      const log = createFileLogger({ dir, echo: console, now: () => 0 })
      log.info('first')
      expect(console.calls).toEqual([
        'info first',
        `warn The log file ${join(dir, LOG_FILE_NAME)} cannot be written; logging to the console only until it can`,
      ])
    },
  )

  it('writes the file again once it can, and says entries were missed, without warning at every entry meanwhile', () => {
    const dir = join(tempDir(), 'logs')
    writeFileSync(dir, '')
    const console = echo()
    let time = 0
    const log = createFileLogger({ dir, echo: console, now: () => time })
    log.info('while the disk is full')
    time += LOG_RETRY_MS
    log.info('still full')
    rmSync(dir)
    log.info('freed, not tried yet')
    time += LOG_RETRY_MS
    log.info('after the disk was freed')
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8')
    expect(text).toMatch(
      /INFO {2}The log file can be written again; .*\n.*INFO {2}after the disk was freed\n$/,
    )
    expect(text).not.toMatch(/full|not tried/)
    expect(console.calls.filter((line) => line.startsWith('warn'))).toHaveLength(1)
  })
})

describe('what Settings is told of a log file that cannot be written', () => {
  it('says why and what to do while it cannot, and nothing once it is written again', () => {
    const dir = tempDir()
    // A folder where the file should be (a sync tool, a hand): never written through.
    mkdirSync(join(dir, LOG_FILE_NAME))
    let time = 0
    const log = createFileLogger({ dir, echo: echo(), now: () => time })
    expect(log.problem()).toBeNull()
    log.info('first')
    expect(log.problem()).toBe(
      `Standby cannot write its log file ${log.path} (${log.path} is not a regular file), so its entries go to the console only; it tries the file again every minute. Move or rename what stands at ${log.path}, where Standby keeps its log file.`,
    )
    rmSync(join(dir, LOG_FILE_NAME), { recursive: true })
    time += LOG_RETRY_MS
    log.info('after it was moved')
    expect(log.problem()).toBeNull()
  })

  it('gives the disk’s remedy when the folder cannot be made', () => {
    const dir = join(tempDir(), 'logs')
    writeFileSync(dir, '')
    const log = createFileLogger({ dir, echo: echo(), now: () => 0 })
    log.warn('first')
    expect(log.problem()).toMatch(
      /^Standby cannot write its log file .* Check that your profile folder is writable and its disk not read-only\.$/,
    )
  })
})

describe.runIf(process.platform !== 'win32')('a link put at the log file while Standby runs', () => {
  it.each([
    { link: 'a symbolic link', plant: (other: string, path: string) => symlinkSync(other, path) },
    { link: 'a hard link', plant: (other: string, path: string) => linkSync(other, path) },
  ])('never carries an entry through $link put in its place: the other file stays as it was', ({ plant }) => {
    const dir = tempDir()
    const other = join(dir, 'other-app.conf')
    writeFileSync(other, 'theirs\n')
    const console = echo()
    const log = createFileLogger({ dir: join(dir, 'logs'), echo: console, now: () => 0 })
    log.info('before the link')
    rmSync(log.path)
    plant(other, log.path)
    log.info('after the link')
    expect(readFileSync(other, 'utf8')).toBe('theirs\n')
    expect(lstatSync(log.path).isFile()).toBe(true)
    expect(lstatSync(log.path).nlink).toBe(1)
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain(
      'The log file was a link to another file; removed the link and started a file of its own',
    )
    expect(text).toContain('after the link')
  })

  it('found at start, neither writes nor narrows the other file', () => {
    const dir = tempDir()
    const other = join(dir, 'shared.txt')
    writeFileSync(other, 'theirs\n', { mode: 0o644 })
    chmodSync(other, 0o644)
    mkdirSync(join(dir, 'logs'))
    symlinkSync(other, join(dir, 'logs', LOG_FILE_NAME))
    const log = createFileLogger({ dir: join(dir, 'logs'), echo: echo(), now: () => 0 })
    log.info('first entry')
    expect(readFileSync(other, 'utf8')).toBe('theirs\n')
    expect(statSync(other).mode & 0o777).toBe(0o644)
    expect(readFileSync(log.path, 'utf8')).toContain('first entry')
  })
})
