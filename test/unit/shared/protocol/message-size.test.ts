import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  MAX_REPLAY_PAGE_BYTES,
  MessageBody,
  PlatformEvent,
  PRIVATE_NOTE_MAX,
  RequestDescription,
  RequestTitle,
} from '../../../../src/shared/protocol'
import { mostJsonBytes, mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import { aRequest, aSession, anAttachment } from '../../../support/fixtures'

/** `n` units of well-formed text that cost the most bytes in JSON: three UTF-8 bytes each. */
const costly = (n: number): string => '€'.repeat(n)

/** The limit a text schema checks. */
const most = (schema: { maxLength: number | null }): number => schema.maxLength ?? 0

describe('the largest message size', () => {
  it('holds a session event with every text and list at its limit, in its costliest characters', () => {
    const request = aRequest({
      title: costly(most(RequestTitle)),
      description: costly(most(RequestDescription)),
      attachments: Array.from({ length: 20 }, (_, n) => ({
        ...anAttachment(n),
        url: `https://files.standby.test/${'a'.repeat(2000)}`,
      })),
    })
    const event = PlatformEvent.parse({
      id: 1,
      at: request.createdAt,
      type: 'session.updated',
      payload: {
        session: aSession({
          request,
          privateNote: costly(PRIVATE_NOTE_MAX),
          closingNote: costly(most(MessageBody)),
        }),
      },
    })
    const bytes = new TextEncoder().encode(JSON.stringify(event)).length
    expect(bytes).toBeGreaterThan(MAX_REPLAY_PAGE_BYTES)
    expect(bytes).toBeLessThanOrEqual(mostJsonBytes(PlatformEvent))
    expect(bytes + MAX_REPLAY_PAGE_BYTES).toBeLessThan(mostMessageBytes())
  })

  it('is unbounded for a schema with an unbounded part, rather than quietly too small', () => {
    expect(mostJsonBytes(z.object({ id: z.string().max(10), note: z.string() }))).toBe(Infinity)
    expect(mostJsonBytes(z.array(z.number()))).toBe(Infinity)
  })

  it('is bounded, and far below what the websocket library takes by default', () => {
    expect(mostMessageBytes()).toBeLessThan(100 * 1024 * 1024)
    expect(Number.isFinite(mostMessageBytes())).toBe(true)
  })
})
