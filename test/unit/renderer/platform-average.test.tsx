import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RecentStats } from '../../../src/renderer/components/RecentStats'
import { ResponseTime } from '../../../src/renderer/components/StatsView'
import { platformAverageOf, PLATFORM_AVERAGE_RESPONSE_MS } from '../../../src/renderer/logic/wait-cue'
import type { RecentResponseStats } from '../../../src/shared/protocol'
import { anExpert, anInvite, FIXTURE_NOW } from '../../support/fixtures'
import { inviteCardText } from '../../support/invite-card-text'

const none = { medianMs: null, p90Ms: null, answered: 0, accepted: 0, missed: 0, acceptanceRate: null }

/** Recent figures from a platform that reports its own average as `platformAverageMs`. */
const reporting = (platformAverageMs: number): RecentResponseStats => ({
  last7Days: none,
  last30Days: none,
  platformAverageMs,
})

/** Markup's text without tags, apostrophes as the page shows them. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('the platform’s average response time', () => {
  it('is the figure the platform reports, else the help text’s, and a reported zero counts as none', () => {
    expect(platformAverageOf(null)).toBe(PLATFORM_AVERAGE_RESPONSE_MS)
    expect(platformAverageOf({ recent: null })).toBe(PLATFORM_AVERAGE_RESPONSE_MS)
    expect(platformAverageOf({ recent: reporting(45_000) })).toBe(45_000)
    expect(platformAverageOf({ recent: reporting(0) })).toBe(PLATFORM_AVERAGE_RESPONSE_MS)
  })

  it('is one figure on My stats: the comparison says the one the recent table is beside', () => {
    const recent = reporting(45_000)
    const platformMs = platformAverageOf({ recent })
    const comparison = textOf(renderToStaticMarkup(<ResponseTime ms={50_000} platformMs={platformMs} />))
    const table = textOf(renderToStaticMarkup(<RecentStats recent={recent} />))
    expect(table).toContain('beside the platform’s average response of 45 sec')
    expect(comparison).toContain('Slower than the platform’s average of about 45 sec')
    // Both bars drawn to a finite width, whatever the figures.
    const zero = renderToStaticMarkup(
      <ResponseTime ms={0} platformMs={platformAverageOf({ recent: reporting(0) })} />,
    )
    expect(zero).not.toContain('NaN')
  })

  it('is what an instant invite’s wait is measured against on its card', () => {
    const invite = anInvite({ sentAt: FIXTURE_NOW - 50_000 })
    const expert = anExpert()
    const reported = { ...expert, stats: { ...expert.stats, recent: reporting(45_000) } }
    expect(inviteCardText(invite, reported)).toMatch(/past the platform’s average of 45 sec/)
    expect(inviteCardText(invite)).toMatch(/nearing the platform’s average of 1 min/)
  })
})
