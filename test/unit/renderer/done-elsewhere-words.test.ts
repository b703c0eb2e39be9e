// What the window says of a command refused as done already: not confirmed while Standby is behind
// the platform (never "Could not …", which may be false), and a Decline done on another device
// first says the reason chosen here was not sent.
import { describe, expect, it } from 'vitest'
import { fromCommand } from '../../../src/renderer/logic/action-result'
import { declinedNotice } from '../../../src/renderer/logic/declined-notice'
import { noticeSentence } from '../../../src/renderer/logic/isolate'

describe('a command refused as done already', () => {
  it('that Standby could not confirm says it was tried, with what the platform answered', () => {
    const message =
      'The platform answered “You already accepted this invite.” Standby cannot confirm this yet: it is not up to date with the platform. Live session shows the session if it is yours once Standby catches up; the platform’s dashboard shows it now.'
    expect(
      fromCommand('join', { ok: true, value: { ok: false, error: { code: 'unconfirmed', message } } }),
    ).toEqual({
      ok: false,
      message: `Tried to join: the platform answered “You already accepted this invite.” Standby cannot confirm this yet: it is not up to date with the platform. Live session shows the session if it is yours once Standby catches up; the platform’s dashboard shows it now.`,
    })
  })

  it('that was done on another device first keeps saying so', () => {
    const outcome = { ok: true as const, result: { inviteId: 'inv_1' }, doneElsewhere: true as const }
    expect(fromCommand('decline', { ok: true, value: outcome })).toEqual({
      ok: true,
      value: { inviteId: 'inv_1' },
      doneElsewhere: true,
    })
  })
})

describe('the notice after Decline', () => {
  it('says the reason chosen here was not sent when the invite was declined on another device first', () => {
    expect(noticeSentence(declinedNotice('Hooks question', 'no_time', { doneElsewhere: true }))).toBe(
      'Declined already, before this press (on another device or by an earlier press here): Hooks question. The reason you chose here was not sent, as the platform takes a reason only with the decline itself.',
    )
  })

  it('says declined, as before, when it was declined here or no reason was chosen', () => {
    expect(noticeSentence(declinedNotice('Hooks question', 'no_time', {}))).toBe('Declined: Hooks question')
    expect(noticeSentence(declinedNotice('Hooks question', undefined, { doneElsewhere: true }))).toBe(
      'Declined: Hooks question',
    )
  })
})
