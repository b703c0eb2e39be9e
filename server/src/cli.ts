/**
 * `npm run server -- [--port 4455] [--host 127.0.0.1] [--db path] [--seed] [--simulate]
 *   [--manual-clock] [--invite-ttl-seconds 300] [--fan-out 5] [--request-every-seconds 45]
 *   [--allow-host NAME] [--connections-per-address 256] [--first-request-seconds 5]
 *   [--minimum-app-version 1.4.0] [--review-threshold 4.0] [--free-cancellation-hours 24]`
 */
import '../../scripts/require-supported-node'
import { startFailureText, type ListenTarget } from './cli-failure'
import { parseCommandLine, USAGE } from './cli-options'

/** Where the command line asked the platform to listen, once it read. */
let listenTarget: ListenTarget | undefined

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2))
  if (command === 'help') {
    console.log(USAGE)
    return
  }
  listenTarget = { host: command.host, port: command.port }
  // The platform (its server, database driver and protocol) loads only now: --help and a
  // mistyped option did not wait for it.
  const { runPlatform } = await import('./cli-run')
  await runPlatform(command)
}

main().catch((error: unknown) => {
  console.error(startFailureText(error, listenTarget))
  process.exit(1)
})
