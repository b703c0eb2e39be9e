import { describe, expect, it } from 'vitest'
import {
  chargebacksToWarn,
  chargebackWarning,
  lowAverageStep,
} from '../../../../../src/main/core/standing/standing-rule'
import { aSession } from '../../../../support/fixtures'
import { reviewFigures } from '../../../../support/review-fixtures'

describe('the standing warning rule', () => {
  it('warns on a crossing below the threshold, and not again while the average stays below', () => {
    expect(lowAverageStep(reviewFigures(3.9), false)).toBe('warn')
    expect(lowAverageStep(reviewFigures(3.5), true)).toBe('none')
  })

  it('takes an average exactly at the threshold as not below', () => {
    expect(lowAverageStep(reviewFigures(4), false)).toBe('none')
    expect(lowAverageStep(reviewFigures(4), true)).toBe('rearm')
  })

  it('rearms once the average is back up, so the next crossing warns again', () => {
    expect(lowAverageStep(reviewFigures(4.2), true)).toBe('rearm')
    expect(lowAverageStep(reviewFigures(4.2), false)).toBe('none')
  })

  it('changes nothing without figures: before any review, or from a platform without reviews', () => {
    expect(lowAverageStep(reviewFigures(null), false)).toBe('none')
    expect(lowAverageStep(null, true)).toBe('none')
    expect(lowAverageStep(null, false)).toBe('none')
  })

  it('follows the threshold the platform sends', () => {
    expect(lowAverageStep(reviewFigures(4.2, { threshold: 4.5 }), false)).toBe('warn')
  })

  it('warns about each chargeback once', () => {
    const chargeback = { reason: '', recordedAt: 1 }
    const first = aSession({ id: 'ses_1', chargeback })
    const second = aSession({ id: 'ses_2', chargeback })
    expect(chargebacksToWarn([first, second], [])).toEqual([first, second])
    expect(chargebacksToWarn([first, second], [chargebackWarning('ses_1')])).toEqual([second])
    expect(chargebacksToWarn([first], [chargebackWarning('ses_1')])).toEqual([])
  })
})
