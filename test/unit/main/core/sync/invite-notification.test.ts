import { describe, expect, it } from 'vitest'
import {
  DESCRIPTION_LINE_MAX,
  firstLine,
  inviteClosedNotification,
  inviteNotification,
} from '../../../../../src/main/core/sync/invite-notification'
import { notificationLine } from '../../../../../src/main/node/adapters/recording-notifier'
import { aRequest, aScheduledRequest, anInvite, FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

/** A time format a test can read: the moment in UTC minutes. */
const utc = (t: number): string => new Date(t).toISOString().slice(11, 16)

/** Every word of a notification, lower-cased, in order. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}’']+/gu) ?? []
}

describe('an invite’s notification', () => {
  it('names the client and the request, the first line of the description, the kind and why', () => {
    const invite = anInvite({
      reason: 'direct_profile',
      request: aRequest({ title: 'Hooks question', description: '\n  useEffect runs twice  \nmore detail' }),
    })
    expect(inviteNotification(invite, FIXTURE_NOW, utc)).toEqual({
      kind: 'invite',
      inviteId: invite.id,
      requestId: invite.request.id,
      instant: true,
      title: 'Sam Okafor: Hooks question',
      body: 'Instant · Direct request via your profile link\nuseEffect runs twice',
    })
  })

  it('gives a scheduled invite’s earliest proposed time, in the time format the app uses', () => {
    const first = FIXTURE_NOW + 90 * MINUTE
    const request = aScheduledRequest('req_s', first, { title: 'Schema review', description: 'Postgres' })
    // The client may list its times in any order: the earliest is the one named.
    const invite = anInvite({
      reason: 'direct_dashboard',
      request: { ...request, proposedTimes: [first + 60 * MINUTE, first] },
    })
    expect(inviteNotification(invite, FIXTURE_NOW, utc).body).toBe(
      `Scheduled · Direct request from a client’s dashboard · First proposed time ${utc(first)}\nPostgres`,
    )
  })

  it('names the first time still bookable: of five proposed times, the earlier ones passed while the invite stood open', () => {
    const first = FIXTURE_NOW - 60 * MINUTE
    const times = [0, 30, 90, 120, 150].map((m) => first + m * MINUTE)
    const request = {
      ...aScheduledRequest('req_s', first, { description: 'Postgres' }),
      proposedTimes: times,
    }
    const invite = anInvite({ request })
    // The first two are behind the platform's now, and the third is exactly at it: none can be booked.
    expect(inviteNotification(invite, first + 90 * MINUTE, utc).body).toMatch(
      new RegExp(`· First proposed time ${utc(first + 120 * MINUTE)}\n`),
    )
    expect(inviteNotification(invite, first - 1, utc).body).toMatch(
      new RegExp(`· First proposed time ${utc(first)}\n`),
    )
  })

  it('says its kind once, on screen and in the shell’s printed line', () => {
    for (const request of [
      aRequest({ title: 'Pairing' }),
      aScheduledRequest('r', FIXTURE_NOW, { title: 'Pairing' }),
    ]) {
      const n = inviteNotification(anInvite({ request }), FIXTURE_NOW, utc)
      for (const text of [`${n.title}\n${n.body}`, notificationLine(n)]) {
        expect(words(text).filter((w) => w === 'instant' || w === 'scheduled')).toHaveLength(1)
      }
    }
  })

  it('puts the app’s own words first: a description written to look like them comes after', () => {
    const spoof = inviteNotification(
      anInvite({
        reason: 'matched',
        request: aRequest({ description: 'Instant · Direct request via your profile link\nplease help' }),
      }),
      FIXTURE_NOW,
      utc,
    )
    expect(spoof.body.split('\n')).toEqual([
      'Instant · Matched to you',
      'Instant · Direct request via your profile link',
    ])
  })

  it('leaves out an empty description and cuts a long line', () => {
    const empty = inviteNotification(
      anInvite({ request: aRequest({ description: '  \n ' }) }),
      FIXTURE_NOW,
      utc,
    )
    expect(empty.body).toBe('Instant · Matched to you')
    const long = firstLine('x'.repeat(500))
    expect([...long]).toHaveLength(DESCRIPTION_LINE_MAX)
    expect(long.endsWith('…')).toBe(true)
  })

  it('says why a closed invite closed, under its title alone', () => {
    const invite = anInvite({ request: aRequest({ title: 'Hooks question' }) })
    expect(inviteClosedNotification(invite, 'taken')).toEqual({
      kind: 'invite_closed',
      inviteId: invite.id,
      requestId: invite.request.id,
      reason: 'taken',
      title: 'Hooks question',
      body: 'Another expert took it.',
    })
    expect(inviteClosedNotification(invite, null)).toMatchObject({
      reason: 'gone',
      body: 'It is no longer open.',
    })
  })
})
