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

  it('reads build metadata and ignores it in the order, as semantic versioning does', () => {
    expect(parseAppVersion('1.5.0+ci.7')).toEqual({ core: ['1', '5', '0'], pre: [] })
    expect(parseAppVersion('1.5.0-beta.2+sha.5114f85')).toEqual({ core: ['1', '5', '0'], pre: ['beta', '2'] })
    expect(compareAppVersions('1.5.0+ci.7', '1.5.0')).toBe(0)
    expect(compareAppVersions('1.5.0+ci.7', '1.4.9')).toBe(1)
    expect(compareAppVersions('1.5.0-beta.2+ci.9', '1.5.0-beta.3')).toBe(-1)
    expect(isPrerelease('1.5.0+ci.7')).toBe(false)
  })

  it('orders numbers past what a double holds exactly (a release numbered by date and time)', () => {
    expect(parseAppVersion('1.0.202612011530')).not.toBeNull()
    expect(compareAppVersions('1.0.202612011530', '1.0.202612011529')).toBe(1)
    expect(compareAppVersions('9007199254740993.0.0', '9007199254740992.0.0')).toBe(1)
    expect(compareAppVersions('1.0.0-rc.9007199254740993', '1.0.0-rc.9007199254740992')).toBe(1)
    expect(compareAppVersions('1.0.0-rc.10', '1.0.0-rc.9')).toBe(1)
  })

  it('never takes text that is no version for a newer one', () => {
    const garbage = [
      '',
      'latest',
      '1.2',
      '01.2.3',
      '1.2.3.4',
      '9'.repeat(17) + '.0.0',
      '1.2.3-',
      '1.2.3+',
      'v1.2.3',
    ]
    for (const text of [...garbage, '1.2.3+a+b', '1.2.3+ü']) {
      expect(parseAppVersion(text), text).toBeNull()
      expect(compareAppVersions(text, '0.0.1'), text).toBeLessThan(0)
    }
  })

  it('tells a beta build', () => {
    expect(isPrerelease('1.5.0-beta.1')).toBe(true)
    expect(isPrerelease('1.5.0')).toBe(false)
  })
})
