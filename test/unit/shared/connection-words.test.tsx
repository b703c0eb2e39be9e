// Every way the connection fails, as the tray's tooltip and the window's banner tell it: each
// says what happened, that Standby tries again (once), and what the expert can do, with no
// sentence said twice; and the tray and the window name each state with the same words.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  closedUnwelcomed,
  connectionLost,
  noAnswerWithin,
  quietAfterAnswering,
  trickledPastLimit,
} from '../../../src/main/core/connection/attempt-failures'
import { connectionStatus } from '../../../src/main/core/connection/connection-status'
import {
  notWelcomed,
  readConnectFailure,
  readWelcome,
} from '../../../src/main/core/connection/link-handshake'
import { CacheWriteFailed, CatchUpFailures } from '../../../src/main/core/sync/catch-up-failures'
import { trayStatus } from '../../../src/main/core/tray/tray-status'
import { trayView } from '../../../src/main/core/tray/tray-view'
import { ConnectionBanner } from '../../../src/renderer/components/ConnectionBanner'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { ServicesContext } from '../../../src/renderer/store/context'
import type { ConnectionState, ConnectionStatus } from '../../../src/shared/connection-state'
import { ManualClock } from '../../../src/shared/clock'
import { CONNECTION_WORDS } from '../../../src/shared/connection-words'
import { TOOLTIP_MAX } from '../../../src/shared/os-limits'
import { cutText, PROTOCOL_VERSION, shownText } from '../../../src/shared/protocol'
import { aFirstFrame, FIXTURE_NOW } from '../../support/fixtures'
import { recordingLog } from '../../support/recording-log'

const URL = 'https://platform.example.com'
/** How much of a reason the tooltip shows below its state line, with an address as long as URL. */
const REASON_SHOWN = 72

/** The codes an attempt fails with, one of each kind network-failure.ts tells apart. */
const CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'HPE_INVALID_CONSTANT',
  'ERR_NOT_THE_PLATFORM_PROTOCOL',
  'ECONNRESET',
  'CERT_HAS_EXPIRED',
  'WS_ERR_INVALID_OPCODE',
  'HTTP 401',
  'HTTP 403',
  'HTTP 404',
  'HTTP 408',
  'HTTP 429',
  'HTTP 503',
  'something unheard of',
]

function retryReason(message: string, data: unknown): string {
  const reading = readConnectFailure(message, data, URL)
  if (reading.kind !== 'retry') throw new Error(`not retried: ${message}`)
  return reading.reason
}

function welcomeReason(raw: unknown): string {
  const reading = readWelcome(raw, 'exp_1')
  if (reading.kind !== 'retry') throw new Error('not retried')
  return reading.reason
}

function catchUpReason(error: unknown): string {
  const failures = new CatchUpFailures({
    clock: new ManualClock(FIXTURE_NOW),
    notifier: { show: () => undefined },
    log: recordingLog(),
  })
  failures.failed(error, 0)
  const after = failures.failed(error, 0)
  if (after.kind !== 'retry' || after.state.kind !== 'failing') throw new Error('not shown')
  return after.state.message
}

/** The reason of a retry under way that no failed attempt has explained. */
function unexplainedRetry(): string {
  const state = connectionStatus({
    link: { kind: 'connecting', attempt: 2 },
    sync: { kind: 'idle' },
    signedIn: true,
    wasOnline: true,
    lastSyncedAt: null,
    now: 0,
  })
  if (state.status !== 'reconnecting') throw new Error(state.status)
  return state.reason
}

