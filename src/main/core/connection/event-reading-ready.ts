/**
 * The event schema made ready as the first connection opens, not at the expert's first invite:
 * the first time zod reads an object schema it writes and compiles that schema's checks, and V8
 * compiles zod's own reading code, all on the path from the invite's arrival to its notification.
 * Reading one made-up event of each kind the stream carries (an invite, its closing, a client's
 * message, a session moved or cancelled, the expert's own account) does that work while the app is
 * only connecting. They are read as a page of the catch-up is, which reads each as a live one is,
 * so an invite missed while offline finds the page's outline built too. They are read and dropped:
 * none reaches the cache, the cursor, the log or a notification.
 */
import { parseReplayPage } from './replay-page'

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

const READY_REQUEST = READY_INVITE_EVENT.payload.invite.request

/** The events read ahead: one of every kind the stream carries, each whole. */
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
  {
    id: 4,
    at: Date.UTC(2026, 0, 5, 9, 3, 0),
    digest: 'ready',
    type: 'session.updated',
    // The parts the alerts are told from (a cancellation, a move, a chargeback) are filled in.
    payload: {
      session: {
        id: 'ses_ready',
        request: READY_REQUEST,
        expertId: 'exp_ready',
        client: READY_REQUEST.client,
        kind: 'instant',
        bookedStart: Date.UTC(2026, 0, 5, 10, 0, 0),
        state: 'cancelled',
        phase: 'context',
        expertJoinedAt: null,
        clientJoinedAt: null,
        billingStartedAt: null,
        endedAt: null,
        outcome: null,
        cancellation: {
          reason: 'client_cancelled',
          feeAssessedTo: null,
          cancelledAt: Date.UTC(2026, 0, 5, 9, 3, 0),
          by: 'client',
          message: 'Something came up.',
        },
        updatedAt: Date.UTC(2026, 0, 5, 9, 3, 0),
        roomUrl: '/rooms/ses_ready?key=0123456789abcdef0123456789abcdef',
        rate: { amountMinor: 2_500, currency: 'USD' },
        earnings: null,
        review: { rating: 5, comment: 'Clear and quick.', reviewedAt: Date.UTC(2026, 0, 5, 9, 3, 0) },
        chargeback: { reason: 'Disputed', recordedAt: Date.UTC(2026, 0, 5, 9, 3, 0) },
        freeCancellationUntil: null,
        reschedule: {
          proposedStart: Date.UTC(2026, 0, 5, 10, 0, 0),
          previousStart: Date.UTC(2026, 0, 5, 9, 30, 0),
          proposedAt: Date.UTC(2026, 0, 5, 9, 1, 0),
          state: 'accepted',
          answeredAt: Date.UTC(2026, 0, 5, 9, 2, 0),
        },
        privateNote: '',
        closingNote: null,
      },
    },
  },
  {
    id: 5,
    at: Date.UTC(2026, 0, 5, 9, 4, 0),
    digest: 'ready',
    type: 'expert.updated',
    payload: {
      expert: {
        id: 'exp_ready',
        name: 'Ready Expert',
        email: 'ready@standby.test',
        timeZone: 'UTC',
        availability: 'online',
        onlineUntil: null,
        availabilityCause: 'chosen',
        idleMinutes: null,
        tags: ['ready'],
        stats: {
          averageResponseMs: 1_000,
          rating: 5,
          sessionsDone: 1,
          recent: null,
          earnings: null,
          reviews: {
            average: 4.5,
            count: 2,
            previousAverage: null,
            previousCount: 0,
            threshold: 4,
            chargebacks: 1,
            recentChargebacks: 1,
            lastChargebackAt: Date.UTC(2026, 0, 5, 9, 3, 0),
          },
        },
        rate: { amountMinor: 2_500, currency: 'USD' },
      },
      idempotencyKey: 'ready-key-0001',
    },
  },
]

let ready = false

/** The made-up events as a whole page of the catch-up. */
export const READY_PAGE = {
  kind: 'events',
  events: READY_EVENTS,
  latestId: READY_EVENTS.length,
  hasMore: false,
}

/** Read READY_PAGE once per process, so the first live or replayed event finds the schema's checks built. */
export function readyToReadEvents(): void {
  if (ready) return
  ready = true
  try {
    parseReplayPage(READY_PAGE, { error: () => {} })
  } catch {
    // Read ahead only: a page the contract no longer reads costs the head start, never the
    // connection opening; event-reading-ready.test.ts fails on it.
  }
}
