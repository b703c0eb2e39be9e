import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startTestPlatform } from '../../support/test-platform'
import { useCleanup } from '../../support/cleanup'

describe('a platform that stopped before its lookups were written, one invite event damaged on disk', () => {
  const defer = useCleanup()

  it('starts, rebuilds every other invite, and logs the one it cannot', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const tag = 'damaged'
    const damaged = platform.addExpert({ tags: [tag] }).id
    const intact = platform.addExpert({ tags: [tag] }).id
    const clientId = platform.addClient()
    platform.server.marketplace.createRequest({
      clientId,
      title: 'Sent just before the stop',
      kind: 'instant',
      tags: [tag],
      fanOut: 2,
    })
    await platform.stopServer()
    // As a stop right after the sends leaves the file (the lookups and invite rows follow them),
    // with one event's text then cut short on disk.
    const db = new Database(platform.dbPath)
    db.exec(`UPDATE platform_meta SET lookups_through_seq = 0;
      DELETE FROM expert_events; DELETE FROM invites;`)
    db.prepare(`UPDATE events SET payload = substr(payload, 1, 60) WHERE expert_id = ?`).run(damaged)
    db.close()

    await platform.startServer()
    const { marketplace } = platform.server
    expect(marketplace.snapshot(intact).openInvites.map((i) => i.request.title)).toEqual([
      'Sent just before the stop',
    ])
    expect(marketplace.events.latestId(damaged)).toBe(1)
    expect(
      platform.logger.lines.some((line) =>
        line.includes('invites not rebuilt at start: the stored text of their events does not read'),
      ),
    ).toBe(true)
  })
})
