import { describe, expect, it } from 'vitest'
import {
  availabilityToggle,
  type ToggledAvailability,
} from '../../../../../src/main/core/tray/availability-toggle'
import type { CommandOutcome } from '../../../../../src/shared/command-outcome'
import { recordingLog } from '../../../../support/recording-log'

function setUp(outcome: CommandOutcome<unknown>) {
  const asked: ToggledAvailability[] = []
  const told: string[] = []
  const log = recordingLog()
  const toggle = availabilityToggle({
    set: async (availability) => {
      asked.push(availability)
      return outcome
    },
    tell: (title, body) => told.push(`${title}: ${body}`),
    log,
  })
  return { toggle, asked, told, log }
}

describe('the tray’s availability toggle', () => {
  it('sets the availability the expert picked, and says nothing when the platform takes it', async () => {
    const t = setUp({ ok: true, result: { availability: 'away', onlineUntil: null } })
    await t.toggle('away')
    expect(t.asked).toEqual(['away'])
    expect(t.told).toEqual([])
    expect(t.log.lines).toEqual([])
  })

  it('tells the expert when the change failed, why, and that the tray shows the platform’s word, not the click', async () => {
    const timeout = setUp({
      ok: false,
      error: {
        code: 'timeout',
        message:
          'The platform did not answer within 10 s, so Standby cannot tell whether it was done. Sending it again is safe: the platform will not do it twice.',
      },
    })
    await timeout.toggle('online')
    expect(timeout.told).toEqual([
      'No answer to making you available: The platform did not answer within 10 s, so Standby cannot tell whether it was done. Sending it again is safe: the platform will not do it twice. The tray shows your availability as the platform last said it.',
    ])
    expect(timeout.log.lines).toHaveLength(1)

    const refused = setUp({ ok: false, error: { code: 'invalid_state', message: 'Not now' } })
    await refused.toggle('away')
    expect(refused.told).toEqual([
      'Could not set you away: Not now. The tray shows your availability as the platform last said it.',
    ])
  })

  it('sends one command for quick clicks on a menu that still shows the platform’s word, and tells a failure once', async () => {
    const t = heldSetUp()
    const clicks = [1, 2, 3, 4, 5].map(() => t.toggle('away'))
    expect(t.asked).toEqual(['away'])
    t.answer({ ok: false, error: { code: 'timeout', message: 'No answer' } })
    await Promise.all(clicks)
    expect(t.asked).toEqual(['away'])
    expect(t.told).toEqual([
      'No answer to setting you away: No answer. The tray shows your availability as the platform last said it.',
    ])
  })

  it('sends the last pick made while a change travels, once it is answered, and nothing that was already sent', async () => {
    const t = heldSetUp()
    const first = t.toggle('away')
    void t.toggle('online')
    void t.toggle('away')
    const last = t.toggle('online')
    t.answer({ ok: true, result: null })
    await t.untilAsked(2)
    expect(t.asked).toEqual(['away', 'online'])
    t.answer({ ok: true, result: null })
    await Promise.all([first, last])
    expect(t.asked).toEqual(['away', 'online'])

    const back = heldSetUp()
    const going = back.toggle('away')
    void back.toggle('online')
    void back.toggle('away')
    back.answer({ ok: true, result: null })
    await going
    expect(back.asked).toEqual(['away'])
  })

  it('does not send a pick made while waiting once its expert signed out, or another signed in', async () => {
    for (const after of [null, 'expert-2']) {
      let who: string | null = 'expert-1'
      const t = heldSetUp({ signedInAs: () => who })
      const first = t.toggle('away')
      void t.toggle('online')
      who = after
      t.answer({ ok: false, error: { code: 'signed_out', message: 'You signed out' } })
      await Promise.race([first, t.untilAsked(2)])
      t.answer({ ok: true, result: null })
      await first
      expect(t.asked).toEqual(['away'])
    }
  })

  it('refuses, unsent, a pick made while waiting once Standby is quitting', async () => {
    let quitting = false
    const t = heldSetUp({ closed: () => quitting })
    const first = t.toggle('away')
    void t.toggle('online')
    quitting = true
    t.answer({ ok: true, result: null })
    await first
    expect(t.asked).toEqual(['away'])
    expect(t.told).toEqual([expect.stringMatching(/^Could not make you available: /)])
  })
})

/** A toggle whose platform answers each change when the test says. */
function heldSetUp(more: { signedInAs?: () => string | null; closed?: () => boolean } = {}) {
  const asked: ToggledAvailability[] = []
  const told: string[] = []
  const answers: Array<(outcome: CommandOutcome<unknown>) => void> = []
  const waiting: Array<() => void> = []
  const toggle = availabilityToggle({
    set: (availability) => {
      asked.push(availability)
      for (const wake of waiting.splice(0)) wake()
      return new Promise((resolve) => answers.push(resolve))
    },
    tell: (title, body) => told.push(`${title}: ${body}`),
    log: recordingLog(),
    ...more,
  })
  const answer = (outcome: CommandOutcome<unknown>): void => answers.shift()?.(outcome)
  /** Settles once `count` changes have been sent. */
  const untilAsked = async (count: number): Promise<void> => {
    while (asked.length < count) await new Promise<void>((resolve) => waiting.push(resolve))
  }
  return { toggle, asked, told, answer, untilAsked }
}
