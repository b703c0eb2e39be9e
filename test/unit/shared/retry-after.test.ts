import { describe, expect, it } from 'vitest'
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../src/shared/retry-after'

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 5, 9, 0, 0)

  it('reads whole seconds and HTTP dates, a date in the past as no wait', () => {
    expect(parseRetryAfter('5', now)).toBe(5_000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:02:00 GMT', now)).toBe(120_000)
    expect(parseRetryAfter('Mon, 05 Jan 2026 08:00:00 GMT', now)).toBe(0)
  })

  it('ignores what is not a wait, and cuts a far-off one to a day', () => {
    for (const header of [null, undefined, '', '-5', '1.5', '5s', 'soon', '1e9', 'x'.repeat(100)])
      expect(parseRetryAfter(header, now)).toBeUndefined()
    expect(parseRetryAfter('999999999999', now)).toBe(MAX_RETRY_AFTER_MS)
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS)
  })

  it('counts an HTTP date from the answer’s own Date, whatever this computer’s clock says', () => {
    const hoursBehind = now - 2 * 3_600_000
    expect(
      parseRetryAfter('Mon, 05 Jan 2026 09:02:00 GMT', hoursBehind, 'Mon, 05 Jan 2026 09:00:00 GMT'),
    ).toBe(120_000)
    // Seconds are seconds; an unreadable Date leaves this computer's clock to count from.
    expect(parseRetryAfter('45', hoursBehind, 'Mon, 05 Jan 2026 09:00:00 GMT')).toBe(45_000)
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:02:00 GMT', now, 'yesterday')).toBe(120_000)
  })
})
