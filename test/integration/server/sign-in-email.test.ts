/**
 * An email address is one account however it is typed: in another letter case, or pasted with
 * spaces around it. An address no account has still costs a full password check, so a wrong
 * address cannot be told from a wrong password by how long the answer takes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { HTTP_PATHS, SignInResponse } from '../../../src/shared/protocol'
import { hashPassword, verifyPassword } from '../../../server/src/auth'
import { useTestPlatform } from '../../support/test-platform'

describe('signing in with an email address typed another way', () => {
  // Which stored hash each password check was made against: undefined is the decoy for no account.
  const checkedAgainst: Array<string | undefined> = []
  const platform = useTestPlatform({
    signInLimits: { addressFreeFailures: 10_000 },
    verifyPassword: (password, stored) => {
      checkedAgainst.push(stored)
      return verifyPassword(password, stored)
    },
  })

  const signIn = async (email: string, password: string) => {
    const res = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    return { status: res.status, body: (await res.json()) as unknown }
  }

  let adaId = ''
  beforeAll(async () => {
    adaId = platform().server.marketplace.createExpert({
      name: 'Ada',
      email: 'ada@standby.test',
      passwordHash: await hashPassword('correct horse'),
      timeZone: 'Europe/London',
    })
  })

  it('signs in to the one account with another case or spaces around the address', async () => {
    for (const email of [
      'ada@standby.test',
      'Ada@Standby.TEST',
      '  ada@standby.test ',
      '\tADA@standby.test\n',
    ]) {
      const answer = await signIn(email, 'correct horse')
      expect(answer.status, JSON.stringify(email)).toBe(200)
      expect(SignInResponse.parse(answer.body).expert.id).toBe(adaId)
    }
  })

  it('refuses a wrong password or an unknown address alike, each after a full password check', async () => {
    for (const email of [' Ada@standby.test ', ' nobody@standby.test ']) {
      checkedAgainst.length = 0
      const answer = await signIn(email, 'wrong horse')
      expect(answer).toEqual({
        status: 401,
        body: { error: { code: 'unauthorized', message: 'Wrong email or password.' } },
      })
      expect(checkedAgainst).toHaveLength(1)
    }
    // The unknown address was checked against the decoy, not skipped.
    expect(checkedAgainst).toEqual([undefined])
  })

  it('refuses a second account whose address differs only by case or spaces, and keeps the address trimmed', async () => {
    const { marketplace } = platform().server
    for (const email of ['ADA@standby.test', ' ada@standby.test ']) {
      expect(() =>
        marketplace.createExpert({ name: 'Ada Again', email, passwordHash: 'x', timeZone: 'Europe/London' }),
      ).toThrow(/UNIQUE/)
    }
    const id = marketplace.createExpert({
      name: 'Grace',
      email: ' grace@standby.test ',
      passwordHash: 'x',
      timeZone: 'Europe/London',
    })
    expect(marketplace.store.expert(id).email).toBe('grace@standby.test')
  })
})
