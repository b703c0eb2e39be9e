/**
 * A command whose outcome was left open keeps its idempotency key for a retry. When the very write
 * of that key is the one that finds the cache damaged, the run rebuilds the file and connects again
 * with a new link: the key must reach the new file, so the expert's retry, in this run or after a
 * restart, goes under the first key and the platform does not do it twice (a message sent twice).
 */
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { snapshotThenNothing, startHostilePlatform } from '../../../../support/hostile-platform'
import { adaSettledOn, startTestCore, type TestCore } from '../../../../support/test-core'
import { useCleanup } from '../../../../support/cleanup'
import { failWrites } from '../../../../support/cache-faults'

const defer = useCleanup()
const corrupt = (): Error => new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')
const message = { requestId: 'req_1', body: 'I can help with that: send me the error you see.' }

/** A platform that takes every message and answers nonsense, so each send may or may not have happened. */
async function platformKeepingKeys() {
  const keys: string[] = []
  const platform = await startHostilePlatform({
    replay: snapshotThenNothing({}),
    command: (sent) => {
      keys.push((sent as { idempotencyKey: string }).idempotencyKey)
      return { nonsense: true }
    },
  })
  return { platform, keys }
}

/** Send the message once, its key's write finding the cache damaged; resolves once the rebuilt cache is connected again. */
async function sentAsTheCacheBreaks(core: TestCore, connections: () => number): Promise<void> {
  // The key is first written as the message goes out; its write once the answer made no sense finds the damage.
  const { cache } = core.runtime
  const keep = cache.keepRetryKey.bind(cache)
  Object.assign(cache, {
    keepRetryKey: (...args: Parameters<typeof keep>) => {
      keep(...args)
      failWrites(cache, 'keepRetryKey', corrupt)
    },
  })
  const sent = await core.runtime.core.command('message.send', message)
  expect(sent).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
  await core.waitForState((state) => state.status === 'online' && connections() === 2)
}

it('sends the message again under its first key after the cache was rebuilt in the run', async () => {
  const { platform, keys } = await platformKeepingKeys()
  const core = await adaSettledOn(defer, platform)
  await sentAsTheCacheBreaks(core, platform.connections)

  await core.runtime.core.command('message.send', message)

  expect(keys).toHaveLength(2)
  expect(keys[1]).toBe(keys[0])
})

it('sends the message again under its first key after a restart that followed the rebuild', async () => {
  const { platform, keys } = await platformKeepingKeys()
  const core = await adaSettledOn(defer, platform)
  await sentAsTheCacheBreaks(core, platform.connections)
  core.close()

  const again = await startTestCore({
    platformUrl: platform.url,
    token: 't',
    expertId: 'exp_ada',
    dir: core.dir,
  })
  defer(() => again.close(true))
  await again.waitForState((state) => state.status === 'online')
  await again.runtime.core.command('message.send', message)

  expect(keys).toHaveLength(2)
  expect(keys[1]).toBe(keys[0])
})

it('sends the message once when the key’s write as it goes out finds the cache damaged', async () => {
  const { platform, keys } = await platformKeepingKeys()
  const core = await adaSettledOn(defer, platform)
  failWrites(core.runtime.cache, 'keepRetryKey', corrupt)
  const sent = await core.runtime.core.command('message.send', message)
  expect(sent.ok).toBe(false)
  await core.waitForState((state) => state.status === 'online' && platform.connections() === 2)

  await core.runtime.core.command('message.send', message)

  expect(keys).not.toHaveLength(0)
  expect(new Set(keys).size).toBe(1)
})
