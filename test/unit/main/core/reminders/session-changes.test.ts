// The alerts a session's change calls for, told once: the platform cancelled it (and who pays),
// the client joined an instant session.
import { describe, expect, it } from 'vitest'
import { aRequest, aSession, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

describe('session changes', () => {
  it('auto-cancelled by the platform: says so and who pays the fee, once', () => {
    const { clock, scheduler, book, update, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T + 10 * MINUTE)
    const cancelled = {
      ...session,
      state: 'cancelled' as const,
      expertJoinedAt: T,
      cancellation: {
        reason: 'client_absent' as const,
        feeAssessedTo: 'client' as const,
        cancelledAt: clock.now(),
      },
    }
    update(cancelled)
    update({ ...cancelled, updatedAt: clock.now() + 1 })
    const told = notifier.shown.filter((n) => n.kind === 'reminder' && n.moment === 'cancelled')
    expect(told).toEqual([
      expect.objectContaining({
        title: 'Cancelled: Session ses_1',
        body: 'Sam Okafor did not join within 10 minutes of HH:MM, so the platform cancelled the session. Sam Okafor pays the cancellation fee. It is in your history.',
        startAllowed: false,
      }),
    ])
    scheduler.stop()
  })

  it('auto-cancelled with the expert absent, or both: the fee sentence follows the platform', () => {
    const { scheduler, book, update, notifier } = setUp()
    const mine = book('ses_1', T)
    const nobody = book('ses_2', T)
    scheduler.start()
    const cancellation = { cancelledAt: T + 10 * MINUTE }
    update({
      ...mine,
      state: 'cancelled',
      cancellation: { ...cancellation, reason: 'expert_absent', feeAssessedTo: 'expert' },
    })
    update({
      ...nobody,
      state: 'cancelled',
      cancellation: { ...cancellation, reason: 'both_absent', feeAssessedTo: null },
    })
    expect(notifier.shown.map((n) => n.body)).toEqual([
      'You did not join within 10 minutes of HH:MM, so the platform cancelled the session. You pay the cancellation fee. It is in your history.',
      'Neither you nor Sam Okafor joined within 10 minutes of HH:MM, so the platform cancelled the session. Nobody pays a cancellation fee. It is in your history.',
    ])
    scheduler.stop()
  })

  it('a client’s cancellation from a platform that leaves out `by` is told as the client’s, not as an absence', () => {
    const { scheduler, book, update, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    update({
      ...session,
      state: 'cancelled',
      cancellation: { reason: 'client_cancelled', feeAssessedTo: null, cancelledAt: T - 60 * MINUTE },
    })
    const [told] = notifier.shown
    expect(told?.title).toMatch(/^Sam Okafor cancelled Session ses_1/)
    expect(told?.body).not.toMatch(/did not join|Neither you/)
    scheduler.stop()
  })

  it('the client joins an instant session: "start billing when you\'re sure", once', () => {
    const { clock, scheduler, update, notifier } = setUp()
    scheduler.start()
    const request = aRequest({ id: 'req_i', title: 'Hooks question' })
    const live = aSession({
      id: 'ses_i',
      request,
      state: 'live',
      expertJoinedAt: clock.now(),
      bookedStart: clock.now(),
    })
    update(live)
    expect(notifier.shown).toEqual([])
    clock.advance(5_000)
    const joined = update({ ...live, clientJoinedAt: clock.now(), updatedAt: clock.now() })
    update({ ...joined, phase: 'billable', billingStartedAt: clock.now() + 1, updatedAt: clock.now() + 1 })
    expect(notifier.shown).toEqual([
      {
        kind: 'reminder',
        sessionId: 'ses_i',
        moment: 'client_joined',
        bookedStart: live.bookedStart,
        requestId: expect.any(String),
        startAllowed: false,
        title: "Sam Okafor joined: start billing when you're sure",
        body: '“Hooks question”: build context first; billable time starts only when you start billing.',
      },
    ])
    scheduler.stop()
  })
})
