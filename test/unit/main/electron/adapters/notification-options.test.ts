// What a client's words look like in a native notification, whatever they hold.
import { describe, expect, it } from 'vitest'
import {
  escapeMarkup,
  notificationOptions,
} from '../../../../../src/main/electron/adapters/notification-options'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX } from '../../../../../src/shared/os-limits'

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
