/**
 * The room page: what the expert sees of a session on the platform. The request, the thread with
 * the client, and whether billing runs, as HTML with every value escaped; the page has no script
 * and one stylesheet, which the strict CSP names by its hash.
 */
import { createHash } from 'node:crypto'
import { kindLabel } from '../../../src/shared/labels'
import type { Message, Session } from '../../../src/shared/protocol'
import { assertNever } from '../../../src/shared/assert-never'
import { cancelledBy } from '../../../src/shared/rules/cancellation-terms'

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:42rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.muted{color:#555}
.billing{padding:.75rem 1rem;border-radius:.5rem;background:#eef3ff;border:1px solid #b9c8f0}
.billing-on{background:#e8f6ec;border-color:#9fd3ae}
.description{white-space:pre-wrap}
ol{list-style:none;padding:0}
li{margin:.5rem 0;padding:.5rem .75rem;border-radius:.5rem;background:#fff;border:1px solid #ddd}
li p{margin:.25rem 0 0;white-space:pre-wrap}
@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}.muted{color:#bbb}
li{background:#222;border-color:#444}.billing{background:#1d2740;border-color:#3a4d80}
.billing-on{background:#173222;border-color:#2f6b45}}
`

/** The room page's Content-Security-Policy: nothing loads but its own stylesheet. */
export const ROOM_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** What the page shows. */
export interface RoomView {
  readonly session: Session
  /** The latest messages of the thread, oldest first. */
  readonly thread: ReadonlyArray<Message>
  /** How many messages came before those, not shown; none when left out. */
  readonly earlierMessages?: number
  /**
   * The expert's time zone, from their profile: the page writes times in it, each with the zone's
   * name, since the browser that opens it may be elsewhere and a time in the hour the clocks go
   * back names two moments.
   */
  readonly timeZone: string
}

/** The room page of one session. */
export function renderRoomPage({ session, thread, earlierMessages = 0, timeZone }: RoomView): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  })
  const time = (t: number): string => format.format(t)
  const { request, client } = session
  const billing = billingLine(session, time)
  const messages =
    thread.length === 0
      ? '<p class="muted">No messages yet.</p>'
      : `<ol>${thread
          .map(
            (m) =>
              `<li><strong>${escapeHtml(m.from === 'client' ? client.name : 'You')}</strong> ` +
              `<span class="muted">${escapeHtml(time(m.sentAt))}</span><p>${escapeHtml(m.body)}</p></li>`,
          )
          .join('')}</ol>`
  const attachments =
    request.attachments.length === 0
      ? ''
      : `<h3>Attachments</h3><ul>${request.attachments
          .map((a) => `<li>${escapeHtml(a.name)} <span class="muted">(${escapeHtml(a.mimeType)})</span></li>`)
          .join('')}</ul>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Room: ${escapeHtml(request.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(request.title)}</h1>
<p class="muted">${escapeHtml(kindLabel(session.kind))} session with ${escapeHtml(client.name)} · ${escapeHtml(stateLine(session, time))}</p>
<section aria-labelledby="billing"><h2 id="billing">Billing</h2>
<p class="billing${billing.on ? ' billing-on' : ''}">${escapeHtml(billing.text)}</p></section>
<section aria-labelledby="request"><h2 id="request">The request</h2>
<p class="description">${request.description === '' ? '<span class="muted">No description.</span>' : escapeHtml(request.description)}</p>
${attachments}</section>
<section aria-labelledby="thread"><h2 id="thread">Messages with ${escapeHtml(client.name)}</h2>
${earlierLine(earlierMessages)}${messages}</section>
</main>
</body>
</html>
`
}

function earlierLine(earlier: number): string {
  if (earlier <= 0) return ''
  const what = earlier === 1 ? 'The 1 earlier message is' : `The ${earlier} earlier messages are`
  return `<p class="muted">${what} not shown here.</p>\n`
}

function stateLine(session: Session, time: (t: number) => string): string {
  switch (session.state) {
    case 'booked':
      return `booked for ${time(session.bookedStart)}`
    case 'live':
      return session.clientJoinedAt === null
        ? 'live; the client has not joined yet'
        : `live; the client joined at ${time(session.clientJoinedAt)}`
    case 'ended':
      return `ended${session.endedAt === null ? '' : ` at ${time(session.endedAt)}`}`
    case 'cancelled':
      return cancelledLine(session)
    default:
      return assertNever(session.state)
  }
}

/** Who cancelled the session, as the expert reads it: the page is theirs, so they are "you". */
function cancelledLine(session: Session): string {
  // A session from before cancellations were recorded could only have been cancelled for an absence.
  const by = session.cancellation === null ? 'system' : cancelledBy(session.cancellation)
  switch (by) {
    case 'client':
      return 'cancelled by the client'
    case 'expert':
      return 'cancelled by you'
    case 'system':
      return 'cancelled by the platform: a party did not join in time'
    default:
      return assertNever(by)
  }
}

function billingLine(session: Session, time: (t: number) => string): { on: boolean; text: string } {
  if (session.state === 'live' && session.billingStartedAt !== null)
    return { on: true, text: `Billing runs, since ${time(session.billingStartedAt)}.` }
  if (session.state === 'live')
    return { on: false, text: 'Not billing: the expert is building context and starts billing in Standby.' }
  if (session.state === 'booked') return { on: false, text: 'Not billing: the session has not started.' }
  const outcome = session.outcome
  if (session.state === 'ended' && outcome !== null) {
    const how =
      outcome.kind === 'charged'
        ? 'charged in full'
        : outcome.kind === 'discounted'
          ? `charged with a ${outcome.percent} % discount`
          : 'free of charge'
    return { on: false, text: `Billing stopped: the session ended ${how}.` }
  }
  return { on: false, text: 'Not billing: the session is over.' }
}
