import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { EarningsChart } from '../../../src/renderer/components/EarningsChart'
import { SessionAmount } from '../../../src/renderer/components/SessionAmount'
import { barLayout } from '../../../src/renderer/logic/earnings-chart'
import { clientPaysSentence } from '../../../src/renderer/logic/end-outcome'
import { setDisplay } from '../../../src/renderer/logic/format'
import type { EarningsSummary } from '../../../src/shared/money/earnings-summary'
import { aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'
import { formatAsAt } from '../../support/current-time'

const PLOT = { width: 100, height: 50, gap: 2 }
const WEEK = 7 * 24 * 60 * MINUTE

describe('the earnings chart’s bars', () => {
  it('scales the largest week to the full height from a zero line at the bottom', () => {
    const { bars, zeroY } = barLayout([0, 2_500, 5_000, 10_000], PLOT)
    expect(zeroY).toBe(50)
    expect(bars.map((b) => b.height)).toEqual([0, 12.5, 25, 50])
    expect(bars.map((b) => b.y)).toEqual([50, 37.5, 25, 0])
    expect(bars.map((b) => b.x)).toEqual([1, 26, 51, 76])
    expect(bars.every((b) => b.width === 23)).toBe(true)
  })

  it('draws a week of fees paid below the zero line', () => {
    const { bars, zeroY } = barLayout([3_000, -1_000], PLOT)
    expect(zeroY).toBe(37.5)
    expect(bars[0]).toMatchObject({ y: 0, height: 37.5, negative: false })
    expect(bars[1]).toMatchObject({ y: 37.5, height: 12.5, negative: true })
  })

  it('draws an empty chart flat on its zero line', () => {
    const { bars, zeroY } = barLayout([0, 0, 0], PLOT)
    expect(zeroY).toBe(50)
    expect(bars.every((b) => b.height === 0)).toBe(true)
  })
})

describe('money in the window', () => {
  formatAsAt(FIXTURE_NOW)
  afterEach(() => setDisplay({}))

  it('names and describes the chart and gives its figures as a table', () => {
    setDisplay({ locale: 'en-US', timeZone: 'UTC' })
    const start = Date.UTC(2026, 10, 2)
    const summary: EarningsSummary = {
      currency: 'USD',
      thisWeekMinor: 2_500,
      thisMonthMinor: 15_000,
      weeks: [7_500, 5_000, 2_500].map((amountMinor, i) => ({ startsAt: start + i * WEEK, amountMinor })),
    }
    const html = renderToStaticMarkup(<EarningsChart summary={summary} timeZone="UTC" />)
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+-title [^"]+-desc"/)
    expect(html).toContain('<title id="')
    expect(html).toContain('Best week: $75.00, the week of Mon, Nov 2. This week so far: $25.00.')
    const rows = [
      ...html.matchAll(/<tr><th scope="row"><time[^>]*>(.*?)<\/time><\/th><td>(.*?)<\/td><\/tr>/g),
    ]
    expect(rows.map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'Mon, Nov 2 $75.00',
      'Mon, Nov 9 $50.00',
      'Mon, Nov 16 $25.00',
    ])
    expect([...html.matchAll(/<rect[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([120, 80, 40])
  })

  it('names each week by its Monday where the expert lives, though this computer is a day behind', () => {
    // The platform starts the expert's weeks at Monday midnight in Kiritimati (+14); this computer
    // is in Honolulu (-10), where that moment is still Sunday morning.
    setDisplay({ locale: 'en-US', timeZone: 'Pacific/Honolulu' })
    const monday = Date.UTC(2026, 10, 2) - 14 * 60 * MINUTE
    const summary: EarningsSummary = {
      currency: 'USD',
      thisWeekMinor: 2_500,
      thisMonthMinor: 2_500,
      weeks: [{ startsAt: monday, amountMinor: 2_500 }],
    }
    const html = renderToStaticMarkup(<EarningsChart summary={summary} timeZone="Pacific/Kiritimati" />)
    expect(html).toContain('the week of Mon, Nov 2.')
    expect(html).not.toContain('Sun')
    // A zone this computer's data does not know: the day here rather than nothing.
    const unknown = renderToStaticMarkup(<EarningsChart summary={summary} timeZone="Mars/Olympus_Mons" />)
    expect(unknown).toContain('the week of Sun, Nov 1.')
  })

  it('shows a session’s amount in History, signed when the expert paid a fee', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    const paid = renderToStaticMarkup(
      <SessionAmount
        session={aSession({ state: 'cancelled', earnings: { amountMinor: -1_000, currency: 'GBP' } })}
      />,
    )
    expect(paid).toContain('amount-paid')
    expect(paid.replace(/<[^>]+>/g, '')).toBe('You paid -£10.00')
    const earned = renderToStaticMarkup(
      <SessionAmount
        session={aSession({ state: 'ended', earnings: { amountMinor: 1_250, currency: 'JPY' } })}
      />,
    )
    expect(earned.replace(/<[^>]+>/g, '')).toBe('JP¥1,250')
  })

  it('says what the client will pay in money as the expert chooses', () => {
    setDisplay({ locale: 'en-US', timeZone: 'UTC' })
    const rate = { amountMinor: 2_500, currency: 'USD' }
    expect(clientPaysSentence({ kind: 'charged' }, 16 * MINUTE, rate)).toBe(
      'The client will pay $50.00 for all 16 min of billed time (2 started quarter hours at $25.00).',
    )
    expect(clientPaysSentence({ kind: 'discounted', percent: 25 }, 12 * MINUTE, rate)).toBe(
      'The client will pay $18.75 for 12 min of billed time: 1 started quarter hour at $25.00, 25% off.',
    )
    expect(clientPaysSentence({ kind: 'free' }, 12 * MINUTE, rate)).toBe(
      'The client will pay $0.00: no charge for 12 min of billed time.',
    )
    expect(clientPaysSentence({ kind: 'free' }, 0, rate)).toBe(
      'The client will pay $0.00: nothing was billed.',
    )
    // A platform that names no rate: time only, as before.
    expect(clientPaysSentence({ kind: 'charged' }, 12 * MINUTE, null)).toBe(
      'The client will pay for all 12 min of billed time.',
    )
  })
})
