/** `npm run bench`: runs every benchmark in turn and prints its figures. Benches never fail a build. */
import { benchCache } from './cache'
import { benchCore } from './core'
import { benchPlatformFanout } from './platform-fanout'
import { benchUi } from './ui'

const benches: ReadonlyArray<[string, () => Promise<void>]> = [
  ['platform-fanout', benchPlatformFanout],
  ['cache', benchCache],
  ['ui', benchUi],
  ['core', benchCore],
]

const only = process.argv[2]
for (const [name, run] of benches) {
  if (only !== undefined && only !== name) continue
  await run()
}
process.exit(0)
