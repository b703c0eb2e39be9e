// socket.io's parser checks what a packet carries only when it carries something, and socket.io
// reads what each kind carries without looking: a platform sending a packet with nothing where
// something belongs (an acceptance, a refusal, an answer or an event) must neither crash Standby
// nor leave its connection stuck. Each one here is a few bytes any platform could send.
import { describe, expect, it } from 'vitest'
import type { StreamEntry } from '../../../../src/main/core/ports/cache-store'
import { anInvite, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { socketLink } from '../../../support/socket-link'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

describe('a socket.io packet with nothing where the protocol has something', () => {
  const defer = useCleanup()

  /** A started link to a platform that writes `first` to the wire ahead of its first acceptance. */
  async function linkTo(first?: string) {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    let attempts = 0
    platform.io.use((socket, next) => {
      if (attempts++ === 0 && first !== undefined) socket.conn.write(first)
      next()
    })
    const { link, log, clock } = socketLink(platform.url)
    defer(() => link.stop())
    const events: StreamEntry[] = []
    link.events.add((entry) => void events.push(entry))
    link.start()
    return { platform, link, log, clock, events, attempts: () => attempts }
  }

  it.each([
    ['an acceptance naming an empty connection id', '0{"sid":""}'],
    ['an acceptance with nothing in it', '0'],
  ])('ends the attempt on %s as a broken message, and the next attempt connects', async (_, wire) => {
    const { link, clock, attempts } = await linkTo(wire)
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting).toMatchObject({
      reason: expect.stringMatching(
        /before the platform let it in \(the platform sent a message Standby could not read: parse error\)/,
      ),
    })
    if (waiting.kind === 'waiting') clock.advanceTo(waiting.nextAttemptAt)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(attempts()).toBe(2)
  })

  it('reads a refusal with nothing in it as a refusal without a reason, and tries again', async () => {
    const { link, clock, attempts } = await linkTo('4')
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting).toMatchObject({
      reason: expect.stringMatching(/refused the connection without a reason Standby can read/),
    })
    if (waiting.kind === 'waiting') clock.advanceTo(waiting.nextAttemptAt)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(attempts()).toBe(2)
  })

  it('reads an answer with nothing in it as a malformed answer, and keeps the connection', async () => {
    const { platform, link } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.removeAllListeners('replay')
      socket.conn.on('packet', ({ data }: { data?: unknown }) => {
        const id = typeof data === 'string' ? /^2(\d+)\["replay"/.exec(data)?.[1] : undefined
        // The answer's id, and no values after it.
        if (id !== undefined) socket.conn.write(`3${id}`)
      })
    }
    await expect(link.replay(0)).rejects.toThrow(/The platform sent a malformed replay acknowledgement/)
    expect(link.state.kind).toBe('connected')
  })

  it('passes over an event with nothing in it, with or without an answer asked, says so, and reads the next', async () => {
    const { platform, link, log, events } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.conn.write('2')
      socket.conn.write('25')
    }
    const next = new Promise<void>((resolve) => link.events.add(() => resolve()))
    platform.io.emit('platform-event', inviteCreated(1, anInvite()))
    await next
    expect(events.map((e) => e.id)).toEqual([1])
    expect(
      log.lines.filter((line) => /a message with no name; Standby passed it over/.test(line)),
    ).toHaveLength(2)
    expect(link.state.kind).toBe('connected')
  })
})