/** Every reason the expert may read while Standby tries again, by where it comes from. */
const REASONS: ReadonlyArray<readonly [string, string]> = [
  ...CODES.map((code) => [`an attempt failing with ${code}`, retryReason(code, undefined)] as const),
  [
    'a refusal naming this app’s own version as another',
    retryReason('refused', {
      code: 'protocol_mismatch',
      message: 'Too old.',
      serverProtocolVersion: PROTOCOL_VERSION,
    }),
  ],
  [
    'a refusal with a code this version does not know',
    retryReason('refused', {
      code: 'suspended',
      message: 'Your account is on hold until Monday.',
      serverProtocolVersion: PROTOCOL_VERSION,
    }),
  ],
  [
    'a refusal with a code and no sentence',
    retryReason('refused', { code: 'busy', message: '', serverProtocolVersion: PROTOCOL_VERSION }),
  ],
  [
    'a refusal of another shape with a sentence',
    retryReason('refused', { code: 'busy', message: 'Back soon' }),
  ],
  ['a refusal that cannot be read', retryReason('refused', { code: 42 })],
  ['a malformed welcome', welcomeReason({})],
  [
    'a welcome for another expert',
    welcomeReason({ protocolVersion: PROTOCOL_VERSION, expertId: 'exp_2', latestEventId: 0, serverTime: 0 }),
  ],
  ['an open connection never welcomed', notWelcomed(URL)],
  ['an attempt not answered in time', noAnswerWithin(URL, 10)],
  ['an attempt answered, then quiet', quietAfterAnswering(URL, 10)],
  ['an attempt trickling for too long', trickledPastLimit(URL, 60)],
  ['an attempt Standby closed', closedUnwelcomed(URL, 'parse error', true)],
  ['an attempt the network closed', closedUnwelcomed(URL, 'transport error', false)],
  ['a connection lost', connectionLost('transport close')],
  [
    'a connection the platform closed',
    connectionLost('the platform closed the connection: io server disconnect', {
      violation: false,
      announced: true,
      carried: undefined,
    }),
  ],
  [
    'a connection lost again soon after being let in',
    connectionLost('transport close', { violation: false, announced: false, carried: 2 }),
  ],
  ['a retry no attempt explained', unexplainedRetry()],
  ['a catch-up the platform fails', catchUpReason(new Error('The platform sent a malformed replay page'))],
  [
    'a catch-up the disk fails',
    catchUpReason(
      new CacheWriteFailed(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })),
    ),
  ],
]

/** Every state a reason is shown in. */
function statesOf(reason: string): ConnectionState[] {
  return [
    {
      status: 'reconnecting',
      nextAttemptAt: FIXTURE_NOW + 5_000,
      attempt: 2,
      reason,
      lastSyncedAt: FIXTURE_NOW - 60_000,
    },
    { status: 'offline', nextAttemptAt: FIXTURE_NOW + 5_000, reason, lastSyncedAt: null },
  ]
}

