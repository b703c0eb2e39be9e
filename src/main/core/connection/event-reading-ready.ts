/**
 * The event schema made ready as the first connection opens, not at the expert's first invite:
 * the first time zod reads an object schema it writes and compiles that schema's checks, and V8
 * compiles zod's own reading code, all on the path from the invite's arrival to its notification.
 * Reading one made-up event of each kind the expert is notified of (an invite, its closing, a
 * client's message) does that work while the app is only connecting.
 */
import { PlatformEvent } from '../../../shared/protocol'

/** An invite as the platform sends one, every part filled in: what the expert's first invite has to read. */
export const READY_INVITE_EVENT = {
  id: 1,
  at: Date.UTC(2026, 0, 5, 9, 0, 0),
  digest: 'ready',
  type: 'invite.created',
  payload: {
    invite: {
      id: 'inv_ready',
      request: {
        id: 'req_ready',
        client: { id: 'cli_ready', name: 'Ready Client', timeZone: 'UTC' },
        title: 'A request read before the first one comes',
        description: 'A few sentences describing what is wrong and what was tried.',
        attachments: [
          {
            name: 'screenshot.png',
            sizeBytes: 1024,
            mimeType: 'image/png',
            url: 'https://files.standby.test/a.png',
          },
        ],
        tags: ['ready'],
        kind: 'instant',
        proposedTimes: [],
        expectedDurationMinutes: 30,
        createdAt: Date.UTC(2026, 0, 5, 9, 0, 0),
      },
      reason: 'matched',
      sentAt: Date.UTC(2026, 0, 5, 9, 0, 0),
      expiresAt: Date.UTC(2026, 0, 5, 9, 5, 0),
      state: 'open',
    },
  },
} as const

/** The events read ahead: every kind that raises or clears a notification, each whole. */
export const READY_EVENTS: ReadonlyArray<unknown> = [
  READY_INVITE_EVENT,
  {
    id: 2,
    at: Date.UTC(2026, 0, 5, 9, 1, 0),
    digest: 'ready',
    type: 'invite.closed',
    payload: { inviteId: 'inv_ready', reason: 'taken', sessionId: null },
  },
  {
    id: 3,
    at: Date.UTC(2026, 0, 5, 9, 2, 0),
    digest: 'ready',
    type: 'message.created',
    payload: {
      message: {
        id: 'msg_ready',
        requestId: 'req_ready',
        expertId: 'exp_ready',
        from: 'client',
        body: 'Is a screen share enough?',
        sentAt: Date.UTC(2026, 0, 5, 9, 2, 0),
      },
    },
  },
]

let ready = false

/** Read READY_EVENTS once per process, so the first live event finds the schema's checks built. */
export function readyToReadEvents(): void {
  if (ready) return
  ready = true
  for (const event of READY_EVENTS) PlatformEvent.safeParse(event)
}
