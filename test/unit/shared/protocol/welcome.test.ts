import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION, Welcome } from '../../../../src/shared/protocol'

const welcome = {
  protocolVersion: PROTOCOL_VERSION,
  expertId: 'exp_ada',
  latestEventId: 0,
  serverTime: Date.UTC(2026, 0, 5),
}

describe('the welcome', () => {
  it('carries the minimum app version when the platform announces one', () => {
    expect(Welcome.parse({ ...welcome, minimumAppVersion: '1.4.0' }).minimumAppVersion).toBe('1.4.0')
    expect(Welcome.parse(welcome).minimumAppVersion).toBeUndefined()
  })

  it('drops a minimum the app cannot read instead of refusing the connection', () => {
    for (const minimumAppVersion of ['latest', 14, 'x'.repeat(10_000), null]) {
      const parsed = Welcome.safeParse({ ...welcome, minimumAppVersion })
      expect(parsed.success, String(minimumAppVersion).slice(0, 20)).toBe(true)
      expect(parsed.data?.minimumAppVersion).toBeUndefined()
    }
  })

  it('refuses an expert id no platform issues, as it refuses any other id', () => {
    for (const expertId of ['', 'x'.repeat(65), 'exp ada', 'exp_\u0000', 'exp_ad\u00e9', 42, null]) {
      expect(Welcome.safeParse({ ...welcome, expertId }).success, String(expertId).slice(0, 20)).toBe(false)
    }
    expect(Welcome.safeParse({ ...welcome, expertId: 'x'.repeat(64) }).success).toBe(true)
  })
})
