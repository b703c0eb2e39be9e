// A command answered with a message larger than any the app takes (a 10 MB refusal sentence): the
// frame closes the connection before the answer is read, and the platform gives the same answer to
// the same key again. It was sent again on every new connection for as long as its timeout lasted,
// each meeting the answer and cutting the connection, and the expert read that sending it again was
// safe. It is sent again once (the message might have been a live push), then ends in words saying
// what to check, with one line in the log; the cache keeps what it held and the core connects again.
import { describe, expect, it } from 'vitest'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, inviteTitled } from '../../../support/test-core'

describe('a command answered past the largest message', () => {
  const defer = useCleanup()

  it('is sent again once, then ends saying to check the platform, and the core connects again', async () => {
    const platform = await startStreamPlatform()
    const lines: string[] = []
    const write = (message: string) => void lines.push(message)
    const log: Logger = { info: write, warn: write, error: write }
    const core = await adaSettledOn(defer, platform, log)
    const event = goodEvent(1, Date.now())
    platform.records.push(event)
    for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, event)
    const invite = await inviteTitled(core, event.payload.invite.request.title)
    const huge = 'x'.repeat(10 * 1024 * 1024)
    let asked = 0
    platform.answerCommands((_, answer) => {
      asked++
      answer({ ok: false, error: { code: 'conflict', message: huge }, serverTime: Date.now() })
    })
    const outcome = await core.runtime.api['invites.decline']({ inviteId: invite.id })
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'invalid_response',
        message:
          "The platform answered with more than Standby can take, so it cannot tell whether it was done, and sending it again would bring the same answer. Check on the platform's dashboard whether it was done, and tell the platform's support.",
      },
    })
    expect(asked).toBe(2)
    expect(lines.filter((line) => line.startsWith("The platform's answer to invite.decline"))).toHaveLength(1)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.invite(invite.id)?.state).toBe('open')
  })
})
