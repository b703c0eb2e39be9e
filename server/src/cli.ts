/**
 * `npm run server -- [--port 4455] [--host 127.0.0.1] [--db path] [--seed] [--simulate]
 *   [--manual-clock] [--invite-ttl-seconds 300] [--fan-out 5] [--request-every-seconds 45]
 *   [--allow-host NAME] [--connections-per-address 256] [--first-request-seconds 5]
 *   [--minimum-app-version 1.4.0] [--review-threshold 4.0] [--free-cancellation-hours 24]`
 */
import '../../scripts/require-supported-node'
import { errorMessage } from '../../src/shared/error-message'
import { parseCommandLine, USAGE } from './cli-options'
import { PlatformDatabaseError } from './db/platform-database-error'

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2))
  if (command === 'help') {
    console.log(USAGE)
    return
  }
  // The platform (its server, database driver and protocol) loads only now: --help and a
  // mistyped option did not wait for it.
  const { runPlatform } = await import('./cli-run')
  await runPlatform(command)
}

main().catch((error: unknown) => {
  const message = errorMessage(error).replace(/\.$/, '')
  const hint = /EADDRINUSE/.test(message)
    ? ' Another program uses that port: pass --port with a free one.'
    : ''
  // The options are shown for a wrong command line only: after a file or port that failed they
  // would bury the one line that says what to do.
  const usage = error instanceof PlatformDatabaseError || hint !== '' ? '' : `\n\n${USAGE}`
  console.error(`Standby platform could not start: ${message}.${hint}${usage}`)
  process.exit(1)
})
