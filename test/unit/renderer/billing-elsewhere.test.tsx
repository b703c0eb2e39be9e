// The platform bills one client at a time: a live session's Start billing is off, and says why,
// while another of the expert's sessions bills.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LiveSessionCard } from '../../../src/renderer/components/LiveSessionCard'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { ServicesContext } from '../../../src/renderer/store/context'
import type { Session } from '../../../src/shared/protocol'
import { aFirstFrame, aRequest, aSession, FIXTURE_NOW, liveSession, MINUTE } from '../../support/fixtures'

const joined = FIXTURE_NOW - 5 * MINUTE
const webpack = liveSession(aSession({ id: 'ses_a', request: aRequest({ title: 'Webpack config' }) }), joined)
const regex = liveSession(aSession({ id: 'ses_b', request: aRequest({ title: 'Regex help' }) }), joined)
const billing = (session: Session): Session => ({ ...session, phase: 'billable', billingStartedAt: joined })

/** The card of `session` in a window whose upcoming list is `upcoming`. */
function cardOf(session: Session, upcoming: ReadonlyArray<Session>): string {
  const services = frameServices(aFirstFrame({ upcoming: [...upcoming] }))
  return renderToStaticMarkup(
    <ServicesContext value={services}>
      <LiveSessionCard session={session} />
    </ServicesContext>,
  )
}

/** The opening tag of the Start billing button. */
const startBillingTag = (html: string): string =>
  /<button[^>]*>(?=(?:(?!<\/button>).)*Start billing)/.exec(html)![0]

describe('Start billing beside another session', () => {
  it('is off while another session bills, naming it, and described by that line', () => {
    const html = cardOf(regex, [billing(webpack), regex])
    // The other session's title is isolated from the sentence around it (<bdi>).
    expect(html.replace(/<\/?bdi>/g, '')).toContain(
      'You are billing “Webpack config” now: end that session before you start billing',
    )
    const button = startBillingTag(html)
    expect(button).toMatch(/ disabled=""/)
    const described = /aria-describedby="([^"]+)"/.exec(button)?.[1]
    expect(described).toBeDefined()
    expect(html).toContain(`id="${described}"`)
  })

  it('is on when the other live session only builds context', () => {
    const html = cardOf(regex, [webpack, regex])
    expect(html).not.toContain('You are billing')
    expect(startBillingTag(html)).not.toMatch(/ disabled=""/)
  })
})
