// The invite card, pre-rendered as the host does for the first frame: its proposed times and how long it stays open.
import { describe, expect, it } from 'vitest'
import { formatDayTimeIn } from '../../../src/renderer/logic/format'
import type { Invite } from '../../../src/shared/protocol'
import { aFirstFrame, anInvite, aScheduledRequest, FIXTURE_NOW, MINUTE } from '../../support/fixtures'
import { inviteCardText } from '../../support/invite-card-text'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'

/** A scheduled invite from a client in `timeZone`, with two times ahead. */
function invitedFrom(timeZone: string): Invite {
  const request = aScheduledRequest('req_z', FIXTURE_NOW + 60 * MINUTE, { title: 'Schema review' })
  return anInvite({
    request: {
      ...request,
      client: { ...request.client, timeZone },
      proposedTimes: [FIXTURE_NOW + 60 * MINUTE, FIXTURE_NOW + 120 * MINUTE],
    },
  })
}

describe('proposed times in the client’s zone', () => {
  it('writes each time where the client is too, when this computer knows the zone', () => {
    const text = inviteCardText(invitedFrom('Asia/Kathmandu'))
    expect(text).toContain('your time, and Sam Okafor’s in Kathmandu')
    expect(text).toMatch(/, \d{1,2}:\d{2} in Kathmandu Book/)
  })

  it('shows the times in the expert’s zone alone for a zone newer than this computer’s data: no crash, no time from another zone', () => {
    expect(formatDayTimeIn(FIXTURE_NOW, 'Mars/Olympus')).toBeNull()
    const text = inviteCardText(invitedFrom('Mars/Olympus'))
    expect(text).toContain('Schema review')
    expect(text).toContain('Proposed times')
    expect(text).toContain('your time')
    expect(text).not.toContain('in Olympus')
  })
})

describe('proposed times in the hour the clocks go back', () => {
  // Berlin goes back from 3:00 CEST to 2:00 CET at 01:00 UTC on 25 October 2026: 2:30 comes twice.
  const first = Date.UTC(2026, 9, 25, 0, 30)
  const second = Date.UTC(2026, 9, 25, 1, 30)

  it('reads differently for the two moments a wall-clock time names, on the card and its Book buttons', () => {
    const request = aScheduledRequest('req_dst', first, {
      title: 'Night shift',
      proposedTimes: [first, second],
    })
    const now = first - 12 * 60 * MINUTE
    const html = renderFirstFrame(
      aFirstFrame({ now, invites: { open: [anInvite({ request, sentAt: now })], missed: [] }, upcoming: [] }),
    )
    const labels = [...html.matchAll(/aria-label="Book ([^"]*)"/g)].map((match) => match[1])
    expect(labels).toHaveLength(2)
    expect(labels[0]).toMatch(/2:30 CEST$/)
    expect(labels[1]).toMatch(/2:30 CET$/)
  })

  it('reads differently where the client is too, when the clocks go back there', () => {
    expect(formatDayTimeIn(first, 'Europe/Berlin')).not.toBe(formatDayTimeIn(second, 'Europe/Berlin'))
    expect(formatDayTimeIn(first + 2 * 60 * MINUTE, 'Europe/Berlin')).not.toMatch(/CES?T/)
  })
})

describe('how long a scheduled invite stays open', () => {
  it('counts down to its last proposed time when that comes before its expiry, as the platform closes it then', () => {
    const request = aScheduledRequest('req_c', FIXTURE_NOW + 10 * MINUTE, { title: 'Schema review' })
    const invite = anInvite({ request, expiresAt: FIXTURE_NOW + 48 * 60 * MINUTE })
    // Three times an hour apart from ten minutes on: the last one is 2 h 10 min away.
    expect(inviteCardText(invite)).toMatch(/Open for 2 hrs? 10 mins?/)
  })
})

describe('a request’s description on the invite card', () => {
  const cardWith = (description: string): string =>
    renderFirstFrame(
      aFirstFrame({
        invites: { open: [anInvite({ request: { ...anInvite().request, description } })], missed: [] },
        upcoming: [],
      }),
    )

  it('is clamped, with Show more, when it has more lines than the clamp shows, however short', () => {
    for (const description of ['\n'.repeat(200).replace(/^|$/g, 'x'), 'one\ntwo\nthree\nfour\nfive']) {
      const html = cardWith(description)
      expect(html).toContain('description-text clamped')
      expect(html).toContain('Show more')
    }
  })

  it('lays out only its opening while clamped; the first frame leaves the hidden rest out', () => {
    // The frame is inert until the page has it, so find in page could not reach the rest there:
    // the page writes it in as it comes alive (heavy-invites.e2e.ts finds it).
    const description = `${'word '.repeat(4_000)}the last words`
    const html = cardWith(description)
    expect(html).toContain('Show more')
    const clamped = /<p class="description-text clamped">([^<]*)<\/p>/.exec(html)?.[1] ?? ''
    expect(clamped.length).toBeGreaterThan(320)
    expect(clamped.length).toBeLessThan(description.length / 4)
    expect(html).toContain('<div hidden="" class="description-text"></div>')
    expect(html).not.toContain('the last words')
  })

  it('ends its opening before a word it would split, leaving the word whole to the rest', () => {
    // "needlework" spans the 1,500th character.
    const description = `${'x'.repeat(1_490)} needlework ${'y '.repeat(300)}`
    const html = cardWith(description)
    const opening = /<p class="description-text clamped">([^<]*)<\/p>/.exec(html)?.[1] ?? ''
    expect(opening).toBe(`${'x'.repeat(1_490)} `)
  })

  it('is shown whole when it is short and fits the clamp', () => {
    const html = cardWith('one\ntwo\nthree\nfour')
    expect(html).not.toContain('clamped')
    expect(html).not.toContain('Show more')
  })
})
