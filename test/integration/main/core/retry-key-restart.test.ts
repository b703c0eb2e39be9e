import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import {
  invitedDirectly,
  platformEvent,
  restartedOverItsData,
  startProxiedExpert,
} from '../../../support/proxied-expert'

describe('a command whose answer was lost, sent again after Standby restarted', () => {
  const defer = useCleanup()

  it('a message to the client goes under its first key: the platform answers with the first send, and the client has it once', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, linkClock, core } = world
    const invite = await invitedDirectly(world, 'Asking before joining')
    const draft = { requestId: invite.request.id, body: 'Could you share the error log?' }

    // It reaches the platform; what the platform sends back on this connection is held.
    proxy.hold('down')
    const sent = platformEvent(platform, expert.id, 'message.created')
    const answer = core.runtime.api['messages.send'](draft)
    await sent
    linkClock.advance(10_000)
    expect(await answer).toMatchObject({
      ok: false,
      error: { code: 'timeout', message: expect.stringMatching(/Sending it again is safe/) },
    })

    // Standby quits and starts again over the same data; its connection is a new one, not held.
    const restarted = await restartedOverItsData(world, defer)
    const again = await restarted.runtime.api['messages.send'](draft)

    const thread = platform.server.marketplace.thread(invite.request.id, expert.id)
    expect(thread.filter((m) => m.from === 'expert').map((m) => m.body)).toEqual([draft.body])
    expect(again).toMatchObject({ ok: true, result: { message: { id: thread.at(-1)?.id } } })
  })

  it('a message whose send was cut short by Standby stopping goes under its first key after the restart', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    const invite = await invitedDirectly(world, 'Asking before a crash')
    const draft = { requestId: invite.request.id, body: 'Is the log from today?' }

    // It reaches the platform; the answer is held, and Standby stops before it comes (a crash).
    proxy.hold('down')
    const sent = platformEvent(platform, expert.id, 'message.created')
    void core.runtime.api['messages.send'](draft)
    await sent

    const restarted = await restartedOverItsData(world, defer)
    const again = await restarted.runtime.api['messages.send'](draft)

    const thread = platform.server.marketplace.thread(invite.request.id, expert.id)
    expect(thread.filter((m) => m.from === 'expert').map((m) => m.body)).toEqual([draft.body])
    expect(again).toMatchObject({ ok: true, result: { message: { id: thread.at(-1)?.id } } })
  })
})
