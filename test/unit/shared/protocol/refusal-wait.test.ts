/**
 * The wait a refusal asks for comes from the platform, so the app takes it only within bounds: a
 * wrong or hostile platform cannot keep it quiet for long, nor make it try again at once with a
 * wait that is no wait.
 */
import { describe, expect, it } from 'vitest'
import { CommandAck, MAX_REFUSAL_WAIT_MS } from '../../../../src/shared/protocol'

const refusal = (retryAfterMs: unknown) =>
  CommandAck.parse({
    ok: false,
    error: {
      code: 'rate_limited',
      message: 'Too many requests at once; wait a moment and try again.',
      retryAfterMs,
    },
  })

describe('the wait a rate-limited refusal asks for', () => {
  it('is kept as asked, in whole milliseconds', () => {
    expect(refusal(1_000)).toMatchObject({ error: { retryAfterMs: 1_000 } })
    expect(refusal(49.2)).toMatchObject({ error: { retryAfterMs: 50 } })
  })

  it('reads a wait of negative zero off the wire as no wait at all, not a wait below zero', () => {
    const ack = refusal(JSON.parse('-0'))
    expect(ack.ok === false && Object.is(ack.error.retryAfterMs, 0)).toBe(true)
  })

  it('is cut to the longest a platform may ask for', () => {
    expect(refusal(3_600_000)).toMatchObject({ error: { retryAfterMs: MAX_REFUSAL_WAIT_MS } })
  })

  it('is dropped, not the refusal, when it is no wait', () => {
    for (const wrong of [-1, Number.NaN, Number.POSITIVE_INFINITY, '500', null, {}]) {
      const ack = refusal(wrong)
      expect(ack, String(wrong)).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
      expect(ack.ok === false && ack.error.retryAfterMs, String(wrong)).toBeUndefined()
    }
  })

  it('leaves a refusal readable from a platform without the wait or with a key this app has not met', () => {
    const message = 'Too many requests at once; wait a moment and try again.'
    const older = CommandAck.parse({ ok: false, error: { code: 'rate_limited', message } })
    expect(older).toEqual({ ok: false, error: { code: 'rate_limited', message } })
    const newer = CommandAck.parse({ ok: false, error: { code: 'rate_limited', message, retryAt: 'soon' } })
    expect(newer).toEqual({ ok: false, error: { code: 'rate_limited', message } })
  })
})
