import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PastWithClientList } from '../../../src/renderer/components/PastWithClient'
import { aRequest, aSession, endedSession, FIXTURE_NOW, liveSession, MINUTE } from '../../support/fixtures'

/** The section's text without tags. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, '')

describe('past sessions with the client on the invite card', () => {
  const session = (id: string, title: string) =>
    endedSession(
      liveSession(aSession({ id, request: aRequest({ id: `req_${id}`, title }) }), FIXTURE_NOW),
      FIXTURE_NOW + 20 * MINUTE,
    )

  it('says how often the expert helped the client and names each session with its outcome', () => {
    const html = renderToStaticMarkup(
      <PastWithClientList
        clientName="Sam"
        sessions={[session('a', 'Fix the build'), session('b', 'Hooks')]}
      />,
    )
    expect(textOf(html)).toContain('You helped Sam 2 times before:')
    expect(textOf(html)).toMatch(/Fix the build \(.+, Charged.*\)/)
    expect(textOf(html)).toContain('Hooks (')
  })

  it('says "at least" when the list is full, since it is capped', () => {
    const html = renderToStaticMarkup(
      <PastWithClientList
        clientName="Sam"
        sessions={[session('a', 'A'), session('b', 'B'), session('c', 'C')]}
      />,
    )
    expect(textOf(html)).toContain('You helped Sam at least 3 times before:')
  })

  it('shows nothing when the expert never helped the client', () => {
    expect(renderToStaticMarkup(<PastWithClientList clientName="Sam" sessions={[]} />)).toBe('')
  })
})
