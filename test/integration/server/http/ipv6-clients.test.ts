import { beforeAll, describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { hashPassword } from '../../../../server/src/auth'
import { exchange, peerRelay } from '../../../support/peer-relay'
import { useTestPlatform } from '../../../support/test-platform'

const PASSWORD = 'correct horse'

const signInRequest = (email: string, password: string): string => {
  const body = JSON.stringify({ email, password })
  return (
    `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  )
}

describe('clients on IPv6, each of which holds a whole /64 of addresses', () => {
  const platform = useTestPlatform({
    signInLimits: { addressFreeFailures: 3, accountFreeFailures: 50 },
    connections: { perAddress: 2, firstRequestMs: 60_000 },
  })
  const from = peerRelay(platform)
  const accounts = Array.from({ length: 5 }, (_, i) => `v6-${i}@example.test`)
  beforeAll(async () => {
    const passwordHash = await hashPassword(PASSWORD)
    for (const email of accounts)
      platform().server.marketplace.createExpert({ name: email, email, passwordHash, timeZone: 'UTC' })
  })

  it('wait for sign-in guesses as one address, whichever address of the /64 they use', async () => {
    for (const [n, email] of accounts.slice(0, 3).entries()) {
      const answer = await exchange(await from(`2001:db8:1:2::${n + 1}`), signInRequest(email, 'wrong'))
      expect(answer).toMatch(/^HTTP\/1\.1 401/)
    }
    const next = await exchange(await from('2001:db8:1:2:ffff::9'), signInRequest(accounts[3]!, PASSWORD))
    expect(next).toMatch(/^HTTP\/1\.1 429/)
    expect(next).toMatch(/this address/)
    // Another network is another client.
    const elsewhere = await exchange(await from('2001:db8:1:3::1'), signInRequest(accounts[4]!, PASSWORD))
    expect(elsewhere).toMatch(/^HTTP\/1\.1 200/)
  })

  it('hold at most the connections of one address, whichever address of the /64 they use', async () => {
    const held = [await from('2001:db8:5:6::1'), await from('2001:db8:5:6::2')]
    const over = await exchange(await from('2001:db8:5:6:abcd::3'), '')
    expect(over).toMatch(/^HTTP\/1\.1 503/)
    const elsewhere = await exchange(
      await from('2001:db8:5:7::1'),
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    )
    expect(elsewhere).toMatch(/^HTTP\/1\.1 200/)
    for (const socket of held) socket.destroy()
  })
})
