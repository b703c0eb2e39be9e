import { describe, expect, it } from 'vitest'
import {
  CommandAck,
  ConnectRefusal,
  NO_REASON_GIVEN,
  PROTOCOL_VERSION,
} from '../../../../src/shared/protocol'

describe('the sentence of a refusal from the platform', () => {
  it('is never blank: a refusal that says nothing still tells the expert it was refused and what to do', () => {
    for (const message of ['', '   ', '\u0000\t', '.', '…', '?!', ' : ', '""']) {
      const ack = CommandAck.parse({ ok: false, error: { code: 'conflict', message } })
      expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', message: NO_REASON_GIVEN } })
      const refusal = ConnectRefusal.parse({
        code: 'unauthorized',
        message,
        serverProtocolVersion: PROTOCOL_VERSION,
      })
      expect(refusal.message).toBe(NO_REASON_GIVEN)
    }
  })

  it('keeps the platform’s own words when it gives some', () => {
    const ack = CommandAck.parse({
      ok: false,
      error: { code: 'taken', message: ' Taken by another expert. ' },
    })
    expect(ack).toMatchObject({ error: { message: 'Taken by another expert.' } })
    for (const message of ['🔧', '42', '停止中。']) {
      expect(CommandAck.parse({ ok: false, error: { code: 'busy', message } })).toMatchObject({
        error: { message },
      })
    }
  })
})
