/**
 * Protocol objects for tests and benches: valid by the zod schemas (checked by
 * test/unit/main/db/fixtures.test.ts), deterministic, and overridable field by field. Nothing here
 * is random, so a failing test or a bench run can be reproduced exactly.
 */
import type {
  Attachment,
  Client,
  Expert,
  HelpRequest,
  Invite,
  InviteClosedReason,
  Message,
  PlatformEvent,
  Session,
  Snapshot,
} from '../../src/shared/protocol'
import { PROTOCOL_VERSION } from '../../src/shared/protocol'
import type { FirstFrame } from '../../src/shared/first-frame'
import type { AppNotification, MessagePlace } from '../../src/main/core/ports/notifier'

/** An ordinary moment to build around: Monday 2026-01-05 09:00 UTC. */
export const FIXTURE_NOW = Date.UTC(2026, 0, 5, 9, 0, 0)

/**
 * The settings of a first run, spelt out once: the stores' tests (Node, Electron, the reader) each
 * check theirs against it, so a changed default is changed here on purpose.
 */
export const FIRST_RUN_SETTINGS = {
  platformUrl: null,
  remindersEnabled: true,
  soundEnabled: true,
  launchAtLogin: false,
  autoAwayEnabled: true,
  autoAwayMinutes: 10,
  updateChannel: 'stable',
  closedToTrayNoticeShown: false,
  mainWindowPlace: null,
} as const

const {
  closedToTrayNoticeShown: _appMemory,
  mainWindowPlace: _windowMemory,
  ...firstRunAppSettings
} = FIRST_RUN_SETTINGS
/** The first-run settings as the window sees them (without the app's own memory). */
export const FIRST_RUN_APP_SETTINGS = firstRunAppSettings
/** One minute in milliseconds. */
export const MINUTE = 60_000

const DESCRIPTION =
  'My React app re-renders the whole list whenever one row changes, and typing in the filter box ' +
  'lags by half a second on a 2,000-row table. I tried memo on the rows but the parent still ' +
  'recreates the callbacks. I would like someone to look at the component tree with me, explain ' +
  'what is going on and help me restructure it. The repository is private; I can share my screen.'

/** The signed-in expert. */
export function anExpert(overrides: Partial<Expert> = {}): Expert {
  return {
    id: 'exp_ada',
    name: 'Ada Byron',
    email: 'ada@standby.test',
    timeZone: 'Europe/London',
    availability: 'online',
    onlineUntil: null,
    availabilityCause: 'chosen',
    idleMinutes: null,
    tags: ['javascript', 'typescript', 'react'],
    stats: {
      averageResponseMs: 48_000,
      rating: 4.8,
      sessionsDone: 120,
      recent: null,
      earnings: null,
      reviews: null,
    },
    rate: { amountMinor: 2_500, currency: 'USD' },
    ...overrides,
  }
}

/** Client number `n` (of a handful that repeat). */
export function aClient(n = 0): Client {
  const names = ['Sam Okafor', 'Priya Natarajan', 'Jonas Lind', 'Mei Chen', 'Olu Adeyemi']
  const zones = ['America/New_York', 'Asia/Kolkata', 'Europe/Stockholm', 'Asia/Shanghai', 'Africa/Lagos']
  const i = n % names.length
  return { id: `cli_${i}`, name: names[i] as string, timeZone: zones[i] as string }
}

/** A screenshot attachment. */
export function anAttachment(n = 0): Attachment {
  return {
    name: `screenshot-${n}.png`,
    sizeBytes: 184_320 + n,
    mimeType: 'image/png',
    url: `https://files.standby.test/a/${n}/screenshot-${n}.png`,
  }
}

/** An instant request; pass kind 'scheduled' with proposedTimes for a scheduled one. */
export function aRequest(overrides: Partial<HelpRequest> = {}): HelpRequest {
  return {
    id: 'req_1',
    client: aClient(0),
    title: 'React list re-renders on every keystroke',
    description: DESCRIPTION,
    attachments: [anAttachment(0)],
    tags: ['react', 'performance'],
    kind: 'instant',
    proposedTimes: [],
    expectedDurationMinutes: 30,
    createdAt: FIXTURE_NOW,
    ...overrides,
  }
}

/** A scheduled request with three proposed times an hour apart, starting `firstAt`. */
export function aScheduledRequest(
  id: string,
  firstAt: number,
  overrides: Partial<HelpRequest> = {},
): HelpRequest {
  return aRequest({
    id,
    kind: 'scheduled',
    proposedTimes: [firstAt, firstAt + 60 * MINUTE, firstAt + 120 * MINUTE],
    ...overrides,
  })
}

