// A snapshot entity larger than any message the app takes: a snapshot part cannot be cut below one
// entity, so the part holding it closed the connection at every catch-up and the expert saw a
// failing state for good. The app asks the platform to leave such an entity out and name it: the
// rest of the snapshot arrives, the expert is told (a log line naming it, one notice), a copy this
// computer holds is kept, and nothing is shown twice or taken down.
import { describe, expect, it } from 'vitest'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, startTestCore, type TestCore } from '../../../support/test-core'

/** Invite `id` as event `event` carried it, its title grown past the largest message. */
function oversized(event: number, now: number): unknown {
  const { invite } = goodEvent(event, now).payload
  return { ...invite, request: { ...invite.request, title: 'x'.repeat(mostMessageBytes()) } }
}

/** A log that keeps its lines, and tells when one holding `text` is written. */
function keptLog(text = '\u0000'): { log: Logger; lines: string[]; written: Promise<string> } {
  const lines: string[] = []
  let found: (line: string) => void = () => {}
  const written = new Promise<string>((resolve) => (found = resolve))
  const write = (message: string) => {
    lines.push(message)
    if (message.includes(text)) found(message)
  }
  return { log: { info: write, warn: write, error: write }, lines, written }
}

const invitesShown = (core: TestCore) =>
  core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
const notices = (core: TestCore) =>
  core.adapters.notifier.shown.flatMap((n) => (n.kind === 'notice' ? [n.title] : []))

