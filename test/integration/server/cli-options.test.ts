import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { useBuiltScript } from '../../support/built-script'
import { useCleanup } from '../../support/cleanup'

describe('the platform command line', () => {
  const defer = useCleanup()
  const cli = useBuiltScript(new URL('../../../server/src/cli.ts', import.meta.url))

  /** Run the command line; resolve with how it ended, stopping it at once if it started listening. */
  function runCli(
    args: ReadonlyArray<string>,
    options: { readonly preload?: string; readonly onceListening?: NodeJS.Signals } = {},
  ): Promise<{ started: boolean; code: number | null; stderr: string }> {
    const preload = options.preload === undefined ? [] : ['--import', options.preload]
    const child = spawn(process.execPath, [...preload, cli(), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    defer(() => void child.kill())
    let started = false
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('listening')) {
        started = true
        child.kill(options.onceListening)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    return new Promise((resolve) => child.on('close', (code) => resolve({ started, code, stderr })))
  }

  it('refuses a duration a timer or an expiry time cannot hold, and a fractional count, before it starts', async () => {
    for (const [option, value, ...rest] of [
      ['--invite-ttl-seconds', '1e12'],
      ['--request-every-seconds', '99999999999', '--simulate'],
      ['--fan-out', '5.5'],
      ['--free-cancellation-hours', '1.5'],
    ]) {
      const ended = await runCli(['--port', '0', '--db', ':memory:', option!, value!, ...rest])
      expect(ended, option).toMatchObject({ started: false, code: 1 })
      expect(ended.stderr).toMatch(new RegExp(`${option} must be a whole number from \\d+ to`))
    }
  })

  it.skipIf(process.platform === 'win32')(
    'meets an error nothing caught with a redacted log line, one line saying what to do, and a failed exit',
    async () => {
      // A fault planted for the test: the running server throws from a signal's listener.
      const fault = `process.on('SIGUSR2', () => { throw new Error('title had token=s3cr3t-t0ken') })`
      const ended = await runCli(['--port', '0', '--db', ':memory:'], {
        preload: `data:text/javascript,${encodeURIComponent(fault)}`,
        onceListening: 'SIGUSR2',
      })
      expect(ended).toMatchObject({ started: true, code: 1 })
      expect(ended.stderr).toContain('An unexpected error reached the top of the process')
      expect(ended.stderr).toContain(
        'Standby platform stopped after an unexpected error (logged above): start it again with npm run server.',
      )
      expect(ended.stderr).not.toContain('s3cr3t-t0ken')
      // Not Node's default: no raw stack on the terminal.
      expect(ended.stderr).not.toMatch(/^\s+at /m)
    },
  )

  it('stops cleanly on a SIGTERM sent as soon as it says it listens', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const ended = await runCli(['--port', '0', '--db', ':memory:'], { onceListening: signal })
      expect(ended, signal).toMatchObject({ started: true, code: 0 })
      expect(ended.stderr).toContain(`${signal}: stopping`)
    }
  })

  it('stops at once on a second SIGTERM while a stop hangs, saying so, with a failed exit', async () => {
    // A fault planted for the test: the database's checkpointer never answers its close.
    const hang = `import { Worker } from 'node:worker_threads'
      const post = Worker.prototype.postMessage
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message !== 'close') return post.call(this, message, ...rest)
      }`
    const dir = mkdtempSync(join(tmpdir(), 'standby-cli-stop-'))
    defer(() => rmSync(dir, { recursive: true, force: true }))
    const child = spawn(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(hang)}`,
        cli(),
        '--port',
        '0',
        '--db',
        join(dir, 'p.db'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    defer(() => void child.kill('SIGKILL'))
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('listening')) child.kill('SIGTERM')
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      // The second only once the first is being handled: two pending at once would be one.
      if (chunk.includes('SIGTERM: stopping')) child.kill('SIGTERM')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('SIGTERM again while stopping: stopping at once')
  })

  it('answers --help and refuses a wrong option before it opens or creates any database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standby-cli-options-'))
    defer(() => rmSync(dir, { recursive: true, force: true }))
    const db = join(dir, 'data', 'platform.db')
    for (const args of [
      ['--simulate', '--request-every-seconds', '99999999999'],
      ['--request-every-seconds', '0'],
      ['--fan-out', 'many'],
      ['--no-such-option'],
    ]) {
      const ended = await runCli(['--port', '0', '--db', db, ...args])
      expect(ended, args.join(' ')).toMatchObject({ started: false, code: 1 })
      expect(ended.stderr).toContain('Standby platform could not start: ')
      expect(ended.stderr).toContain('Usage: npm run server -- [options]')
      expect(readdirSync(dir), args.join(' ')).toEqual([])
    }
    const help = await runCli(['--db', db, '--help'])
    expect(help).toMatchObject({ started: false, code: 0, stderr: '' })
    expect(readdirSync(dir)).toEqual([])
  })

  it('says in one line, without the options, what to do when it cannot listen where it was asked', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    defer(() => void taken.close())
    const { port } = taken.address() as AddressInfo
    for (const [args, advice] of [
      [['--port', String(port)], `Another program uses port ${port} on 127.0.0.1: stop it, or pass --port`],
      // A documentation address (TEST-NET-1): no computer of the tests has it, and binding sends nothing.
      [['--port', '0', '--host', '192.0.2.1'], '192.0.2.1 is not an address of this computer: pass --host'],
    ] as const) {
      const ended = await runCli([...args, '--db', ':memory:'])
      expect(ended, args.join(' ')).toMatchObject({ started: false, code: 1 })
      const lines = ended.stderr.trim().split('\n')
      expect(lines, args.join(' ')).toHaveLength(1)
      expect(lines[0]).toMatch(/^Standby platform could not start: /)
      expect(lines[0]).toContain(advice)
    }
  })

  it('tells a SQLite driver built for another Node.js as such, not as a damaged or unwritable file', async () => {
    // What Node throws for an addon compiled before the operator upgraded Node.js.
    const otherAbi = `process.dlopen = () => { throw Object.assign(new Error("The module '/checkout/better_sqlite3.node'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 115. This version of Node.js requires\\nNODE_MODULE_VERSION 127."), { code: 'ERR_DLOPEN_FAILED' }) }`
    const dir = mkdtempSync(join(tmpdir(), 'standby-cli-abi-'))
    defer(() => rmSync(dir, { recursive: true, force: true }))
    for (const db of [join(dir, 'platform.db'), ':memory:']) {
      const ended = await runCli(['--port', '0', '--db', db], {
        preload: `data:text/javascript,${encodeURIComponent(otherAbi)}`,
      })
      expect(ended, db).toMatchObject({ started: false, code: 1 })
      const lines = ended.stderr.trim().split('\n')
      expect(lines, db).toHaveLength(1)
      expect(lines[0]).toContain('Standby platform could not start: ')
      expect(lines[0]).toContain(
        `SQLite driver (better-sqlite3) does not load in this Node.js ${process.version}`,
      )
      expect(lines[0]).toContain('NODE_MODULE_VERSION 115')
      expect(lines[0]).toContain('run npm rebuild better-sqlite3 in the Standby checkout')
      expect(lines[0]).not.toMatch(/move it aside|point --db at another file|folder can be written/)
    }
  })

  it('refuses a port the app and browsers never connect to, before it starts', async () => {
    const ended = await runCli(['--port', '6000', '--db', ':memory:'])
    expect(ended).toMatchObject({ started: false, code: 1 })
    expect(ended.stderr).toContain('--port 6000 is a port Standby and browsers never connect to')
    expect(ended.stderr).toContain('pass --port with another one')
  })

  it('refuses a minimum app version that is not a version, before it starts', async () => {
    const ended = await runCli(['--port', '0', '--db', ':memory:', '--minimum-app-version', 'latest'])
    expect(ended).toMatchObject({ started: false, code: 1 })
    expect(ended.stderr).toContain('--minimum-app-version must be a version like 1.4.0')
  })

  it('refuses a review threshold outside 1 to 5, before it starts', async () => {
    for (const value of ['0.5', '5.5', 'four']) {
      const ended = await runCli(['--port', '0', '--db', ':memory:', '--review-threshold', value])
      expect(ended, value).toMatchObject({ started: false, code: 1 })
      expect(ended.stderr).toContain(
        `--review-threshold must be a number from 1 to 5, such as 4.0, not "${value}"`,
      )
    }
  })

  it('says in one line which database file it cannot open, why and what to do, and leaves its rows as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standby-cli-db-'))
    defer(() => rmSync(dir, { recursive: true, force: true }))
    const garbage = join(dir, 'garbage.db')
    writeFileSync(garbage, 'not a database at all. '.repeat(300))
    const folder = join(dir, 'folder.db')
    mkdirSync(folder)
    const foreign = join(dir, 'contacts.db')
    const negative = join(dir, 'negative.db')
    for (const [path, version] of [
      [foreign, 0],
      [negative, -1],
    ] as const) {
      const db = new Database(path)
      db.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('kept')`)
      db.pragma(`user_version = ${version}`)
      db.close()
    }
    const cases = [
      [
        garbage,
        /\(file is not a database\): it is damaged or not a Standby platform database: move it aside, or point --db at another file/,
      ],
      [folder, /is a folder: point --db at another file/],
      [
        join(garbage, 'platform.db'),
        /Cannot create the folder of the platform database .*ENOTDIR.*point --db at another file/,
      ],
      [
        foreign,
        /holds tables no version of it made \(contacts\).*move it aside, or point --db at another file/,
      ],
      [
        negative,
        /at schema version -1, which no version writes.*move it aside, or point --db at another file/,
      ],
    ] as const
    const foreignBytes = [readFileSync(foreign), readFileSync(negative)]
    for (const [path, reason] of cases) {
      const before = readdirSync(dir)
      const ended = await runCli(['--port', '0', '--db', path])
      expect(ended, path).toMatchObject({ started: false, code: 1 })
      const lines = ended.stderr.trim().split('\n')
      expect(lines, path).toHaveLength(1)
      expect(lines[0]).toContain(`Standby platform could not start: `)
      expect(lines[0]).toContain(path)
      expect(lines[0]).toMatch(reason)
      expect(readdirSync(dir)).toEqual(before)
    }
    expect(readFileSync(garbage, 'utf8')).toBe('not a database at all. '.repeat(300))
    // Byte for byte as they were: not even their journal mode was written.
    expect(readFileSync(foreign).equals(foreignBytes[0] as Buffer)).toBe(true)
    expect(readFileSync(negative).equals(foreignBytes[1] as Buffer)).toBe(true)
    for (const path of [foreign, negative]) {
      const db = new Database(path, { readonly: true })
      expect(db.prepare('SELECT name FROM contacts').all(), path).toEqual([{ name: 'kept' }])
      db.close()
    }
  })
})
