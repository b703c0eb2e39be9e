// A replay whose answer closed the connection for its size is asked again as one event, and one
// event that still cannot cross is passed over: asked the same for ever, it stopped catching up.
import { describe, expect, it } from 'vitest'
import type { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import type { ReplayOptions } from '../../../../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import { AnswerTooLarge } from '../../../../../src/main/core/ports/link-transport'
import { PacedReplay } from '../../../../../src/main/core/sync/paced-replay'

const silent = { info: () => {}, warn: () => {}, error: () => {} }
const cache = { cursor: () => 4, cursorDigest: () => 'd_4', expert: () => null } as unknown as CacheStore

/** Paced replays over a link whose every answer fails with `error`, and the pages asked. */
function failingWith(error: Error) {
  const asked: ReplayOptions[] = []
  const link = {
    state: { kind: 'disconnected' },
    replay: (_after: number, options: ReplayOptions) => {
      asked.push(options)
      return Promise.reject(error)
    },
  } as unknown as PlatformLink
  return { pages: new PacedReplay(link, cache, silent), asked }
}

describe('a replay answer over the size limit', () => {
  it('of one event passes that event over as unreadable, with no digest', async () => {
    const { pages, asked } = failingWith(new AnswerTooLarge('the platform sent a message too large'))
    const page = await pages.next(false, undefined)
    expect(asked.map((options) => options.limit)).toEqual([1])
    expect(page).toMatchObject({ kind: 'events', hasMore: false })
    expect(page.kind === 'events' && page.entries).toEqual([
      {
        type: 'unreadable',
        id: 5,
        platformFault: true,
        problem: expect.stringMatching(/larger than any message.*tell the platform's support/),
      },
    ])
  })

  it('over a snapshot part is thrown on: a snapshot has no event to pass over', async () => {
    const { pages, asked } = failingWith(new AnswerTooLarge('the platform sent a message too large'))
    await expect(pages.next(true, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    await expect(pages.next(false, undefined)).resolves.toMatchObject({ kind: 'events' })
    expect(asked.at(-1)).toMatchObject({ limit: 1, snapshot: false })
  })

  it('a connection dropped for any other reason passes nothing over', async () => {
    const { pages } = failingWith(new Error('socket has been disconnected'))
    pages.smaller()
    await expect(pages.next(false, undefined)).rejects.toThrow('socket has been disconnected')
  })
})
