// What the window says of a command refused as done already while Standby is behind the platform:
// not confirmed, never "Could not …", which may be false.
import { describe, expect, it } from 'vitest'
import { fromCommand } from '../../../src/renderer/logic/action-result'

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
})