/** An open invite to `request`. */
export function anInvite(overrides: Partial<Invite> = {}): Invite {
  const request = overrides.request ?? aRequest()
  return {
    id: `inv_${request.id}`,
    request,
    reason: 'matched',
    sentAt: request.createdAt,
    expiresAt: request.createdAt + 5 * MINUTE,
    state: 'open',
    ...overrides,
  }
}

/** A booked session for `request`, owned by expert exp_ada unless overridden. */
export function aSession(overrides: Partial<Session> = {}): Session {
  const request = overrides.request ?? aRequest()
  const id = overrides.id ?? `ses_${request.id}`
  return {
    id,
    request,
    expertId: 'exp_ada',
    client: request.client,
    kind: request.kind,
    bookedStart: request.proposedTimes[0] ?? request.createdAt,
    state: 'booked',
    phase: 'context',
    expertJoinedAt: null,
    clientJoinedAt: null,
    billingStartedAt: null,
    endedAt: null,
    outcome: null,
    cancellation: null,
    updatedAt: request.createdAt,
    roomUrl: `/rooms/${id}?key=0123456789abcdef0123456789abcdef`,
    rate: { amountMinor: 2_500, currency: 'USD' },
    earnings: null,
    review: null,
    chargeback: null,
    freeCancellationUntil: null,
    reschedule: null,
    privateNote: '',
    closingNote: null,
    ...overrides,
  }
}

/** The session gone live at `at`, both parties joined. */
export function liveSession(session: Session, at: number): Session {
  return { ...session, state: 'live', expertJoinedAt: at, clientJoinedAt: at, updatedAt: at }
}

/** The session ended and charged at `at`. */
export function endedSession(session: Session, at: number): Session {
  return {
    ...session,
    state: 'ended',
    phase: 'billable',
    billingStartedAt: session.expertJoinedAt ?? at,
    endedAt: at,
    outcome: { kind: 'charged' },
    updatedAt: at,
  }
}

/** A message in the thread of request req_1. */
export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg_1',
    requestId: 'req_1',
    expertId: 'exp_ada',
    from: 'client',
    body: 'Is a screen share enough, or do you need access to the repository?',
    sentAt: FIXTURE_NOW,
    ...overrides,
  }
}

/** invite.created with event id `id`. */
export function inviteCreated(id: number, invite: Invite, at = invite.sentAt): PlatformEvent {
  return { id, at, type: 'invite.created', payload: { invite } }
}

/** invite.closed with event id `id`. */
export function inviteClosed(
  id: number,
  inviteId: string,
  reason: InviteClosedReason,
  sessionId: string | null = null,
  at = FIXTURE_NOW,
): PlatformEvent {
  return { id, at, type: 'invite.closed', payload: { inviteId, reason, sessionId } }
}

/** session.updated with event id `id`. */
export function sessionUpdated(id: number, session: Session, at = session.updatedAt): PlatformEvent {
  return { id, at, type: 'session.updated', payload: { session } }
}

/** message.created with event id `id`. */
export function messageCreated(id: number, message: Message, at = message.sentAt): PlatformEvent {
  return { id, at, type: 'message.created', payload: { message } }
}

/** expert.updated with event id `id`. */
export function expertUpdated(id: number, expert: Expert, at = FIXTURE_NOW): PlatformEvent {
  return { id, at, type: 'expert.updated', payload: { expert } }
}

/** A snapshot of the expert with nothing open. */
export function aSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    expert: anExpert(),
    openInvites: [],
    sessions: [],
    recentMessages: [],
    cursor: 0,
    takenAt: FIXTURE_NOW,
    ...overrides,
  }
}

/** A window's first frame, signed out, with one open invite and one booked session. */
export function aFirstFrame(overrides: Partial<FirstFrame> = {}): FirstFrame {
  return {
    now: FIXTURE_NOW,
    clock: { offsetMs: 0, measured: false },
    info: {
      version: '0.1.0',
      platform: 'linux',
      protocolVersion: PROTOCOL_VERSION,
      defaultPlatformUrl: null,
    },
    connection: { status: 'online', since: FIXTURE_NOW },
    expert: null,
    invites: { open: [anInvite()], missed: [] },
    upcoming: [aSession()],
    upcomingLater: false,
    remindersSent: [],
    settings: FIRST_RUN_APP_SETTINGS,
    surface: 'window',
    locale: 'en-GB',
    timeZone: 'Europe/Berlin',
    inBrowser: true,
    ...overrides,
  }
}

/** The notification of a client's message in the thread of `requestId`, opening `opens`. */
export function clientMessageNotification(requestId: string, opens: MessagePlace): AppNotification {
  return { kind: 'message', requestId, opens, title: 'Message from Sam Okafor', body: 'Are you there?' }
}
