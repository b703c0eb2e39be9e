// The platform's flood guard cuts a connection that sends far past its allowance. The expert was
// told only that the platform closed the connection; a platform that says why first (a closing
// notice) is told as what it is, with what to do. One that says nothing, or says it on a connection
// it then does not close itself, is told as before, and a notice counts for its own connection only.
// A platform saying so where Standby sent it only a few messages, or none before it let Standby in,
// is told as saying so, with its support to ask: not as Standby's doing, to quit and restart for.
import { describe, expect, it } from 'vitest'
import { CLOSING_EVENT, TOO_MANY_MESSAGES } from '../../../../src/shared/protocol'
import { FEWEST_MESSAGES_OF_A_FLOOD } from '../../../../src/main/core/connection/flood-claim'
import type { ConnectionState } from '../../../../src/shared/connection-state'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform, type StreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, type TestCore } from '../../../support/test-core'

const reasonOf = (state: ConnectionState): string | undefined =>
  'reason' in state && typeof state.reason === 'string' ? state.reason : undefined

/** Cut every connection as `cut` does, and the reason the expert reads for it once it is lost. */
async function lostAfter(
  core: TestCore,
  platform: StreamPlatform,
  cut: (socket: Awaited<ReturnType<StreamPlatform['sockets']>>[number]) => void,
): Promise<string> {
  for (const socket of await platform.sockets()) cut(socket)
  const lost = await core.waitForState((s) => reasonOf(s)?.startsWith('Connection lost') === true)
  return reasonOf(lost)!
}

describe('a connection the platform cuts', () => {
  const defer = useCleanup()

  async function online(): Promise<{ core: TestCore; platform: StreamPlatform }> {
    const platform = await startStreamPlatform()
    platform.records.push(goodEvent(1, Date.now()))
    return { core: await adaSettledOn(defer, platform), platform }
  }

  it('for too many messages, saying so first, is told as that, with what to do, and connects again', async () => {
    const { core, platform } = await online()
    platform.answerCommands((_, ack) => ack({ ok: true, result: {}, serverTime: Date.now() }))
    const message = { requestId: 'req_1', body: 'One of many.' }
    const sends = Array.from({ length: FEWEST_MESSAGES_OF_A_FLOOD }, () =>
      core.runtime.core.command('message.send', message),
    )
    await Promise.all(sends)
    const reason = await lostAfter(core, platform, (socket) => {
      socket.emit(CLOSING_EVENT, { reason: TOO_MANY_MESSAGES })
      socket.disconnect(true)
    })
    expect(reason).toBe(
      "Connection lost: the platform cut the connection because Standby sent it too many messages. If this happens again, quit and restart Standby; if it goes on, tell the platform's support.",
    )
    await core.waitForState((s) => s.status === 'online')
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })

  it('for too many messages where Standby sent it only a few is told as the platform saying so', async () => {
    const { core, platform } = await online()
    const reason = await lostAfter(core, platform, (socket) => {
      socket.emit(CLOSING_EVENT, { reason: TOO_MANY_MESSAGES })
      socket.disconnect(true)
    })
    expect(reason).toMatch(
      /^Connection lost \(the platform closed the connection, saying Standby sent it too many messages, though Standby had sent it only \d+ in the last minute; another device signed in as you may have sent them\)\. If this goes on, tell the platform's support\.$/,
    )
    await core.waitForState((s) => s.status === 'online')
  })

  it('for too many messages before it let Standby in is told as an attempt that failed, saying so', async () => {
    const { core, platform } = await online()
    platform.beforeWelcome((socket) => {
      socket.emit(CLOSING_EVENT, { reason: TOO_MANY_MESSAGES })
      socket.disconnect(true)
    })
    for (const socket of await platform.sockets()) socket.disconnect(true)
    const failed = await core.waitForState((s) => reasonOf(s)?.includes('before the platform let') === true)
    expect(reasonOf(failed)).toContain(
      '(the platform closed the connection, saying Standby sent it too many messages, though Standby had sent it none on that connection; another device signed in as you may have sent them)',
    )
    expect(reasonOf(failed)).not.toContain('quit and restart')
  })

  it('saying nothing, as a platform before the notice does, is told as the platform closing it', async () => {
    const { core, platform } = await online()
    const reason = await lostAfter(core, platform, (socket) => socket.disconnect(true))
    expect(reason).toMatch(/^Connection lost \(the platform closed the connection: io server disconnect\)/)
  })

  it('with a notice it could not read, or one from an earlier connection, is told as the platform closing it', async () => {
    const { core, platform } = await online()
    let reason = await lostAfter(core, platform, (socket) => {
      socket.emit(CLOSING_EVENT, { reason: 7 })
      socket.disconnect(true)
    })
    expect(reason).not.toContain('too many messages')
    await core.waitForState((s) => s.status === 'online')
    // Said, and then not cut: the next connection's close is not the one it announced.
    for (const socket of await platform.sockets()) socket.emit(CLOSING_EVENT, { reason: TOO_MANY_MESSAGES })
    for (const socket of await platform.sockets()) socket.conn.close()
    reason = await lostAfter(core, platform, () => {})
    expect(reason).not.toContain('too many messages')
    await core.waitForState((s) => s.status === 'online')
    reason = await lostAfter(core, platform, (socket) => socket.disconnect(true))
    expect(reason).not.toContain('too many messages')
  })
})
