import { describe, expect, it } from 'vitest'
import { matchesRunSecret, newRunSecret } from '../../../src/browser-shell/run-secret'

describe('the run’s secret', () => {
  it('is new for every run', () => {
    expect(newRunSecret()).not.toBe(newRunSecret())
  })

  it('lets in only the exact secret', () => {
    const secret = newRunSecret()
    expect(matchesRunSecret(secret, secret)).toBe(true)
    for (const presented of [
      undefined,
      null,
      '',
      secret.slice(1),
      `${secret}x`,
      secret.toUpperCase(),
      [secret],
    ]) {
      expect(matchesRunSecret(secret, presented)).toBe(false)
    }
  })
})
