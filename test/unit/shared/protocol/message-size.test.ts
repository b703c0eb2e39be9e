import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  Invite,
  MAX_REPLAY_PAGE_BYTES,
  Message,
  MessageBody,
  PlatformEvent,
  PRIVATE_NOTE_MAX,
  RequestDescription,
  RequestTitle,
  Session,
} from '../../../../src/shared/protocol'
import {
  leastJsonBytes,
  mostItemsInOneMessage,
  mostJsonBytes,
  mostMessageBytes,
} from '../../../../src/shared/protocol/message-size'
import { aMessage, anInvite, aRequest, aSession, anAttachment } from '../../../support/fixtures'

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

describe('the fewest bytes of an entity', () => {
  it('is a floor under every entity, the smallest that can be written among them', () => {
    const smallest = {
      id: 'm',
      requestId: 'r',
      expertId: 'e',
      from: 'client',
      body: 'x',
      sentAt: Date.UTC(2000, 0, 1),
    }
    expect(Message.safeParse(smallest).success).toBe(true)
    const samples: ReadonlyArray<[z.ZodType, unknown]> = [
      [Message, smallest],
      [Message, aMessage()],
      [Invite, anInvite()],
      [Session, aSession()],
    ]
    for (const [schema, value] of samples) {
      expect(leastJsonBytes(schema)).toBeGreaterThan(0)
      expect(leastJsonBytes(schema)).toBeLessThanOrEqual(JSON.stringify(value).length)
    }
  })

  it('leaves room in one message for as many entities as fit in it', () => {
    const message = aMessage()
    const fit = Math.floor(mostMessageBytes() / (JSON.stringify(message).length + 1))
    expect(mostItemsInOneMessage(Message)).toBeGreaterThanOrEqual(fit)
  })
})
