import { describe, expect, it } from 'vitest'
import { compareAppVersions, isPrerelease, parseAppVersion } from '../../../../src/shared/rules/app-version'

describe('app versions', () => {
  it('orders versions by semantic-versioning precedence, a pre-release before its release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-beta.10', '1.2.0-beta.2', '1.2.0-alpha', '0.9.9', '1.2.0-beta']
    expect([...sorted].sort(compareAppVersions)).toEqual([
      '0.9.9',
      '1.2.0-alpha',
      '1.2.0-beta',
      '1.2.0-beta.2',
      '1.2.0-beta.10',
      '1.2.0',
      '1.10.0',
    ])
    expect(compareAppVersions('1.2.3', '1.2.3')).toBe(0)
  })

  it('never takes text that is no version for a newer one', () => {
    for (const garbage of ['', 'latest', '1.2', '01.2.3', '1.2.3.4', '9'.repeat(20) + '.0.0', '1.2.3-']) {
      expect(parseAppVersion(garbage), garbage).toBeNull()
      expect(compareAppVersions(garbage, '0.0.1'), garbage).toBeLessThan(0)
    }
  })

  it('tells a beta build', () => {
    expect(isPrerelease('1.5.0-beta.1')).toBe(true)
    expect(isPrerelease('1.5.0')).toBe(false)
  })
})
