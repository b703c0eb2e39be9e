import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, MIN_REPLAY_PAGE_BYTES, type ReplayResponse } from '../../../../src/shared/protocol'
import { useTestPlatform } from '../../../support/test-platform'

describe('a snapshot sent in parts over HTTP', () => {
  const platform = useTestPlatform()

  it('can be followed part by part to the end, as over the socket, and a malformed position is refused', async () => {
    const expert = platform().addExpert()
    for (let i = 0; i < 12; i++) platform().inviteDirectly(expert.id, `Request over HTTP ${i}`)
    const replay = async (query: string): Promise<Response> =>
      fetch(`${platform().server.url}${HTTP_PATHS.events}?${query}`, {
        headers: { authorization: `Bearer ${expert.token}` },
      })
    const budget = `maxBytes=${MIN_REPLAY_PAGE_BYTES}`
    // A cursor ahead of the platform's newest event: a snapshot, in parts of the budget.
    const first = (await (await replay(`after=1000&${budget}`)).json()) as ReplayResponse
    if (first.kind !== 'snapshot') throw new Error('expected a snapshot')
    expect(first.snapshot.next).toBeDefined()
    const ids = first.snapshot.openInvites.map((i) => i.id)
    let next = first.snapshot.next
    for (let part = 0; next !== undefined && part < 20; part++) {
      const position = encodeURIComponent(`${next.list}:${next.id}`)
      const response = await replay(`after=1000&${budget}&snapshot=true&snapshotAfter=${position}`)
      expect(response.status).toBe(200)
      const answer = (await response.json()) as ReplayResponse
      if (answer.kind !== 'snapshot') throw new Error('expected a snapshot part')
      ids.push(...answer.snapshot.openInvites.map((i) => i.id))
      next = answer.snapshot.next
    }
    expect(next).toBeUndefined()
    // Every open invite exactly once, as the whole snapshot lists them.
    const whole = platform().server.marketplace.snapshot(expert.id)
    expect([...ids].sort()).toEqual(whole.openInvites.map((i) => i.id).sort())

    for (const query of [
      'snapshot=yes',
      'snapshotAfter=sessions',
      'snapshotAfter=nowhere:ses_1',
      'snapshot=true&snapshot=true',
    ]) {
      const refused = await replay(`after=0&${query}`)
      expect(refused.status).toBe(400)
      expect(await refused.json()).toMatchObject({ error: { code: 'invalid_payload', message: /snapshot/ } })
    }
  })
})
