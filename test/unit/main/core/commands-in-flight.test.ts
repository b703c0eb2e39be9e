import { describe, expect, it } from 'vitest'
import { CommandsInFlight } from '../../../../src/main/core/commands-in-flight'
import type { CommandOutcome } from '../../../../src/shared/command-outcome'

/** A send the test answers by hand, counting how often it went out. */
function manualSend() {
  const answers: Array<(outcome: CommandOutcome<string>) => void> = []
  const send = (): Promise<CommandOutcome<string>> =>
    new Promise((resolve) => {
      answers.push(resolve)
    })
  return { send, answers }
}

describe('CommandsInFlight', () => {
  it('sends an identical command once while the first is unanswered, whatever the order of its keys', async () => {
    const inFlight = new CommandsInFlight()
    const link = {}
    const { send, answers } = manualSend()
    const first = inFlight.share(link, 'invite.accept', { inviteId: 'i1', proposedTime: null }, send)
    const second = inFlight.share(link, 'invite.accept', { proposedTime: null, inviteId: 'i1' }, send)
    expect(answers).toHaveLength(1)
    answers[0]!({ ok: true, result: 'joined' })
    expect(await first).toEqual({ ok: true, result: 'joined' })
    expect(await second).toEqual({ ok: true, result: 'joined' })
  })

  it('sends again once the first is answered, and a different payload or link at once', async () => {
    const inFlight = new CommandsInFlight()
    const link = {}
    const { send, answers } = manualSend()
    const first = inFlight.share(link, 'session.join', { sessionId: 's1' }, send)
    void inFlight.share(link, 'session.join', { sessionId: 's2' }, send)
    void inFlight.share({}, 'session.join', { sessionId: 's1' }, send)
    expect(answers).toHaveLength(3)
    answers[0]!({ ok: false, error: { code: 'too_early', message: 'Not yet.' } })
    await first
    void inFlight.share(link, 'session.join', { sessionId: 's1' }, send)
    expect(answers).toHaveLength(4)
  })

  it('never folds two identical client messages: each is one the expert wrote', () => {
    const inFlight = new CommandsInFlight()
    const link = {}
    const { send, answers } = manualSend()
    const payload = { requestId: 'r1', text: 'On my way' }
    void inFlight.share(link, 'message.send', payload, send)
    void inFlight.share(link, 'message.send', payload, send)
    expect(answers).toHaveLength(2)
  })

  it('lets the next press go out after a send that threw', async () => {
    const inFlight = new CommandsInFlight()
    const link = {}
    let sends = 0
    const failing = (): Promise<CommandOutcome<string>> => {
      sends += 1
      return Promise.reject(new Error('socket gone'))
    }
    await expect(inFlight.share(link, 'invite.decline', { inviteId: 'i1' }, failing)).rejects.toThrow(
      'socket gone',
    )
    await expect(inFlight.share(link, 'invite.decline', { inviteId: 'i1' }, failing)).rejects.toThrow(
      'socket gone',
    )
    expect(sends).toBe(2)
  })
})
