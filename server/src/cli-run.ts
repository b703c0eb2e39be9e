/** Starts the platform a checked command line asks for (cli-options.ts), loaded by cli.ts only then. */
import { ManualClock, systemClock } from '../../src/shared/clock'
import { dropConsoleWriteErrors } from '../../src/shared-node/console-gone'
import { exitOnUncaught } from '../../src/shared-node/exit-on-uncaught'
import { stopOnSignals } from '../../src/shared-node/stop-on-signals'
import type { PlatformCommandLine } from './cli-options'
import { seedDemoEarnings } from './demo-earnings'
import { consoleLogger } from './logger'
import { startPlatformServer } from './platform-server'
import { DEMO_EXPERTS, DEMO_PASSWORD, seedDemoAccounts } from './seed'
import { ClientSimulator } from './simulator'

/** Start the platform, print its URL and admin token, and stop it on SIGINT or SIGTERM (stopOnSignals). */
export async function runPlatform(options: PlatformCommandLine): Promise<void> {
  const logger = consoleLogger()
  // Its output piped to a reader that quits (`npm run server 2>&1 | head`) must not stop the
  // platform the app is connected to: each write would fail as an uncaught error.
  dropConsoleWriteErrors(
    { stdout: process.stdout, stderr: process.stderr },
    (line) => console.error(line),
    'the platform goes on serving, unheard',
  )
  // An error nothing caught: logged redacted, one line, and a failed exit (shared-node/exit-on-uncaught.ts).
  exitOnUncaught(process, {
    log: logger,
    line: 'Standby platform stopped after an unexpected error (logged above): start it again with npm run server.',
    write: (line) => console.error(line),
    exit: (code) => process.exit(code),
  })
  const clock = options.manualClock ? new ManualClock(Date.now()) : systemClock
  const server = await startPlatformServer({
    host: options.host,
    port: options.port,
    dbPath: options.dbPath,
    clock,
    logger,
    marketplace: options.marketplace,
    allowedHosts: options.allowedHosts,
    minimumAppVersion: options.minimumAppVersion,
    connections: options.connections,
  })
  const simulator =
    options.simulate === undefined
      ? undefined
      : new ClientSimulator(server.marketplace, clock, logger, {
          requestEveryMs: options.simulate.requestEveryMs,
          seed: Date.now() % 100_000,
        })
  // Before anything says the platform listens: whatever stops it on reading that line (a script,
  // a supervisor) stops it cleanly, not by the signal's default, which ends it where it stands.
  // A second signal while the stop hangs ends it at once.
  stopOnSignals(process, {
    stop: () => {
      simulator?.stop()
      return server.close()
    },
    log: logger,
    exit: (code) => process.exit(code),
  })
  if (options.seed) {
    const added = await seedDemoAccounts(server.marketplace)
    seedDemoEarnings(server.marketplace)
    logger.info(
      `demo accounts ready (${added} added): ${DEMO_EXPERTS.map((e) => e.email).join(', ')}; password "${DEMO_PASSWORD}"`,
    )
  }
  simulator?.start()
  // Printed on stdout, one line each, so scripts can read the URL and the admin token.
  console.log(`Standby platform listening on ${server.url}`)
  console.log(`Admin token (this start only): ${server.adminToken}`)
}
