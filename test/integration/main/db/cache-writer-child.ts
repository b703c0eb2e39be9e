/**
 * Child process for the kill -9 test: applies batches of invite.created events to a cache file in
 * a loop, and says on stdout (synchronously, so the parent sees it at once) when each batch
 * begins and when it has committed. Run with `node --import tsx`.
 */
import { writeSync } from 'node:fs'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { anInvite, aRequest, inviteCreated } from '../../../support/fixtures'

const [path, batchSizeText, batchCountText] = process.argv.slice(2) as [string, string, string]
const batchSize = Number(batchSizeText)
const silent = { info: () => {}, warn: () => {}, error: () => {} }
const { db } = openCache({ path })
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
  writeSync(1, `begin ${n + 1}\n`)
  store.applyEvents(batch)
  writeSync(1, `committed ${store.cursor()}\n`)
})
db.close()
