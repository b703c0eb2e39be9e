// The app's lines around a client's words (a session's changes, how it ended, its auto-cancel
// notice) hold those words as pieces of their own, which the page shows in a <bdi>: a right-to-left
// name or message starting or ending with a number cannot pull it, or the app's words beside it,
// into the wrong order.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RescheduleStatus } from '../../../src/renderer/components/SessionChanges'
import { isolatedSentence, type NoticeText } from '../../../src/renderer/logic/isolate'
import { outcomeLabel } from '../../../src/renderer/logic/labels'
import { cancelledLine, rescheduleLine } from '../../../src/renderer/logic/session-changes'
import { autoCancelNotice } from '../../../src/renderer/logic/session-timing'
import type { Client, Session } from '../../../src/shared/protocol'
import { aRequest, aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

const NAME = 'דוד כהן 2'
const MESSAGE = '3 ימים חולה'
const client: Client = { id: 'cli_rtl', name: NAME, timeZone: 'Asia/Jerusalem' }
const booked = aSession({ client, request: aRequest({ client }), bookedStart: FIXTURE_NOW })

/** The line's words outside the client's pieces: where a client's words must not be. */
const outside = (line: NoticeText | null): string => {
  expect(line).not.toBeNull()
  if (typeof line === 'string') return line
  return line!.map((part) => (typeof part === 'string' ? part : '[isolated]')).join('')
}

const cancelledByClient: Session = {
  ...booked,
  state: 'cancelled',
  cancellation: {
    reason: 'client_cancelled',
    feeAssessedTo: null,
    cancelledAt: FIXTURE_NOW - MINUTE,
    by: 'client',
    message: MESSAGE,
  },
}

describe('a client’s words in the app’s lines', () => {
  it('are isolated in who cancelled and what they wrote', () => {
    const line = outside(cancelledLine(cancelledByClient))
    expect(line).not.toContain(NAME)
    expect(line).not.toContain(MESSAGE)
    expect(outside(outcomeLabel(cancelledByClient))).not.toContain(NAME)
  })

  it('are isolated in a tooltip, where no element can hold them', () => {
    const tooltip = isolatedSentence(cancelledLine(cancelledByClient)!)
    expect(tooltip).toContain(`\u2068${NAME}\u2069`)
    expect(tooltip).toContain(`\u2068${MESSAGE}\u2069`)
    expect(isolatedSentence(outcomeLabel(cancelledByClient))).toContain(`\u2068${NAME}\u2069`)
  })

  it('are isolated in where a proposed new time stands', () => {
    for (const state of ['pending', 'accepted', 'declined'] as const) {
      const session: Session = {
        ...booked,
        reschedule: {
          proposedStart: FIXTURE_NOW + 60 * MINUTE,
          previousStart: FIXTURE_NOW,
          proposedAt: FIXTURE_NOW - MINUTE,
          state,
          answeredAt: state === 'pending' ? null : FIXTURE_NOW,
        },
      }
      expect(outside(rescheduleLine(session))).not.toContain(NAME)
      const html = renderToStaticMarkup(<RescheduleStatus session={session} />)
      expect(html).toContain(`<bdi>${NAME}</bdi>`)
    }
  })

  it('are isolated in the auto-cancel notice that names the waiting client', () => {
    const waiting: Session = { ...booked, clientJoinedAt: FIXTURE_NOW }
    expect(outside(autoCancelNotice(waiting, FIXTURE_NOW + MINUTE))).not.toContain(NAME)
  })
})
