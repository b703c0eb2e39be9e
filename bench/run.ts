/**
 * `npm run bench [-- [--repeat N] [name]]`: runs every benchmark in turn (or the one named) and
 * prints its figures; with `--repeat N`, runs it N times and then prints how far each headline
 * figure moved between runs. Benches never fail a build.
 */
import '../scripts/require-supported-node'
import { loadavg } from 'node:os'
import { benchCache } from './cache'
import { benchCore } from './core'
import type { Headline } from './headline'
import { benchPlatformFanout } from './platform-fanout'
import { formatRepeat, parseBenchArgs, repeatRows } from './repeat'
import { benchReconnectStorm } from './reconnect-storm'
import { benchUi } from './ui'

/** A bench that returns nothing reports no headline figures to compare between runs. */
type AnyBench = () => Promise<ReadonlyArray<Headline> | void>

const benches: ReadonlyArray<[string, AnyBench]> = [
  ['platform-fanout', benchPlatformFanout],
  ['cache', benchCache],
  ['ui', benchUi],
  ['core', benchCore],
  ['reconnect-storm', benchReconnectStorm],
]

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')

const args = parseBenchArgs(
  process.argv.slice(2),
  benches.map(([name]) => name),
)
if ('error' in args) {
  console.error(args.error)
  process.exit(2)
}
console.log(`load average over 1 / 5 / 15 minutes: ${load()}`)
for (const [name, run] of benches) {
  if (args.only !== undefined && args.only !== name) continue
  const runs: Array<ReadonlyArray<Headline>> = []
  for (let i = 0; i < args.repeat; i++) {
    if (args.repeat > 1) console.log(`\n### ${name}, run ${i + 1} of ${args.repeat} (load average ${load()})`)
    runs.push((await run()) ?? [])
  }
  if (args.repeat > 1) {
    console.log(`\n### ${name}: spread over ${args.repeat} runs (load average now ${load()})`)
    for (const line of formatRepeat(repeatRows(runs), args.repeat)) console.log(line)
  }
}
process.exit(0)
