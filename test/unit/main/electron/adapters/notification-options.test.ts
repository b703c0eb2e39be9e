// What a client's words look like in a native notification, whatever they hold.
import { describe, expect, it } from 'vitest'
import {
  escapeMarkup,
  inviteIn,
  inviteNotificationId,
  notificationOptions,
  reminderIn,
  reminderNotificationId,
} from '../../../../../src/main/electron/adapters/notification-options'
import { REQUEST_UNKNOWN, type AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_ID_MAX,
  NOTIFICATION_TITLE_MAX,
} from '../../../../../src/shared/os-limits'
import { INSTANT_INVITE } from '../../../../support/invite-notification'

const message = (title: string, body: string): Extract<AppNotification, { kind: 'message' }> => ({
  kind: 'message',
  requestId: 'req_1',
  opens: { kind: 'invite', inviteId: 'inv_1' },
  title,
  body,
})
const options = (notification: AppNotification & { kind: 'message' }, platform: NodeJS.Platform) =>
  notificationOptions(notification, { soundEnabled: true, withActions: true, platform })

describe('a notification’s text', () => {
  it('shows markup in a Linux body as the client typed it, not as bold text or a link', () => {
    const shown = options(
      message('Message from Sam', '<b>Join</b> <a href="https://x.example">here</a> & now'),
      'linux',
    )
    expect(shown.body).toBe(
      '&lt;b&gt;Join&lt;/b&gt; &lt;a href="https://x.example"&gt;here&lt;/a&gt; &amp; now',
    )
    expect(options(message('Message from Sam', 'Q&A <b>'), 'darwin').body).toBe('Q&A <b>')
    expect(options(message('Message from Sam', 'Q&A <b>'), 'win32').body).toBe('Q&A <b>')
  })

  it('drops what reorders or hides text, and controls, from a title or a body stored before the edge did', () => {
    const shown = options(
      message('Message from \u202eSam\u200b\u0000', 'line\u2066 one\r\nline two\u001b[2J'),
      'darwin',
    )
    expect(shown.title).toBe('Message from Sam')
    expect(shown.body).toBe('line one\nline two[2J')
  })

  it('cuts a title and a body to what the OS shows, so a toast never fails for its size', () => {
    const shown = options(message('t'.repeat(5_000), 'b'.repeat(50_000)), 'win32')
    expect(shown.title).toHaveLength(NOTIFICATION_TITLE_MAX)
    expect(shown.body).toHaveLength(NOTIFICATION_BODY_MAX)
    expect(shown.body?.endsWith('…')).toBe(true)
  })

  it('escapes the three characters markup reads, and only them', () => {
    expect(escapeMarkup('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'')
  })
})

// A reminder's id names its session and the request it was for, so a press on one shown before the
// session's id went to another request is told apart; it reads back from a Windows press's
// arguments (where a quote, "&", ";", "," or "|" ends it) and from macOS's Notification Center.
describe('a notification’s options', () => {
  it('carry no icon on any OS: on macOS one closed while Electron wrote its image would come up all the same', () => {
    const invite = INSTANT_INVITE
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      for (const shown of [invite, message('Message from Sam', 'Hello')])
        expect(
          notificationOptions(shown, { soundEnabled: true, withActions: true, platform }),
        ).not.toHaveProperty('icon')
  })
})

describe('a reminder’s notification id', () => {
  it('reads back as the session and request it was shown for, wherever it stands in the text', () => {
    for (const [sessionId, requestId] of [
      ['ses_1', 'req_1'],
      ['s.1-2', 'r'],
      ['ses_12345', '7.8.9'],
      ['1', '2.3'],
    ] as const) {
      const id = reminderNotificationId(sessionId, requestId)
      expect(id.length).toBeLessThanOrEqual(NOTIFICATION_ID_MAX)
      for (const text of [id, `launch "${id}"&x=1`, `tag=${id};group=standby`])
        expect(reminderIn(text)).toEqual({ id, sessionId, requestId })
    }
  })

  it('reads back from a Windows press as Electron hands it to handleActivation: the id itself as the last tag', () => {
    // windows_toast_notification.cc writes the id unhashed into each button's and the reply's arguments.
    const reminder = reminderNotificationId('ses_1', 'req_1')
    const invite = inviteNotificationId('inv_1', 'req_1')
    const digest = reminderNotificationId('s'.repeat(60), 'req_1')
    expect(reminderIn(`type=action&action=1&tag=${reminder}`)).toEqual({
      id: reminder,
      sessionId: 'ses_1',
      requestId: 'req_1',
    })
    expect(inviteIn(`type=reply&tag=${invite}`)).toMatchObject({
      id: invite,
      inviteId: 'inv_1',
      requestId: 'req_1',
    })
    expect(reminderIn(`type=action&action=0&tag=${digest}`)).toMatchObject({ id: digest })
  })

  it('of an earlier version, naming its session alone: read with no request', () => {
    expect(reminderIn('standby-reminder-ses_1')).toEqual({
      id: 'standby-reminder-ses_1',
      sessionId: 'ses_1',
      requestId: REQUEST_UNKNOWN,
    })
    expect(reminderNotificationId('ses_1', REQUEST_UNKNOWN)).toBe('standby-reminder-ses_1')
  })

  it('with ids too long to carry together: its session alone, as an earlier version’s, so an earlier run’s is still traced to it', () => {
    for (const [sessionId, requestId] of [
      ['ses_1', 'r'.repeat(60)],
      ['a'.repeat(24), 'b'.repeat(24)],
      [`ses_${'a'.repeat(32)}`, `req_${'b'.repeat(32)}`],
      ['ses_1', 'req&1'],
    ] as const) {
      const id = reminderNotificationId(sessionId, requestId)
      expect(id).toBe(`standby-reminder-${sessionId}`)
      expect(reminderIn(`tag=${id};group=standby`)).toEqual({ id, sessionId, requestId: REQUEST_UNKNOWN })
    }
  })

  it('an invite’s of ids too long to carry together: its invite alone, naming no request, so a press from an earlier run sends nothing yet opens the invite', () => {
    const [inviteId, requestId] = [`inv_${'a'.repeat(32)}`, `req_${'b'.repeat(32)}`]
    const id = inviteNotificationId(inviteId, requestId)
    expect(id).toBe(`standby-invite-${inviteId}`)
    expect(inviteIn(`tag=${id};group=standby`)).toEqual({ id, inviteId, requestId: REQUEST_UNKNOWN })
    expect(inviteIn(inviteNotificationId('inv_1', 'req_1'))).toMatchObject({
      inviteId: 'inv_1',
      requestId: 'req_1',
    })
  })

  it('with a session id too long or odd to carry: a digest, the same in every run, naming no session the cache has', () => {
    const id = reminderNotificationId('s'.repeat(60), 'req_1')
    expect(id).toBe(reminderNotificationId('s'.repeat(60), 'req_1'))
    expect(id).not.toBe(reminderNotificationId('s'.repeat(59) + 't', 'req_1'))
    expect(id.length).toBeLessThanOrEqual(NOTIFICATION_ID_MAX)
    expect(reminderIn(id)).toMatchObject({ id, sessionId: expect.stringMatching(/^~/) })
    expect(reminderIn(reminderNotificationId('ses&1', 'req_1'))?.sessionId).toMatch(/^~/)
  })

  it('one that does not read as one (its length past its text, or no request) names nothing', () => {
    expect(reminderIn('standby-reminder.9.ses_1')).toBeNull()
    expect(reminderIn('standby-reminder.5.ses_1')).toBeNull()
    expect(reminderIn('standby-reminder.0.req_1')).toBeNull()
    expect(reminderIn('standby-invite-inv_1')).toBeNull()
  })
})
