// A replay whose answer closed the connection for its size is asked again as one event, and one
// event that still cannot cross on a second connection is passed over: asked the same for ever, it
// stopped catching up. Once only is no proof: any frame over the limit (a live push) closes the
// connection, and the good event after the cursor must not be passed over for it.
import { describe, expect, it } from 'vitest'
import type { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import type { ReplayOptions } from '../../../../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import { AnswerTooLarge } from '../../../../../src/main/core/ports/link-transport'
import { PacedReplay } from '../../../../../src/main/core/sync/paced-replay'
import { PROTOCOL_VERSION, type Welcome } from '../../../../../src/shared/protocol'
import { mostEntityBytes } from '../../../../../src/shared/protocol/message-size'
import { ReplayRefused } from '../../../../../src/main/core/connection/replay-request'

const silent = { info: () => {}, warn: () => {}, error: () => {} }
const cache = { cursor: () => 4, cursorDigest: () => 'd_4', expert: () => null } as unknown as CacheStore
/** A new connection's welcome: each is another object, as each connection's is. */
const welcome = (): Welcome => ({
  protocolVersion: PROTOCOL_VERSION,
  expertId: 'exp_ada',
  latestEventId: 5,
  serverTime: 0,
})
const tooLarge = () => new AnswerTooLarge('the platform sent a message too large')

/**
 * Paced replays over a link whose every answer fails with `error`, the pages asked, and a way to
 * reconnect (to a platform whose welcome says `leavesOutTooLarge` from then on, when told).
 */
function failingWith(error: () => Error) {
  const asked: ReplayOptions[] = []
  const link = {
    state: { kind: 'connected', welcome: welcome() },
    replay: (_after: number, options: ReplayOptions) => {
      asked.push(options)
      return Promise.reject(error())
    },
  }
  const reconnect = (leavesOutTooLarge?: true) =>
    void (link.state = { kind: 'connected', welcome: { ...welcome(), leavesOutTooLarge } })
  return { pages: new PacedReplay(link as unknown as PlatformLink, cache, silent), asked, reconnect }
}

describe('a replay answer over the size limit', () => {
  it('of one event, on a second connection too, passes that event over as unreadable, with no digest', async () => {
    const { pages, asked, reconnect } = failingWith(tooLarge)
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    const page = await pages.next(false, undefined)
    expect(asked.map((options) => options.limit)).toEqual([1, 1])
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

  it('of one event, once, passes nothing over: a live push over the limit fails the page alike', async () => {
    const { pages, reconnect } = failingWith(tooLarge)
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    // Asked again over the same connection (no new welcome), it proves nothing more.
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    await expect(pages.next(false, undefined)).resolves.toMatchObject({ kind: 'events' })
  })

  it('over a snapshot part is thrown on: a snapshot has no event to pass over', async () => {
    const { pages, asked, reconnect } = failingWith(tooLarge)
    await expect(pages.next(true, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    await expect(pages.next(false, undefined)).resolves.toMatchObject({ kind: 'events' })
    expect(asked.at(-1)).toMatchObject({ limit: 1, snapshot: false })
  })

  it('a connection dropped for any other reason passes nothing over', async () => {
    const { pages, reconnect } = failingWith(() => new Error('socket has been disconnected'))
    pages.smaller()
    await expect(pages.next(false, undefined)).rejects.toThrow('socket has been disconnected')
    reconnect()
    await expect(pages.next(false, undefined)).rejects.toThrow('socket has been disconnected')
  })
})

describe('after an answer over the size limit', () => {
  it('a snapshot is asked leaving out what is too large, and a page of events as before', async () => {
    const { pages, asked, reconnect } = failingWith(tooLarge)
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    await pages.next(false, undefined)
    await expect(pages.next(true, undefined)).rejects.toThrow(
      /though Standby asked it to leave out what is too large/,
    )
    expect(asked.map((options) => options.leaveOutOver)).toEqual([undefined, undefined, mostEntityBytes()])
  })

  it('a snapshot over the size limit though asked to leave out what is too large is said to be the platform not doing so', async () => {
    const { pages, reconnect } = failingWith(tooLarge)
    await expect(pages.next(true, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    reconnect()
    await expect(pages.next(true, undefined)).rejects.toThrow(
      /^the platform sent a message larger than any Standby can take while sending its snapshot, though Standby asked it to leave out what is too large \(.+\)\. Tell the platform's support$/,
    )
  })

  /** A snapshot answered over the size limit, and on the next connection the key refused. */
  async function keyRefusedAfterTooLarge(said: RegExp) {
    let fail: () => Error = tooLarge
    const made = failingWith(() => fail())
    await expect(made.pages.next(true, undefined)).rejects.toBeInstanceOf(AnswerTooLarge)
    made.reconnect()
    fail = () => new ReplayRefused('Invalid replay: unrecognized key', undefined, 'invalid_payload')
    await expect(made.pages.next(true, undefined)).rejects.toThrow(said)
    return made
  }

  it('a platform refusing the key is not asked it again, and the catch-up says why it cannot go on', async () => {
    const { pages, asked } = await keyRefusedAfterTooLarge(
      /cannot leave what is too large out of its snapshot.*Tell the platform's support/,
    )
    await expect(pages.next(true, undefined)).rejects.toBeInstanceOf(ReplayRefused)
    expect(asked.map((options) => options.leaveOutOver)).toEqual([undefined, mostEntityBytes(), undefined])
  })

  it('a platform whose welcome says it takes the key is asked it, though one before it refused it', async () => {
    const { pages, asked, reconnect } = await keyRefusedAfterTooLarge(/cannot leave what is too large out/)
    // The platform was updated meanwhile, and says so in its welcome.
    reconnect(true)
    await expect(pages.next(true, undefined)).rejects.toBeInstanceOf(ReplayRefused)
    expect(asked.at(-1)?.leaveOutOver).toBe(mostEntityBytes())
  })

  it('a refusal from a platform whose welcome says it takes the key is told as it is, not as an entity too large', async () => {
    const { pages, asked, reconnect } = failingWith(
      () =>
        new ReplayRefused(
          'Invalid replay: digest is not one this platform gave',
          undefined,
          'invalid_payload',
        ),
    )
    reconnect(true)
    const refusal = await pages.next(false, undefined).catch((error: unknown) => error)
    expect(String(refusal)).toMatch(/^ReplayRefused: The platform refused the replay: Invalid replay: digest/)
    await expect(pages.next(false, undefined)).rejects.toBeInstanceOf(ReplayRefused)
    expect(asked.map((options) => options.leaveOutOver)).toEqual([mostEntityBytes(), mostEntityBytes()])
  })
})