/** The banner's text in the window, tags dropped. */
function windowText(connection: ConnectionState): string {
  const services = frameServices(aFirstFrame({ connection }))
  const html = renderToStaticMarkup(
    <ServicesContext value={services}>
      <ConnectionBanner state={connection} />
    </ServicesContext>,
  )
  return html
    .replace(/<\/p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim()
}

/** The tray's tooltip. */
function trayText(connection: ConnectionState): string {
  const status = trayStatus(connection, 0, { status: 'ok' }, () => '09:00')
  return trayView({ status, expert: null, invites: [], nextSession: null, now: FIXTURE_NOW }).tooltip
}

const sentences = (text: string): string[] =>
  text
    .split(/\n|(?<=[.!?…])\s+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)

/** `reason` as the tray says it: the platform named by its host, which the tooltip has room for. */
const inTray = (reason: string): string => reason.replaceAll(URL, new globalThis.URL(URL).host)

/** Sayings of "Standby tries again", in any of its forms. */
const RETRIES =
  /\b(tries|try|trying|will try) again\b|reconnects by itself|catches up by itself|\bnext try\b/gi
/** Advice the expert can act on. */
const ADVICE = /\b(check|tell|ask|open|free|quit|sign (in|out)|update)\b/i

describe('a connection failure, as the tray and the window tell it', () => {
  describe.each(REASONS)('%s', (_, reason) => {
    it.each(
      statesOf(reason).flatMap((state) => [
        [`the window, ${state.status}`, windowText(state)],
        [`the tray, ${state.status}`, trayText(state)],
      ]),
    )('in %s: says what happened, that Standby tries again and what to do, each once', (where, text) => {
      const said = sentences(text)
      expect(
        said.filter((s, i) => said.indexOf(s) !== i),
        text,
      ).toEqual([])
      expect(text.match(RETRIES), text).toHaveLength(1)
      expect(text.match(/if (this|it) (goes on|keeps happening)/gi)?.length ?? 0, text).toBeLessThanOrEqual(1)
      expect(reason, text).toMatch(ADVICE)
      expect(text, text).toContain(where.startsWith('the tray') ? inTray(reason) : reason)
    })

    it.each(statesOf(reason))(
      'in the tray’s tooltip as cut to fit, says what went wrong while $status',
      (state) => {
        const shown = shownText(trayText(state), { max: TOOLTIP_MAX, multiline: true })
        // The state line already says that Standby is at it: the room left is the reason's.
        expect(shown, shown).toContain(cutText(inTray(reason), REASON_SHOWN))
      },
    )
  })
})

describe('the words for a connection state', () => {
  const states: Record<ConnectionStatus, ConnectionState> = {
    connecting: { status: 'connecting' },
    online: { status: 'online', since: FIXTURE_NOW },
    checking: { status: 'checking', since: FIXTURE_NOW },
    reconnecting: statesOf('Connection lost.')[0]!,
    offline: statesOf('Connection lost.')[1]!,
    signed_out: { status: 'signed_out', reason: null },
    incompatible: { status: 'incompatible', message: 'The platform needs a newer Standby: update it.' },
  }
  it.each(Object.values(states))('are the same in the tray and the window while $status', (state) => {
    const words = CONNECTION_WORDS[state.status]
    expect(trayText(state).startsWith(`Standby — ${words}`), trayText(state)).toBe(true)
    expect(windowText(state).startsWith(words), windowText(state)).toBe(true)
  })
})

/**
 * Every kind of failure network-failure.ts tells apart, as an attempt fails with it: what the
 * tooltip cut to fit must still say happened, and the advice the window must give in full.
 */
const FAILURE_KINDS: ReadonlyArray<readonly [code: string, happened: RegExp, advice: RegExp]> = [
  ['ECONNREFUSED', /unreachable \(connection refused\)/, /check the address/i],
  ['ENOTFOUND', /unreachable \(unknown host\)/, /check the address/i],
  ['EAI_AGAIN', /unreachable \(no name server answered\)/, /check your connection/i],
  ['ETIMEDOUT', /unreachable \(the network found no way/, /check the address/i],
  ['ERR_SSL_WRONG_VERSION_NUMBER', /does not answer over https/, /reached with http:\/\//],
  ['HPE_INVALID_CONSTANT', /another kind of server/, /check the address and its port/i],
  ['ERR_NOT_THE_PLATFORM_PROTOCOL', /another protocol/, /check the address and its port/i],
  ['ERR_NOT_A_WEBSOCKET_OPENING', /answered as no WebSocket server does/, /check the address and its port/i],
  ['ECONNRESET', /hung up/, /reached with https:\/\//],
  ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', /could not agree on https/, /tell whoever runs the platform/],
  ['CERT_HAS_EXPIRED', /expired or not yet valid certificate/, /check this computer’s date and time/i],
  ['CERT_NOT_YET_VALID', /expired or not yet valid certificate/, /check this computer’s date and time/i],
  [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    /certificate this computer does not trust/,
    /ask whoever runs the platform/,
  ],
  ['WS_ERR_INVALID_OPCODE', /sent a message Standby could not read/, /tell the platform's support/],
  [`HTTP 301 to ${URL}/`, /redirects Standby in a loop/, /tell whoever runs the platform/],
  ['HTTP 301 to http://platform.example.com/', /redirects Standby to plain http/, /should keep to https/],
  [
    'HTTP 302 to https://standby.example.org/',
    /sends Standby on to standby\.example\.org/,
    /sign in with it/,
  ],
  ['HTTP 401', /asked for a sign-in of its own/, /open the platform address in a browser/],
  ['HTTP 403', /refused this computer/, /try from another network/],
  ['HTTP 404', /answered HTTP 404, not as a Standby platform/, /check the address/i],
  ['HTTP 408', /stopped waiting/, /check your connection/],
  ['HTTP 429', /connect less often/, /ask whoever runs the platform/],
  ['HTTP 503', /answered HTTP 503/, /may be down or restarting/],
]

describe('a failed attempt of each kind, as the tray’s tooltip cut to fit and the window say it', () => {
  describe.each(FAILURE_KINDS)('%s', (code, happened, advice) => {
    const reason = retryReason(code, undefined)
    it.each(statesOf(reason))(
      'says what happened in the tooltip and what to do in the window, while $status',
      (state) => {
        const shown = shownText(trayText(state), { max: TOOLTIP_MAX, multiline: true })
        expect(shown, shown).toMatch(happened)
        expect(windowText(state), windowText(state)).toMatch(advice)
        // A code is for the log: the expert can act on what it means, not on it.
        expect(`${shown}\n${windowText(state)}`).not.toMatch(/\b[A-Z]+_[A-Z0-9_]+\b/)
      },
    )
  })
})
