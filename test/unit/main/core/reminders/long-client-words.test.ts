// A client's name, title or note as long as the platform allows, set in the app's own sentences:
// each notification, cut as the OS adapter cuts it, still says who did what, when and what it costs.
import { describe, expect, it } from 'vitest'
import {
  clientCancelledText,
  rescheduleAnswerText,
} from '../../../../../src/main/core/reminders/party-change-texts'
import {
  beforeText,
  cancelledText,
  clientAbsentText,
  clientJoinedText,
  dueTail,
  startingNowText,
  type DueTail,
} from '../../../../../src/main/core/reminders/reminder-texts'
import { movedText } from '../../../../../src/main/core/reminders/session-moves'
import { messageNotification } from '../../../../../src/main/core/messages/message-notification'
import { inviteNotification } from '../../../../../src/main/core/sync/invite-notification'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX } from '../../../../../src/shared/os-limits'
import { shownText } from '../../../../../src/shared/protocol'
import { aMessage, aRequest, aSession, anInvite, MINUTE } from '../../../../support/fixtures'

const START = Date.UTC(2026, 0, 5, 14, 0)
const time = (): string => '14:10'
const dayTime = (): string => 'Mon 5 Jan, 14:00'
// Each as long as its field allows (PersonName, RequestTitle, CancellationMessage).
const name = `Sam ${'Okafor'.repeat(39)}`
const title = `Query ${'plan'.repeat(48)}`
const note = `Sorry, ${'something came up. '.repeat(52)}`.slice(0, 1_000)

const request = aRequest({
  client: { id: 'cli_x', name, timeZone: 'UTC' },
  title,
  kind: 'scheduled',
  proposedTimes: [START],
})
const session = aSession({ request, bookedStart: START, expertJoinedAt: START - MINUTE })

/** What the expert reads of a notification: its title and body as the OS adapter cuts them. */
function seen(text: { readonly title: string; readonly body: string }): { title: string; body: string } {
  return {
    title: shownText(text.title, { max: NOTIFICATION_TITLE_MAX }),
    body: shownText(text.body, { max: NOTIFICATION_BODY_MAX, multiline: true }),
  }
}

describe('a long name, title or note in a notification', () => {
  it('never pushes out what the client did, the time or the fee', () => {
    expect(seen(clientAbsentText(session, time)).title).toMatch(
      /^Sam Okafor.*… has not joined yet; auto-cancel at 14:10$/,
    )
    expect(seen(clientAbsentText(session, time)).body).toMatch(
      /the platform cancels the session and Sam .*… pays the fee\.$/,
    )
    expect(seen(clientJoinedText(session)).title).toMatch(/… joined: start billing when you're sure$/)
    expect(seen(startingNowText(session, time)).body).toMatch(
      /Start it before 14:10, or the platform cancels the session\.$/,
    )
    expect(
      seen(beforeText({ ...session, expertJoinedAt: null }, START - 30 * MINUTE, time, null)).body,
    ).toMatch(/^Scheduled session with Sam .*… at 14:10\. /)
    const cancelled = { reason: 'client_absent', feeAssessedTo: 'client', cancelledAt: START } as const
    expect(seen(cancelledText(session, cancelled, time)).body).toMatch(
      /… pays the cancellation fee\. It is in your history\.$/,
    )
    const moved = seen(movedText(session, START - 60 * MINUTE, dayTime))
    expect(moved.title).toMatch(/^Moved: Query .*…, now Mon 5 Jan, 14:00$/)
    expect(moved.body).toMatch(
      /Reminders follow the new time\. If it does not suit you, message Sam .*… or propose another time\.$/,
    )
  })

  it('says whether the client accepted or declined the new time, and when an accepted one is due', () => {
    const answer = (state: 'accepted' | 'declined', due: DueTail | null = null) =>
      seen(
        rescheduleAnswerText(
          session,
          {
            proposedStart: START,
            previousStart: START - 60 * MINUTE,
            proposedAt: START - 90 * MINUTE,
            state,
            answeredAt: START - 80 * MINUTE,
          },
          dayTime,
          due,
        ),
      ).title
    expect(answer('accepted')).toMatch(/^Sam .*… accepted the new time: Query .*…$/)
    expect(answer('declined')).toMatch(/^Sam .*… declined the new time: Query .*…$/)
    // The time left came after the whole title, where the cut took it.
    const due = dueTail(session, START - 15 * MINUTE, 'before', time)
    expect(answer('accepted', due)).toMatch(/^Sam .*… accepted the new time, in 15 minutes: Query .*…$/)
    expect(answer('accepted', dueTail(session, START, 'starting_now', time))).toMatch(
      /^Sam .*… accepted the new time, starting now: Query/,
    )
  })

  it('a client’s cancellation says who pays the fee and when first, then their note on one line', () => {
    const told = seen(
      clientCancelledText(
        session,
        {
          reason: 'client_cancelled',
          by: 'client',
          feeAssessedTo: 'client',
          cancelledAt: START,
          message: `${note}\nNo fee: it was cancelled in the free period.`,
        },
        dayTime,
      ),
    )
    expect(told.title).toMatch(/^Sam .*… cancelled Query .*…, Mon 5 Jan, 14:00$/)
    const [first, quoted, ...rest] = told.body.split('\n')
    expect(first).toMatch(
      /^Sam .*… cancelled late and pays the cancellation fee\. Its reminders are off; it is in your history\.$/,
    )
    expect(quoted).toMatch(/^Sam .*… wrote: “Sorry, something came up\. .*…”$/)
    expect(rest).toEqual([])
  })

  it('an invite’s and a message’s title keep the request and the word “Message” in view', () => {
    const invite = seen(inviteNotification(anInvite({ request }), START - 60 * MINUTE, dayTime))
    expect(invite.title).toMatch(/^Sam .*…: Query plan/)
    const message = seen(
      messageNotification({ count: 2, latest: aMessage({ id: 'msg_2' }) }, name, {
        kind: 'session',
        sessionId: session.id,
      }),
    )
    expect(message.title).toMatch(/^2 messages from Sam .*…$/)
  })

  it('keeps a name or title written right to left from turning the app’s sentence around it', () => {
    const rtl = aSession({
      request: {
        ...request,
        client: { id: 'cli_y', name: 'سارة أحمد', timeZone: 'UTC' },
        title: 'مشكلة في البناء',
      },
      bookedStart: START,
      expertJoinedAt: START - MINUTE,
    })
    // A left-to-right mark first sets the line's direction; one after the name ends its run.
    expect(seen(clientAbsentText(rtl, time)).title).toBe(
      '\u200eسارة أحمد\u200e has not joined yet; auto-cancel at 14:10',
    )
    expect(seen(movedText(rtl, START - 60 * MINUTE, dayTime)).title).toBe(
      'Moved: \u200eمشكلة في البناء\u200e, now Mon 5 Jan, 14:00',
    )
    const declined = rescheduleAnswerText(
      rtl,
      { proposedStart: START, previousStart: START, proposedAt: START, state: 'declined', answeredAt: START },
      dayTime,
    )
    expect(seen(declined).title).toBe(
      '\u200eسارة أحمد\u200e declined the new time: \u200eمشكلة في البناء\u200e',
    )
    expect(seen(clientAbsentText(session, time)).title).not.toContain('\u200e')
  })
})
