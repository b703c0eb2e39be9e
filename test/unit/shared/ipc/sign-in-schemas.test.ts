import { describe, expect, it } from 'vitest'
import { PlatformAddress } from '../../../../src/shared/ipc/sign-in-schemas'

/** The sentence the schema refuses `url` with. */
const refusal = (url: string): string | undefined => PlatformAddress.safeParse(url).error?.issues[0]?.message

describe('the platform address the settings and the host carry', () => {
  it('says what is wrong with a refused address, in words that never repeat it', () => {
    expect(refusal('https://p.example.org:6000')).toMatch(/^The port in the platform address, 6000, /)
    expect(refusal('https://ada:s3cret@p.example.org')).toMatch(/user name or password/)
    expect(refusal('http://p.example.org/base')).toMatch(/https:\/\//)
    for (const url of ['https://ada:s3cret@p.example.org', 'http://p.example.org/base'])
      expect(refusal(url)).not.toMatch(/s3cret|p\.example\.org/)
    expect(PlatformAddress.safeParse('https://p.example.org:4455').success).toBe(true)
  })
})
