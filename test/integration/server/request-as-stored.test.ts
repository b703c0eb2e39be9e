/**
 * A new request is sent to its experts as it was built for its row, before anything reads the row
 * back: what they get must be what the platform reads back later (a snapshot, a session, a reader
 * of the row), whatever text the client wrote.
 */
import { describe, expect, it } from 'vitest'
import { HelpRequest } from '../../../src/shared/protocol'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const HOUR = 60 * 60_000

describe('a request as its experts get it', () => {
  const platform = useTestPlatform()

  it('is the request read back from its row, and the text stored for its invites, for awkward text', async () => {
    const tag = 'as-stored'
    const experts = [1, 2].map(() => platform().addExpert({ tags: [tag] }))
    const sockets = await Promise.all(experts.map((e) => platform().connect(e.token)))
    const now = platform().clock.now()
    const inputs = [
      {
        title: `  Lone \ud83d surrogate \u0000 and \u2028 "quotes" \\ 🚀  `,
        description: `\ude00 starts broken,\r\n\u0007 has controls, ${'and runs long. '.repeat(200)}`,
        attachments: [
          {
            name: `file \ud800.txt`,
            sizeBytes: 10,
            mimeType: 'text/plain',
            url: 'https://files.example/\udc00/é',
          },
        ],
        tags: [tag, 'Second Tag'],
        kind: 'scheduled' as const,
        proposedTimes: [now + 3 * HOUR, now + HOUR, now + 2 * HOUR],
        expectedDurationMinutes: 45,
      },
      { title: 'Plain', kind: 'instant' as const, tags: [tag] },
    ]
    for (const [round, input] of inputs.entries()) {
      const { request } = platform().server.marketplace.createRequest({
        clientId: platform().addClient(`Zoë \ud83d "Client" ${round}`),
        ...input,
      })
      const sent = await Promise.all(
        sockets.map((s) =>
          s.waitForEvent((e) => e.type === 'invite.created' && e.payload.invite.request.id === request.id),
        ),
      )
      const readBack = platform().server.marketplace.store.request(request.id)
      const stored = platform()
        .server.marketplace.db.prepare<[string], string>('SELECT invite_json FROM requests WHERE id = ?')
        .pluck()
        .get(request.id)
      for (const event of sent) {
        if (event.type !== 'invite.created') throw new Error('expected an invite')
        // Parsed as the app parses it, and byte for byte the request the platform reads back.
        expect(HelpRequest.parse(event.payload.invite.request)).toEqual(readBack)
        expect(JSON.stringify(event.payload.invite.request)).toBe(JSON.stringify(readBack))
      }
      expect(stored).toBe(JSON.stringify(readBack))
      expect(request).toEqual(readBack)
    }
    expect(sockets[0]!.events.filter(ofType('invite.created'))).toHaveLength(inputs.length)
  })
})
