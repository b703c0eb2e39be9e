import { describe, expect, it, vi } from 'vitest'
import { MOST_NOTIFICATIONS_HELD, type AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  createRecordingNotifier,
  notificationLine,
} from '../../../../../src/main/node/adapters/recording-notifier'
import { clientMessageNotification } from '../../../../support/fixtures'

const instant: AppNotification = {
  kind: 'invite',
  inviteId: 'inv_1',
  requestId: 'req_1',
  title: 'Hooks question',
  body: 'Sam needs help with useEffect',
  instant: true,
}

function output() {
  const chunks: string[] = []
  return { chunks, write: (chunk: string) => (chunks.push(chunk), true) }
}

describe('the Node notifier', () => {
  it('records each notification and prints one line for it', () => {
    const out = output()
    const notifier = createRecordingNotifier({ out })
    notifier.show(instant)
    notifier.show({ ...instant, inviteId: 'inv_2', instant: false, title: 'Schema review' })
    expect(notifier.shown).toEqual([instant, expect.objectContaining({ inviteId: 'inv_2' })])
    expect(out.chunks).toEqual([
      '[notification] Invite: Hooks question — Sam needs help with useEffect\n',
      '[notification] Invite: Schema review — Sam needs help with useEffect\n',
    ])
  })

  it('an invite shown again for another request takes the first one’s place; the first one’s withdrawal leaves it', () => {
    const notifier = createRecordingNotifier()
    notifier.show(instant)
    const other = { ...instant, requestId: 'req_other', title: 'Other request' }
    notifier.show(other)
    expect(notifier.onScreen).toEqual([other])
    notifier.show({
      kind: 'invite_closed',
      inviteId: 'inv_1',
      requestId: 'req_1',
      reason: 'gone',
      title: '',
      body: '',
    })
    expect(notifier.onScreen).toEqual([other])
  })

  it('labels every kind of notification', () => {
    expect(
      notificationLine({
        kind: 'invite_closed',
        inviteId: 'i',
        requestId: 'req_1',
        reason: 'taken',
        title: 'Taken',
        body: 'Another expert took it',
      }),
    ).toBe('[notification] Invite closed: Taken — Another expert took it')
    expect(
      notificationLine({
        kind: 'reminder',
        sessionId: 's',
        title: 'In 10 minutes',
        body: 'Schema review',
        moment: 'before',
        bookedStart: 0,
        requestId: 'req_1',
        startAllowed: true,
      }),
    ).toBe('[notification] Reminder: In 10 minutes — Schema review')
    expect(notificationLine({ kind: 'notice', title: 'Offline', body: 'Showing cached data' })).toBe(
      '[notification] Notice: Offline — Showing cached data',
    )
    expect(
      notificationLine({
        kind: 'reminder_closed',
        sessionId: 's',
        bookedStart: 0,
        requestId: 'req_1',
        title: 'Schema review',
        body: 'The session was cancelled.',
      }),
    ).toBe('[notification] Reminder withdrawn: Schema review — The session was cancelled.')
  })

  it('takes a withdrawn reminder off the screen and records it; the session’s alerts and other times stay', () => {
    const notifier = createRecordingNotifier()
    const reminder = {
      kind: 'reminder',
      sessionId: 's1',
      title: 'In 10 minutes',
      body: 'Schema review',
      moment: 'before',
      bookedStart: 1_000,
      requestId: 'req_1',
      startAllowed: true,
    } as const
    const withdrawn = (sessionId: string, bookedStart: number) =>
      ({
        kind: 'reminder_closed',
        sessionId,
        bookedStart,
        requestId: 'req_1',
        title: 'Withdrawn',
        body: 'Cancelled.',
      }) as const
    notifier.show(reminder)
    notifier.show({ ...reminder, sessionId: 's2', bookedStart: 2_000 })
    notifier.show({ ...reminder, sessionId: 's3', moment: 'rescheduled' })
    notifier.show(withdrawn('s1', 1_000))
    notifier.show(withdrawn('s2', 1_000))
    notifier.show(withdrawn('s3', 1_000))
    expect(notifier.remindersOnScreen.map((r) => r.sessionId)).toEqual(['s2', 's3'])
    expect(notifier.withdrawnReminders).toEqual(['s1', 's2', 's3'])
  })

  it('keeps each notification on one line, whatever the platform sent', () => {
    expect(
      notificationLine({
        ...instant,
        title: 'Two\nlines',
        body: 'fake\n[notification] Invite: x — y',
      }),
    ).toBe('[notification] Invite: Two lines — fake [notification] Invite: x — y')
  })

  it('tells listeners until they unsubscribe, and needs no output', () => {
    const notifier = createRecordingNotifier()
    const listener = vi.fn()
    const unsubscribe = notifier.onShow(listener)
    notifier.show(instant)
    unsubscribe()
    notifier.show(instant)
    expect(listener.mock.calls).toEqual([[instant]])
    expect(notifier.shown).toHaveLength(2)
  })

  it('lets a test press a notification on screen, which reports it and takes it away', () => {
    const notifier = createRecordingNotifier()
    const pressed = vi.fn()
    notifier.onActivate(pressed)
    notifier.show(instant)
    notifier.press({ inviteId: 'inv_1' }, 'primary')
    expect(pressed).toHaveBeenCalledWith({ action: 'primary', notification: instant })
    expect(notifier.onScreen).toEqual([])
    expect(() => notifier.press({ inviteId: 'inv_1' }, 'decline')).toThrow(
      /No notification for invite inv_1 is on screen/,
    )
  })

  it('prints a client’s message and lets a test press the latest of its thread, once', () => {
    const notifier = createRecordingNotifier()
    const pressed = vi.fn()
    notifier.onActivate(pressed)
    const message = (body: string): AppNotification => ({
      kind: 'message',
      requestId: 'req_1',
      opens: { kind: 'session', sessionId: 'ses_1' },
      title: 'Message from Sam',
      body,
    })
    expect(notificationLine(message('Hi'))).toBe('[notification] Message: Message from Sam — Hi')
    notifier.show(message('Hi'))
    notifier.show(message('Are you there?'))
    notifier.press({ requestId: 'req_1' }, 'open')
    expect(pressed).toHaveBeenCalledWith({ action: 'open', notification: message('Are you there?') })
    expect(() => notifier.press({ requestId: 'req_1' }, 'open')).toThrow(/the thread of request req_1/)
  })

  it('removes a closed invite’s notification, and a client’s message opening it, and records the removal', () => {
    const notifier = createRecordingNotifier()
    notifier.show(instant)
    notifier.show({ ...instant, inviteId: 'inv_2' })
    notifier.show(clientMessageNotification('req_1', { kind: 'invite', inviteId: 'inv_1' }))
    notifier.show(clientMessageNotification('req_2', { kind: 'invite', inviteId: 'inv_2' }))
    notifier.show({
      kind: 'invite_closed',
      inviteId: 'inv_1',
      requestId: 'req_1',
      reason: 'taken',
      title: 'Hooks question',
      body: 'Taken',
    })
    expect(notifier.onScreen.map((n) => n.inviteId)).toEqual(['inv_2'])
    expect(notifier.messagesOnScreen.map((n) => n.requestId)).toEqual(['req_2'])
    expect(notifier.removed).toEqual(['inv_1'])
    expect(() => notifier.press({ inviteId: 'inv_1' }, 'open')).toThrow()
    expect(() => notifier.press({ requestId: 'req_1' }, 'open')).toThrow()
  })

  it('takes a client’s message off the screen with its invite, unless the expert accepted the invite', () => {
    const notifier = createRecordingNotifier()
    const message = (n: number) =>
      clientMessageNotification(`req_${n}`, { kind: 'invite', inviteId: `inv_${n}` })
    for (const n of [1, 2, 3]) notifier.show(message(n))
    const closing = (n: number, reason: 'taken' | 'accepted' | 'gone') =>
      notifier.show({
        kind: 'invite_closed',
        inviteId: `inv_${n}`,
        requestId: `req_${n}`,
        reason,
        title: 'Hooks question',
        body: '',
      })
    closing(1, 'taken')
    closing(2, 'accepted')
    closing(3, 'gone')
    expect(notifier.messagesOnScreen.map((m) => m.requestId)).toEqual(['req_2'])
    expect(() => notifier.press({ requestId: 'req_1' }, 'open')).toThrow()
  })

  it('holds what a shell running for days was told within bounds: the latest history, and what an OS keeps on screen', () => {
    const notifier = createRecordingNotifier({ historyKept: 100 })
    const day = (i: number): void => {
      notifier.show({ ...instant, inviteId: `inv_${i}` })
      // A client's message on a thread that ends unread, an alert of a cancelled session, a notice.
      notifier.show({
        kind: 'message',
        requestId: `req_${i}`,
        title: 'Sam',
        body: 'Hi',
        // A session's thread: the invite closing below leaves it on screen.
        opens: { kind: 'session', sessionId: `ses_${i}` },
      })
      notifier.show({
        kind: 'reminder',
        sessionId: `ses_${i}`,
        moment: 'cancelled',
        startAllowed: false,
        bookedStart: 0,
        requestId: 'req_1',
        title: 'Cancelled',
        body: '',
      })
      notifier.show({ kind: 'notice', title: 'Could not catch up', body: '' })
      notifier.show({
        kind: 'invite_closed',
        inviteId: `inv_${i}`,
        requestId: 'req_1',
        reason: 'taken',
        title: 'Taken',
        body: '',
      })
    }
    for (let i = 0; i < 1_000; i++) day(i)
    const held = [
      notifier.shown,
      notifier.removed,
      notifier.onScreen,
      notifier.messagesOnScreen,
      notifier.remindersOnScreen,
      notifier.noticesOnScreen,
    ].map((list) => list.length)
    expect(held).toEqual([
      100,
      100,
      0,
      MOST_NOTIFICATIONS_HELD,
      MOST_NOTIFICATIONS_HELD,
      MOST_NOTIFICATIONS_HELD,
    ])
    // The latest are the ones kept, and still pressed as before.
    expect(notifier.shown.at(-1)).toMatchObject({ kind: 'invite_closed', inviteId: 'inv_999' })
    expect(notifier.messagesOnScreen.at(-1)).toMatchObject({ requestId: 'req_999' })
    expect(() => notifier.press({ requestId: 'req_999' }, 'open')).not.toThrow()
  })

  it('plays the OS silencing notifications, and tells who listens', () => {
    const notifier = createRecordingNotifier()
    const heard = vi.fn()
    notifier.onHealthChange(heard)
    expect(notifier.health()).toEqual({ status: 'ok' })
    notifier.setHealth({ status: 'silenced', advice: 'Do Not Disturb is on.' })
    expect(notifier.health().status).toBe('silenced')
    expect(heard).toHaveBeenCalledOnce()
  })
})
