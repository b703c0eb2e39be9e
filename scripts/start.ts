/**
 * `npm start`: the one command that runs Standby on a fresh machine.
 *  1. Starts the embedded reference platform (seeded, simulating) unless STANDBY_PLATFORM_URL
 *     (or --platform-url) names a platform.
 *  2. Builds the app.
 *  3. Launches Electron. If Electron's binary cannot be obtained (an offline machine), it says so
 *     in one line and starts the browser shell instead, printing the URL to open.
 * `npm run shell` (--browser) skips Electron and starts the browser shell directly.
 */
import './require-supported-node'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { startBrowserShell } from '../src/browser-shell/browser-shell'
import { stopStarted, type Started } from './stop-started'
import { buildApp } from './build-app'
import { ensureElectronSqlite } from './rebuild-sqlite-for-electron'
import { chooseHost } from './start-host'
import { fetchElectronBinary } from './electron-binary'
import { dataDirHeld, lockDataDir } from './data-dir-lock'
import { configuredPlatform, embeddedPortTaken, probePlatform } from './configured-platform'
import { startFailureLine } from './start-failure'
import { LOG_FILE_NAME, LOG_FOLDER_NAME } from '../src/main/node/file-log'
import { createStreamLogger } from '../src/main/node/adapters'
import { dropConsoleWriteErrors } from '../src/shared-node/console-gone'
import { exitOnUncaught } from '../src/shared-node/exit-on-uncaught'
import { HANG_UP_TOO, stopOnSignals } from '../src/shared-node/stop-on-signals'
import { consoleLogger } from '../server/src/logger'
import {
  DEFAULT_PLATFORM_PORT,
  startPlatformServer,
  type PlatformServer,
} from '../server/src/platform-server'
import { DEMO_EXPERTS, DEMO_PASSWORD, seedDemoAccounts } from '../server/src/seed'
import { ClientSimulator } from '../server/src/simulator'
import { seedDemoEarnings } from '../server/src/demo-earnings'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    'platform-url': { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
  },
})
const dataDir = values['data-dir'] ?? process.env['STANDBY_DATA_DIR'] ?? join(homedir(), '.standby-dev')
const shellDataDir = join(dataDir, 'browser-shell')
const say = (line: string): void => void process.stdout.write(`[standby] ${line}\n`)

/** Start the reference platform in this process, on 4455 or, saying so, a free port if that is taken. */
async function embeddedPlatform(): Promise<{ url: string; stop(): Promise<void> }> {
  const logger = consoleLogger()
  const quietLogger = { info: () => {}, warn: logger.warn, error: logger.error }
  const start = (port: number): Promise<PlatformServer> =>
    startPlatformServer({ port, dbPath: join(dataDir, 'platform.db'), logger: quietLogger })
  const server = await start(DEFAULT_PLATFORM_PORT).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    say(embeddedPortTaken(DEFAULT_PLATFORM_PORT))
    return start(0)
  })
  await seedDemoAccounts(server.marketplace)
  seedDemoEarnings(server.marketplace)
  const simulator = new ClientSimulator(server.marketplace, server.clock, quietLogger, {
    requestEveryMs: 45_000,
    seed: Date.now() % 100_000,
  })
  simulator.start()
  say(`Embedded reference platform at ${server.url} (simulated clients post a request every 45 s)`)
  say(`Its admin endpoints want "authorization: Bearer ${server.adminToken}" (new at every start)`)
  say(
    `Sign in as ${DEMO_EXPERTS[0].email} (or ${DEMO_EXPERTS.slice(1)
      .map((e) => e.email)
      .join(', ')}), password "${DEMO_PASSWORD}"`,
  )
  return {
    url: server.url,
    async stop() {
      simulator.stop()
      await server.close()
    },
  }
}

async function main(): Promise<void> {
  // An error nothing caught (in the embedded platform or the browser shell) is logged redacted, then
  // one line, and `npm start` ends with a failure; Electron, started from here, goes with it.
  const started: Started = {}
  // Output piped to a reader that quits (`npm start | head`) must not stop the app it started: each
  // write (its own lines, the platform's log) would fail as an uncaught error.
  dropConsoleWriteErrors({ stdout: process.stdout, stderr: process.stderr }, (line) => console.error(line))
  exitOnUncaught(process, {
    log: createStreamLogger({ out: process.stderr }),
    line: '[standby] Standby stopped after an unexpected error (logged above): run npm start again.',
    write: (line) => console.error(line),
    exit: (code) => {
      started.electron?.kill()
      process.exit(code)
    },
  })
  const source = values['platform-url'] === undefined ? 'STANDBY_PLATFORM_URL' : '--platform-url'
  const named = configuredPlatform(values['platform-url'] ?? process.env['STANDBY_PLATFORM_URL'], source)
  if (named.kind === 'refused') {
    console.error(`[standby] ${named.line}`)
    process.exit(1)
  }
  if (named.kind === 'named') {
    const problem = await probePlatform(named.url, source)
    if (problem !== null) say(problem)
  }
  const lock = lockDataDir(dataDir)
  if ('heldBy' in lock) {
    console.error(`[standby] ${dataDirHeld(dataDir, lock.heldBy)}`)
    process.exit(1)
  }
  process.on('exit', lock.release)
  const platform = named.kind === 'named' ? null : await embeddedPlatform()
  const platformUrl = named.kind === 'named' ? named.url : (platform?.url ?? '')
  const stopAll = stopStarted(started, platform)
  stopOnSignals(process, {
    stop: stopAll,
    log: createStreamLogger({ out: process.stderr }),
    exit: (code) => process.exit(code),
    signals: HANG_UP_TOO,
  })

  say('Building…')
  buildApp(root, { inheritOutput: true })

  const host = await chooseHost({
    browserRequested: values.browser,
    findElectron: () => {
      const binary = fetchElectronBinary(say, root)
      return binary.found ? binary.path : null
    },
    prepareSqlite: () => ensureElectronSqlite({ projectRoot: root, force: false, dryRun: false, log: say }),
    say,
  })
  if (host.kind === 'browser') {
    const shell = await (started.shell = startBrowserShell({
      dataDir: shellDataDir,
      rendererDir: join(root, 'out', 'renderer'),
      port: values.port ? Number(values.port) : 0,
      defaultPlatformUrl: platformUrl,
      version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
      log: createStreamLogger({ out: process.stderr }),
      out: process.stdout,
    }))
    say(`Open ${shell.url}`)
    return
  }
  const child = spawn(host.binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, STANDBY_PLATFORM_URL: platformUrl },
  })
  started.electron = child
  child.on('exit', (code) => void stopAll().finally(() => process.exit(code ?? 0)))
}

main().catch((error: unknown) => {
  const logPath = join(shellDataDir, LOG_FOLDER_NAME, LOG_FILE_NAME)
  console.error(`[standby] ${startFailureLine(error, existsSync(logPath) ? logPath : null)}`)
  process.exit(1)
})