describe('a snapshot entity larger than any message', () => {
  const defer = useCleanup()

  it('is left out by name, and the rest of the snapshot and every later invite arrive, each shown once', async () => {
    const now = Date.now()
    const platform = await startStreamPlatform({ snapshotInParts: true })
    platform.records.push(goodEvent(1, now), goodEvent(2, now))
    // Sorted first in its list, so the first part holds it alone.
    platform.snapshotInvites.push({ ...(oversized(0, now) as object), id: 'inv_big' })
    const { log, lines } = keptLog()
    const core = await adaSettledOn(defer, platform, log)
    expect(core.runtime.cache.invite('inv_big')).toBeNull()
    expect(core.runtime.cache.invite('inv_g1')?.state).toBe('open')
    expect(invitesShown(core).toSorted()).toEqual(['inv_g1', 'inv_g2'])
    expect(lines.filter((line) => line.includes('inv_big'))).toEqual([
      expect.stringMatching(
        /left invite inv_big out of its snapshot: it is larger than any message Standby can take, so it is missing here\. Tell the platform's support/,
      ),
    ])
    expect(notices(core)).toEqual(['The platform sent a malformed update'])
  })

  it('once the platform mends it, arrives at the next connection and is shown once', async () => {
    const now = Date.now()
    const platform = await startStreamPlatform({ snapshotInParts: true })
    platform.records.push(goodEvent(1, now), goodEvent(2, now))
    const mended = { ...goodEvent(0, now).payload.invite, id: 'inv_big' }
    platform.snapshotInvites.push({ ...(oversized(0, now) as object), id: 'inv_big' })
    const core = await adaSettledOn(defer, platform, keptLog().log)
    expect(core.runtime.cache.invite('inv_big')).toBeNull()
    // Told to, the platform's support shrinks it; no event says so, as none changed the invite.
    platform.snapshotInvites[0] = mended
    for (const socket of await platform.sockets()) socket.disconnect(true)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.invite('inv_big')?.state).toBe('open')
    expect(invitesShown(core).toSorted()).toEqual(['inv_big', 'inv_g1', 'inv_g2'])
  })

  it('once the platform mends it, arrives after Standby is restarted too, and is shown once', async () => {
    const now = Date.now()
    const platform = await startStreamPlatform({ snapshotInParts: true })
    platform.records.push(goodEvent(1, now), goodEvent(2, now))
    platform.snapshotInvites.push({ ...(oversized(0, now) as object), id: 'inv_big' })
    const first = await adaSettledOn(defer, platform, keptLog().log)
    expect(first.runtime.cache.invite('inv_big')).toBeNull()
    first.close()
    platform.snapshotInvites[0] = { ...goodEvent(0, now).payload.invite, id: 'inv_big' }
    const core = await startTestCore({
      platformUrl: platform.url,
      token: 't',
      expertId: 'exp_ada',
      dir: first.dir,
    })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.invite('inv_big')?.state).toBe('open')
    expect(invitesShown(core)).toEqual(['inv_big'])
  })

  it('keeps the copy this computer holds, its notification up and not shown again', async () => {
    const now = Date.now()
    const platform = await startStreamPlatform({ snapshotInParts: true })
    platform.records.push(goodEvent(1, now), goodEvent(2, now))
    const { log, lines } = keptLog()
    const core = await adaSettledOn(defer, platform, log)
    expect(invitesShown(core).toSorted()).toEqual(['inv_g1', 'inv_g2'])
    // The platform's history changes under the cache (its digest differs), and its copy of an
    // invite the expert was shown has grown past any message: the next catch-up is a snapshot.
    platform.records[1] = { ...goodEvent(2, now), digest: 'd_other' }
    platform.snapshotInvites.push(oversized(1, now))
    for (const socket of await platform.sockets()) socket.disconnect(true)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.invite('inv_g1')?.state).toBe('open')
    expect(invitesShown(core).toSorted()).toEqual(['inv_g1', 'inv_g2'])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite_closed')).toEqual([])
    expect(lines.filter((line) => line.includes('out of its snapshot'))).toEqual([
      expect.stringMatching(/left invite inv_g1 out .* the copy on this computer was kept/),
    ])
  })

  it('in a snapshot answering a replay of events, from a platform that says it leaves such out, passes no good event over', async () => {
    const now = Date.now()
    const platform = await startStreamPlatform({ snapshotInParts: true, announcesLeaveOut: true })
    platform.records.push(goodEvent(1, now), goodEvent(2, now))
    const { log, lines } = keptLog()
    const core = await adaSettledOn(defer, platform, log)
    // The platform's history changes under the cache: its replay of events answers with a snapshot.
    platform.records[1] = { ...goodEvent(2, now), digest: 'd_other' }
    platform.records.push(goodEvent(3, now))
    platform.snapshotInvites.push({ ...(oversized(0, now) as object), id: 'inv_big' })
    for (const socket of await platform.sockets()) socket.disconnect(true)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.invite('inv_g3')?.state).toBe('open')
    expect(invitesShown(core).toSorted()).toEqual(['inv_g1', 'inv_g2', 'inv_g3'])
    expect(lines.filter((line) => line.startsWith('Skipped event'))).toEqual([])
    expect(lines.filter((line) => line.includes('left invite inv_big out'))).toHaveLength(1)
  })

  it('from a platform that passes the key over, or says it takes it and still sends the entity, fails saying so', async () => {
    for (const announcesLeaveOut of [false, true]) {
      const platform = await startStreamPlatform({
        snapshotInParts: true,
        ignoresLeaveOut: true,
        announcesLeaveOut,
      })
      platform.records.push(goodEvent(1, Date.now()))
      platform.snapshotInvites.push({ ...(oversized(0, Date.now()) as object), id: 'inv_big' })
      defer(() => platform.close())
      const { log, written, lines } = keptLog('though Standby asked it to leave out')
      const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada', log })
      defer(() => core.close(true))
      expect(await written).toMatch(
        /^Catching up with the platform stopped: the platform sent a message larger than any Standby can take while sending its snapshot, though Standby asked it to leave out what is too large \(.*\)\. Tell the platform's support/,
      )
      expect(lines.filter((line) => line.includes('though Standby asked'))).toHaveLength(1)
    }
  })

  it('from a platform that does not know to leave it out, fails saying so and what to do', async () => {
    const platform = await startStreamPlatform({ snapshotInParts: true, refusesLeaveOut: true })
    platform.records.push(goodEvent(1, Date.now()))
    platform.snapshotInvites.push({ ...(oversized(0, Date.now()) as object), id: 'inv_big' })
    defer(() => platform.close())
    const { log, written } = keptLog('cannot leave what is too large out')
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada', log })
    defer(() => core.close(true))
    expect(await written).toMatch(/^Catching up with the platform stopped: .*Tell the platform's support/)
  })
})
