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
})
