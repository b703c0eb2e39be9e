/**
 * Child process for the kill -9 test: applies batches of invite.created events to a cache file in
 * a loop, and says on its lines channel (test/support/child-lines.ts) when each batch begins and
 * when it has committed. Bundled by the test and run with plain `node`.
 */
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { sayLine } from '../../../support/child-lines'
import { anInvite, aRequest, inviteCreated } from '../../../support/fixtures'

const [path, batchSizeText, batchCountText, check] = process.argv.slice(2) as [
  string,
  string,
  string,
  string?,
]
const batchSize = Number(batchSizeText)
const silent = { info: () => {}, warn: () => {}, error: () => {} }
// As the app opens it when asked ('after-unclean-exit'), else with the check at every open.
const { db } = openCache({ path, integrityCheck: check === 'after-unclean-exit' ? check : 'quick' })
const store = new SqliteCacheStore(db, silent)

// Built before writing starts, so the loop below spends its time inside applyEvents.
const batches: PlatformEvent[][] = []
for (let b = 0; b < Number(batchCountText); b++) {
  const batch: PlatformEvent[] = []
  for (let i = 1; i <= batchSize; i++) {
    const id = store.cursor() + b * batchSize + i
    batch.push(inviteCreated(id, anInvite({ id: `inv_${id}`, request: aRequest({ id: `req_${id}` }) })))
  }
  batches.push(batch)
}

batches.forEach((batch, n) => {
  sayLine(`begin ${n + 1}`)
  store.applyEvents(batch)
  sayLine(`committed ${store.cursor()}`)
})
db.close()
