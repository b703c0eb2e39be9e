/**
 * Child process for the kill -9 test: applies batches of invite.created events to a cache file, and
 * says on its lines channel (test/support/child-lines.ts) when each batch begins and when it has
 * committed, going on to the next when the test says so. Bundled by the test and run with plain `node`.
 */
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { sayLine, waitToGoOn } from '../../../support/child-lines'
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

// A batch at a time, each once the test has read that the one before committed: a test that reads
// late (a busy machine) still kills the batch it meant to, where the writer ran on to its end.
for (const [n, batch] of batches.entries()) {
  if (n > 0 && !waitToGoOn()) break
  sayLine(`begin ${n + 1}`)
  store.applyEvents(batch)
  sayLine(`committed ${store.cursor()}`)
}
db.close()
