/**
 * Child process for the app kill -9 test: the app's core on its own data directory (real SQLite
 * cache, Node adapters, system clock), as a host starts it. It says on its lines channel
 * (test/support/child-lines.ts) each state the link reaches and each invite shown. Bundled once per test file and run with plain
 * `node` (test/support/built-script.ts).
 */
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { headlessHost, startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import { systemClock } from '../../../../../src/shared/clock'
import { sayLine } from '../../../../support/child-lines'

const [platformUrl, token, expertId, dataDir, killAfterShown] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
]
// `after-snapshot` in place of a count: it kills itself as soon as a snapshot is in the cache.
const log = {
  info: (m: string) => {
    if (killAfterShown === 'after-snapshot' && m.startsWith('Rebuilt the cache from a platform snapshot'))
      process.kill(process.pid, 'SIGKILL')
  },
  warn: () => {},
  error: (m: string) => process.stderr.write(`${m}\n`),
}

const adapters = createNodeAdapters({ dataDir, out: { write: () => true }, log })
await adapters.secrets.save({ platformUrl, token, expertId })
let shown = 0
adapters.notifier.onShow((n) => {
  if (n.kind !== 'invite') return
  sayLine(`shown ${n.inviteId}`)
  if (++shown === Number(killAfterShown)) process.kill(process.pid, 'SIGKILL')
})
const runtime = await startNodeRuntime({
  dataDir,
  adapters,
  clock: systemClock,
  log,
  host: headlessHost('kill-9', log),
})
runtime.core.states.add((state) => sayLine(`state ${state.status}`))
sayLine(`state ${runtime.core.connection.status}`)
// A host runs until it is quit (Electron's app, the browser shell's server); the core's own timers
// hold no process open (systemClock unrefs them). Without this the process ended by itself at the
// first connection that failed or dropped, as it waited to try again. Held by the test's end of
// stdin: the app quits with the test process, never outliving it.
process.stdin.resume()
