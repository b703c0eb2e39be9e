// A live session the platform never said ended (its expected length long run out) still shows as
// live in the window and the popover, but after what the expert is in now and what is to come.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LiveView } from '../../../src/renderer/components/LiveView'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { Popover } from '../../../src/renderer/Popover'
import { ServicesContext } from '../../../src/renderer/store/context'
import type { Session } from '../../../src/shared/protocol'
import {
  aFirstFrame,
  aRequest,
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
} from '../../support/fixtures'

const DAY = 24 * 60 * MINUTE
/** A session booked for `since` and live since then, named `key` (its id and its request's). */
const liveSince = (key: string, title: string, since: number): Session =>
  liveSession(
    aSession({ id: `ses_${key}`, request: aRequest({ id: `req_${key}`, title }), bookedStart: since }),
    since,
  )
const left = liveSince('old', 'Left long ago', FIXTURE_NOW - 2 * DAY)
const now = liveSince('now', 'In it now', FIXTURE_NOW - 10 * MINUTE)
const booked = aSession({
  id: 'ses_next',
  request: aScheduledRequest('req_next', FIXTURE_NOW + 40 * MINUTE, { title: 'Coming next' }),
})

/** The page's text, in order, for `upcoming` as the cache lists it (live first, then by start). */
function rendered(node: React.ReactElement, upcoming: Session[]): string {
  const services = frameServices(aFirstFrame({ upcoming, invites: { open: [], missed: [] } }))
  return renderToStaticMarkup(<ServicesContext value={services}>{node}</ServicesContext>).replace(
    /<[^>]+>/g,
    ' ',
  )
}

const order = (text: string, titles: string[]) => titles.map((t) => text.indexOf(t))

describe('a live session left long ago in the window', () => {
  it('the popover puts the session live now and the one coming next before the one left long ago, which still shows', () => {
    const text = rendered(<Popover />, [left, now, booked])
    const [old, current, next] = order(text, ['Left long ago', 'In it now', 'Coming next'])
    expect(old).toBeGreaterThan(-1)
    expect(current).toBeLessThan(next!)
    expect(next).toBeLessThan(old!)
  })

  it('the Live section lists the one live now first', () => {
    const text = rendered(<LiveView />, [left, now])
    const [old, current] = order(text, ['Left long ago', 'In it now'])
    expect(old).toBeGreaterThan(-1)
    expect(current).toBeLessThan(old!)
  })
})
