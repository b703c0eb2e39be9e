import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RecentStats } from '../../../src/renderer/components/RecentStats'

/** The table's text, one row a line, cells joined by " | ". */
function rowsOf(html: string): string[] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]).join(' | '),
  )
}

describe('recent stats', () => {
  it('shows the platform’s median, p90, acceptance rate and missed invites per window beside its average', () => {
    const html = renderToStaticMarkup(
      <RecentStats
        recent={{
          last7Days: {
            medianMs: 21_000,
            p90Ms: 48_000,
            answered: 9,
            accepted: 6,
            missed: 1,
            acceptanceRate: 0.6,
          },
          last30Days: {
            medianMs: 95_000,
            p90Ms: 120_000,
            answered: 30,
            accepted: 24,
            missed: 4,
            acceptanceRate: 0.75,
          },
          platformAverageMs: 60_000,
        }}
      />,
    )
    expect(html).toContain('beside the platform’s average response of 1 min')
    expect(rowsOf(html)).toEqual([
      ' | Last 7 days | Last 30 days',
      'Median response | 21 sec | 1 min 35 sec',
      '9 in 10 answered within | 48 sec | 2 min',
      'Acceptance rate | 60% | 75%',
      'Missed invites | 1 | 4',
    ])
  })

  it('says when a window holds no answers rather than showing zero', () => {
    const empty = { medianMs: null, p90Ms: null, answered: 0, accepted: 0, missed: 0, acceptanceRate: null }
    const html = renderToStaticMarkup(
      <RecentStats recent={{ last7Days: empty, last30Days: empty, platformAverageMs: 60_000 }} />,
    )
    expect(rowsOf(html)[1]).toBe('Median response | No answers | No answers')
    expect(rowsOf(html)[3]).toBe('Acceptance rate | No invites | No invites')
  })
})
