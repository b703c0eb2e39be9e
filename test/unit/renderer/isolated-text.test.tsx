// Text a client chose (a name, a title) in a sentence of the app's own: isolated in <bdi>, so a
// right-to-left name cannot pull the app's words, numbers or the next name into its run.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Notices } from '../../../src/renderer/components/Notices'
import { PastWithClientList } from '../../../src/renderer/components/PastWithClient'
import { SessionReview } from '../../../src/renderer/components/SessionReview'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { ServicesContext } from '../../../src/renderer/store/context'
import { createNoticeStore, noticeText, theirs } from '../../../src/renderer/store/notices'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'
import type { Client } from '../../../src/shared/protocol'
import {
  aFirstFrame,
  anExpert,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
} from '../../support/fixtures'
import { usePageTimersAt } from '../../support/page-timers'

const NAME = 'דוד כהן'
const TITLE = 'עזרה בקוד 42'
const client: Client = { id: 'cli_rtl', name: NAME, timeZone: 'Asia/Jerusalem' }

/** The markup's visible text outside every <bdi>: where a client's words must not be. */
function textOutsideIsolates(html: string): string {
  return html.replace(/<bdi\b[^>]*>[\s\S]*?<\/bdi>/g, '[isolated]').replace(/<[^>]*>/g, '')
}

function expectIsolated(html: string): void {
  expect(html).toContain(NAME)
  const outside = textOutsideIsolates(html)
  expect(outside).not.toContain(NAME)
  expect(outside).not.toContain(TITLE)
}

describe('a client’s words beside the app’s', () => {
  const instant = anInvite({ request: aRequest({ client, title: TITLE }) })
  const scheduled = anInvite({
    id: 'inv_2',
    request: {
      ...aScheduledRequest('req_2', FIXTURE_NOW + 60 * MINUTE, { title: TITLE }),
      client,
    },
  })
  const booked = aSession({ client, request: aRequest({ id: 'req_3', client, title: TITLE }) })
  const live = liveSession(
    aSession({ id: 'ses_live', client, request: aRequest({ id: 'req_4', client, title: TITLE }) }),
    FIXTURE_NOW - 5 * MINUTE,
  )

  it('are isolated on the window’s invite cards', () => {
    expectIsolated(
      renderFirstFrame(
        aFirstFrame({
          expert: anExpert(),
          invites: { open: [instant, scheduled], missed: [] },
          upcoming: [],
        }),
      ),
    )
  })

  it('are isolated in the tray popover', () => {
    expectIsolated(
      renderFirstFrame(
        aFirstFrame({
          expert: anExpert(),
          surface: 'popover',
          invites: { open: [instant], missed: [] },
          upcoming: [live, booked],
        }),
      ),
    )
  })

  it('are isolated in the past sessions with the client', () => {
    const past = endedSession(live, FIXTURE_NOW)
    const html = renderToStaticMarkup(<PastWithClientList clientName={NAME} sessions={[past]} />)
    expectIsolated(html)
    expect(html.replace(/<[^>]*>/g, '')).toContain(`You helped ${NAME} once before:`)
  })
})

describe('a client’s review', () => {
  it('is isolated from the chargeback line beside it', () => {
    const session = {
      ...endedSession(liveSession(aSession({ client }), FIXTURE_NOW - 30 * MINUTE), FIXTURE_NOW),
      review: { rating: 2, comment: `${NAME} 2`, reviewedAt: FIXTURE_NOW },
      chargeback: { reason: '', recordedAt: FIXTURE_NOW },
    }
    expectIsolated(renderToStaticMarkup(<SessionReview session={session} />))
  })
})

describe('a client’s words in a notice', () => {
  usePageTimersAt(FIXTURE_NOW)

  it('are isolated where the notice is shown, and its text reads as one sentence', () => {
    const notices = createNoticeStore()
    notices.push(noticeText`Cancelled “${theirs(TITLE)}”; ${theirs(NAME)} is told.`, 'success')
    const shown = { ...notices, getServerSnapshot: notices.getSnapshot }
    const html = renderToStaticMarkup(
      <ServicesContext value={{ ...frameServices(aFirstFrame()), notices: shown }}>
        <Notices />
      </ServicesContext>,
    )
    expectIsolated(html)
    const sentence = `Cancelled “${TITLE}”; ${NAME} is told.`
    expect(notices.getSnapshot()[0]?.text).toBe(sentence)
    expect(html.replace(/<[^>]*>/g, '')).toContain(sentence)
    expect(html).toContain(`aria-label="Dismiss: ${sentence}"`)
  })

  it('take a plain string as before', () => {
    const notices = createNoticeStore()
    notices.push('Signed out')
    expect(notices.getSnapshot()[0]).toMatchObject({ text: 'Signed out', parts: ['Signed out'] })
  })
})
