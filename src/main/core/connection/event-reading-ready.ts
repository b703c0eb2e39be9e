/**
 * The event schema made ready as the first connection opens, not at the expert's first invite:
 * the first time zod reads an object schema it writes and compiles that schema's checks, and V8
 * compiles zod's own reading code, all on the path from the invite's arrival to its notification.
 * Reading one invite made up here does that work while the app is only connecting.
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

let ready = false

/** Read READY_INVITE_EVENT once per process, so the first live event finds the schema's checks built. */
export function readyToReadEvents(): void {
  if (ready) return
  ready = true
  PlatformEvent.safeParse(READY_INVITE_EVENT)
}
